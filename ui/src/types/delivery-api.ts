/** API shapes of deliveries, acceptances and supplier evaluations (P2.2c, P2.3). */

export interface DeliverySummary {
  workflowId: string;
  contractId: string;
  procurementWorkflowId: string | null;
  projectId: string;
  vendorId: string;
  vendorName: string;
  title: string;
  status: 'planning' | 'in-progress' | 'delivered' | 'accepted';
  system: string | null;
  deliveryDate: string;
  projectLead: string | null;
  acceptanceWorkflowId: string | null;
  warrantyStartsAt: string | null;
  warrantyEndsAt: string | null;
}

export interface DeliveryIssue {
  id: string;
  title: string;
  severity: 'low' | 'medium' | 'high';
  source: 'report' | 'api' | 'milestone';
  raisedBy: string;
  raisedAt: string;
}

export interface DeliveryDetail extends DeliverySummary {
  phases: Array<{ name: string; description?: string }> | null;
  qualityRequirements: string | null;
  milestones: Array<{ milestoneId: string; name: string; dueAt: string; reachedAt: string | null; overdueAt: string | null }>;
  reports: Array<{ taskId: string; reportedBy: string; reportedAt: string; summary: string; percentComplete: number; milestonesReached: string[]; deliveryComplete: boolean }>;
  issues: DeliveryIssue[];
  acceptanceReport: { workflowId: string; rounds: number; createdAt: string } | null;
}

export interface DeliveryRequest {
  contractId: string;
  projectId: string;
  vendorId: string;
  title: string;
  deliveryDate: string;
}

export interface AcceptanceView {
  workflowId: string;
  team: Array<{ userId: string; displayName: string; department: 'technology' | 'business' | 'owner' }>;
  signatures: Array<{ round: number; userId: string; signedAs: string; signedAt: string }>;
  report: { rounds: number; checklist: unknown; warrantyStartsAt: string | null; warrantyEndsAt: string | null; createdAt: string } | null;
}

export interface SupplierStatus {
  vendorId: string;
  name: string;
  activeContracts: number;
  status: 'active' | 'terminated';
  terminatedAt: string | null;
  penalties: number;
}

export interface SupplierEvaluationRow {
  workflowId: string;
  round: number;
  vendorId: string;
  trigger: 'quarterly' | 'on-demand';
  technologyScore: number | null;
  userScore: number | null;
  slaScore: number | null;
  ratingScore: number | null;
  repairsOnTime: number;
  repairsLate: number;
  score: number;
  poor: boolean;
  evaluatedAt: string;
}
