import type { Database } from '../db/client';
import { createAccessAnomalyActivities } from './access-anomaly';
import { createBackupActivities, type BackupActivitySettings } from './backups';
import { createAlarmLinkageActivities } from './alarm-linkage';
import { createDataReviewActivities } from './data-review';
import { createAccessControlActivities } from './access-control';
import { createDeviceCommandActivities } from './device-commands';
import { createDeviceUpgradeActivities } from './device-upgrade';
import { createFaultRepairActivities } from './fault-repair';
import { createGovernanceActivities } from './governance';
import { createHumanTaskActivities } from './human-tasks';
import { createInspectionActivities } from './inspection';
import { createOwnersVoteActivities } from './owners-vote';
import { createOwnerFeedbackActivities } from './owner-feedback';
import { createAnnouncementActivities } from './announcements';
import { createProcessProjectionActivities } from './process-projection';
import { createProjectAcceptanceActivities } from './project-acceptance';
import { createProjectDeliveryActivities } from './project-delivery';
import { createSupplierEvaluationActivities } from './supplier-evaluation';
import { createProcurementActivities } from './procurement';
import { createReplayAuditActivities } from './replay-audit';
import { createSupplierActivities } from './suppliers';
import { createTrainingActivities } from './training';
import type { DeliveryTimings } from '../workflows/project-delivery/messages';
import type { ProcurementSettings } from '../workflows/procurement/messages';
import type { PdfFontSettings } from '../integrations/documents/pdf-typeface';
import type { WorkflowBundle } from '../domain/history-replay';

/** The worker's configuration, each factory taking what it needs. */
export interface ActivitySettings extends BackupActivitySettings {
  /** The durations of a delivery started without its own (by procurement). */
  delivery: DeliveryTimings;
  /** Thresholds and durations a procurement reads once at its start. */
  procurement: ProcurementSettings;
  /** Supplier documents expiring this soon are flagged. */
  supplierDocumentWarnMs: number;
  /** The door controllers' clock, for credential validity windows. */
  deviceTimeZone: string;
  pdfFont: PdfFontSettings;
}

export interface ActivityDependencies extends ActivitySettings {
  db: Database;
  /** The workflow code recorded histories are replayed against (the nightly replay audit). */
  replayBundle: WorkflowBundle;
}

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createHumanTaskActivities(dependencies),
    ...createProcessProjectionActivities(dependencies),
    ...createFaultRepairActivities(dependencies),
    ...createProjectDeliveryActivities(dependencies),
    ...createProjectAcceptanceActivities(dependencies),
    ...createSupplierEvaluationActivities(dependencies),
    ...createInspectionActivities(dependencies),
    ...createSupplierActivities(dependencies),
    ...createProcurementActivities(dependencies),
    ...createDeviceCommandActivities(dependencies),
    ...createAlarmLinkageActivities(dependencies),
    ...createAccessControlActivities(dependencies),
    ...createGovernanceActivities(dependencies),
    ...createOwnersVoteActivities(dependencies),
    ...createAccessAnomalyActivities(dependencies),
    ...createReplayAuditActivities(dependencies),
    ...createDataReviewActivities(dependencies),
    ...createBackupActivities(dependencies),
    ...createDeviceUpgradeActivities(dependencies),
    ...createOwnerFeedbackActivities(dependencies),
    ...createTrainingActivities(dependencies),
    ...createAnnouncementActivities(dependencies),
  };
}
