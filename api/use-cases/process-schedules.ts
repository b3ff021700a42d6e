import type { ApiContext } from '../context';
import { ensureAnnualPlanSchedule } from './annual-plan';
import { ensureBackupSchedules } from './backups';
import { ensureInspectionSchedules } from './inspection-schedules';
import { ensureReplayNightlySchedule } from './process-replay';
import { ensureQuarterlyEvaluationSchedule } from './supplier-evaluation';
import { ensureRequalificationSchedule } from './suppliers';
import { ensureTrainingSchedules } from './training';
import { ensureFirmwareAssessmentSchedule, firmwareAssessmentScheduleId } from './upgrade-assessment';

/**
 * Every Temporal Schedule the regulations ask for: inspections (P3.1a), supplier re-qualification
 * (P2.2a), quarterly supplier evaluation (P2.2c), the year-end plan (P2.1a), the nightly replay audit
 * (P3.3b), the backups and their restore drill (P5.2b), the firmware assessment (P3.3a), the year-start training
 * cycle (P6.1a) and the security course's reminders (P5.3a). Safe on every start.
 */
export async function ensureProcessSchedules(ctx: ApiContext): Promise<{ inspectionPlans: number }> {
  const inspectionPlans = await ensureInspectionSchedules(ctx);
  await ensureRequalificationSchedule(ctx.temporal, ctx.taskQueue, ctx.settings.suppliers);
  await ensureQuarterlyEvaluationSchedule(ctx.temporal, ctx.taskQueue, ctx.settings);
  await ensureAnnualPlanSchedule(ctx.temporal, ctx.taskQueue, ctx.settings.governance);
  await ensureReplayNightlySchedule(ctx.temporal, ctx.taskQueue, ctx.settings.replay);
  await ensureBackupSchedules(ctx.temporal, ctx.taskQueue, ctx.settings);
  await ensureFirmwareAssessmentSchedule(ctx.temporal, ctx.taskQueue, ctx.settings.upgradeAssessment, firmwareAssessmentScheduleId(ctx));
  await ensureTrainingSchedules(ctx.temporal, ctx.taskQueue, ctx.settings.training);
  return { inspectionPlans };
}
