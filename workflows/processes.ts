import { accessAnomalyProcess } from './access-anomaly/definition';
import { accessRevocationProcess } from './access-revocation/definition';
import { alarmLinkageProcess } from './alarm-linkage/definition';
import { announcementProcess } from './announcement/definition';
import { annualPlanProcess } from './annual-plan/definition';
import { committeeFilingProcess } from './committee-filing/definition';
import { credentialEnrolmentProcess } from './credential-enrolment/definition';
import { dataReviewProcess } from './data-review/definition';
import { deviceUpgradeProcess } from './device-upgrade/definition';
import { faceDeletionProcess } from './face-deletion/definition';
import { faultRepairProcess } from './fault-repair/definition';
import { inspectionProcess } from './inspection/definition';
import type { AnyProcessDefinition } from './lib/process-definition';
import { ownersVoteProcess } from './owners-vote/definition';
import { ownerFeedbackProcess } from './owner-feedback/definition';
import { plateListProcess } from './plate-list/definition';
import { procurementProcess } from './procurement/definition';
import { projectAcceptanceProcess } from './project-acceptance/definition';
import { projectDeliveryProcess } from './project-delivery/definition';
import { replayAuditProcess } from './replay-audit/definition';
import { backupProcess } from './backup/definition';
import { supplierEvaluationProcess } from './supplier-evaluation/definition';
import { supplierQualificationProcess } from './supplier-qualification/definition';
import { supplierRequalificationProcess } from './supplier-requalification/definition';
import { trainingCycleProcess } from './training-cycle/definition';
import { visitorPassProcess } from './visitor-pass/definition';

/**
 * Every process Steward runs. The worker's workflows, the catalogue, the API's starts and the UI's labels
 * are all derived from this list: adding a process is its folder and one line here.
 */
export const PROCESSES = [
  faultRepairProcess,
  projectDeliveryProcess,
  projectAcceptanceProcess,
  supplierEvaluationProcess,
  inspectionProcess,
  supplierQualificationProcess,
  procurementProcess,
  supplierRequalificationProcess,
  alarmLinkageProcess,
  credentialEnrolmentProcess,
  visitorPassProcess,
  accessRevocationProcess,
  faceDeletionProcess,
  plateListProcess,
  annualPlanProcess,
  committeeFilingProcess,
  ownersVoteProcess,
  replayAuditProcess,
  backupProcess,
  accessAnomalyProcess,
  dataReviewProcess,
  deviceUpgradeProcess,
  ownerFeedbackProcess,
  trainingCycleProcess,
  announcementProcess,
] as const satisfies readonly AnyProcessDefinition[];

export type ProcessName = (typeof PROCESSES)[number]['name'];

/** A process by its catalogue name (`fault-repair`), or undefined for a name Steward does not know. */
export const processNamed = (name: string): (typeof PROCESSES)[number] | undefined => PROCESSES.find((definition) => definition.name === name);
