/** Shapes of the inspection API (/api/v1/inspections), P3.1a/P3.1c. */

export interface ChecklistItem {
  id: string;
  text: string;
  system: string;
  deviceId?: string;
  zoneId?: string;
  buildingId?: string;
}

export interface InspectionPlan {
  id: string;
  title: string;
  checklist: ChecklistItem[];
  cycleSeconds: number;
  dueWithinSeconds: number;
  responsibleRole: string;
  buildingId: string | null;
  zoneId: string | null;
  active: boolean;
  scheduleId: string;
  createdAt: string;
  updatedAt: string;
}

export interface InspectionPlanInput {
  title: string;
  checklist: ChecklistItem[];
  cycleSeconds: number;
  dueWithinSeconds: number;
  responsibleRole: string;
  buildingId?: string;
  zoneId?: string;
}

export interface InspectionRecordSummary {
  workflowId: string;
  planId: string;
  planTitle: string;
  responsibleRole: string;
  status: 'open' | 'completed';
  startedAt: string;
  dueAt: string;
  overdue: boolean;
  overdueAt: string | null;
  completedAt: string | null;
  inspectorName: string | null;
  failedItems: number;
  faultRepairWorkflowIds: string[];
}

export interface InspectionItemResult {
  itemId: string;
  text: string;
  system: string;
  result: 'pass' | 'fail';
  note: string | null;
  photoId: string | null;
  faultRepairWorkflowId: string | null;
}

export interface InspectionRecordDetail extends InspectionRecordSummary {
  results: InspectionItemResult[];
  faultRepairs: Array<{ workflowId: string; status: string; currentSteps: string[]; title: string }>;
  taskId: string | null;
}

export interface OverdueInspection {
  workflowId: string;
  planId: string;
  planTitle: string;
  responsibleRole: string;
  startedAt: string;
  dueAt: string;
  overdueSeconds: number;
  taskId: string | null;
}
