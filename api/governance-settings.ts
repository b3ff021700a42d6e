import type { AnnualPlanTimings, ContributingDepartment } from '../workflows/annual-plan/messages';
import type { OwnersVoteTimings } from '../workflows/owners-vote/messages';

export interface GovernanceSettings {
  vote: OwnersVoteTimings;
  plan: AnnualPlanTimings;
  departments: ContributingDepartment[];
  /** Cron of the year-end schedule that starts the annual plan (P2.1a). */
  annualPlanCron: string;
  /** The workflow type an effective plan's projects start (P2.2b); empty: projects are only recorded ready. */
  procurementWorkflowType: string | null;
}
