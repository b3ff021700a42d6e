/** API shapes of the governance routes (P2.1a–c): owners' votes, committee filings, annual plans. */

export interface Participation {
  area: number;
  heads: number;
  rollArea: number | null;
  rollHeads: number | null;
  areaPercent: number | null;
  headsPercent: number | null;
  quorum: { area: boolean; heads: boolean };
}

export interface Weight {
  areaHundredths: number;
  heads: number;
}

export type BallotChoice = 'for' | 'against' | 'abstain';

export interface Vote {
  voteId: string;
  workflowId: string;
  title: string;
  description: string;
  item: number;
  status: 'notice' | 'open' | 'counting' | 'objection-period' | 'final';
  noticeAt: string;
  opensAt: string;
  closesAt: string;
  objectionEndsAt: string | null;
  planWorkflowId: string | null;
  participation: Participation;
  rollDigest: string | null;
  ballotsDigest: string | null;
  result: {
    outcome: 'passed' | 'rejected' | 'no-quorum';
    rule: string;
    totals: { roll: Weight; for: Weight; against: Weight; abstain: Weight };
  } | null;
  me: {
    voterId: string | null;
    ballot: { choice: BallotChoice; castAt: string; castBy: string; proxyName: string | null } | null;
    proxy: { proxyOwnerId: string | null; proxyName: string } | null;
    proxyFor: { voterId: string; label: string; voted: boolean }[];
  } | null;
}

export interface Filing {
  workflowId: string;
  planWorkflowId: string;
  year: number;
  title: string;
  packageDigest: string;
  filedAt: string;
  status: 'awaiting-receipt' | 'acknowledged' | 'returned';
  receiptNumber: string | null;
  decidedAt: string | null;
  comment: string | null;
}

export interface PlanProject {
  projectId: string;
  title: string;
  priority: number;
  estimateYuan: number;
  major: boolean;
  art278Item: number | null;
  status: string;
  voteWorkflowId: string | null;
  procurementWorkflowId: string | null;
}

export interface AnnualPlan {
  workflowId: string;
  year: number;
  status: string;
  approvedBy: string;
  approvedAt: string;
  effectiveAt: string | null;
  projects: PlanProject[];
}
