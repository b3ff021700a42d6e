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

const days = (env: NodeJS.ProcessEnv, name: string, fallback: number) => {
  const value = Number(env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of days`);
  return Math.round(value * 86_400_000);
};

function departments(spec: string): ContributingDepartment[] {
  return spec
    .split(',')
    .filter(Boolean)
    .map((entry) => {
      const [department, role] = entry.split(':');
      if (!department || !role) throw new Error(`PLAN_DEPARTMENTS: "${entry}" is not department:role`);
      return { department, role };
    });
}

/** P2.1a–c durations; the owners' vote notice is published 15 days ahead by default. */
export function governanceSettings(env: NodeJS.ProcessEnv = process.env): GovernanceSettings {
  const vote = {
    noticeMs: days(env, 'VOTE_NOTICE_DAYS', 15),
    votingMs: days(env, 'VOTE_VOTING_DAYS', 7),
    objectionMs: days(env, 'VOTE_OBJECTION_DAYS', 7),
  };
  return {
    vote,
    plan: {
      contributionDueMs: days(env, 'PLAN_CONTRIBUTION_DAYS', 10),
      draftDueMs: days(env, 'PLAN_DRAFT_DAYS', 10),
      budgetDueMs: days(env, 'PLAN_BUDGET_DAYS', 7),
      approvalDueMs: days(env, 'PLAN_APPROVAL_DAYS', 5),
      filing: { acknowledgementDueMs: days(env, 'FILING_ACKNOWLEDGEMENT_DAYS', 7) },
      vote,
    },
    departments: departments(env.PLAN_DEPARTMENTS ?? 'security:guard,monitoring:monitoring-operator'),
    annualPlanCron: env.ANNUAL_PLAN_CRON ?? '0 9 1 12 *',
    procurementWorkflowType: env.PROCUREMENT_WORKFLOW_TYPE === '' ? null : (env.PROCUREMENT_WORKFLOW_TYPE ?? 'procurement'),
  };
}
