import type { List, Page } from '../../../../../contracts/common';
import type { InspectionPlan, InspectionRecordDetail, InspectionRecordSummary, OverdueInspection, PlanFields, PlanRun } from '../../../../../contracts/inspections';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import { apiRequest, apiUrl } from '../../../lib/api-client';

const planPath = (planId: string) => `/inspections/plans/${encodeURIComponent(planId)}`;

export async function listPlans(signal?: AbortSignal): Promise<InspectionPlan[]> {
  return (await apiRequest<List<InspectionPlan>>('/inspections/plans', { signal })).items;
}

/** P3.1a: the id is chosen here, so a retried create makes one plan and one schedule. */
export function createPlan(id: string, plan: PlanFields): Promise<InspectionPlan> {
  return apiRequest<InspectionPlan>('/inspections/plans', { method: 'POST', body: { id, ...plan } });
}

export function setPlanActive(plan: InspectionPlan, active: boolean): Promise<InspectionPlan> {
  if (!active) return apiRequest<InspectionPlan>(`${planPath(plan.id)}/deactivate`, { method: 'POST' });
  const { title, checklist, cycleSeconds, dueWithinSeconds, responsibleRole, buildingId, zoneId } = plan;
  return apiRequest<InspectionPlan>(planPath(plan.id), {
    method: 'PUT',
    body: { title, checklist, cycleSeconds, dueWithinSeconds, responsibleRole, buildingId: buildingId ?? undefined, zoneId: zoneId ?? undefined, active: true },
  });
}

export async function runPlanNow(planId: string): Promise<void> {
  await apiRequest<PlanRun>(`${planPath(planId)}/run`, { method: 'POST' });
}

export function listRecords(filters: { planId?: string }, cursor: string | null, signal?: AbortSignal): Promise<Page<InspectionRecordSummary>> {
  return apiRequest<Page<InspectionRecordSummary>>('/inspections/records', { query: { planId: filters.planId, cursor }, signal });
}

export function getRecord(workflowId: string, signal?: AbortSignal): Promise<InspectionRecordDetail> {
  return apiRequest<InspectionRecordDetail>(`/inspections/records/${encodeURIComponent(workflowId)}`, { signal });
}

export async function listOverdue(signal?: AbortSignal): Promise<OverdueInspection[]> {
  return (await apiRequest<List<OverdueInspection>>('/inspections/overdue', { signal })).items;
}

export const photoUrl = (photoId: string) => apiUrl(`/inspections/photos/${encodeURIComponent(photoId)}`);

/** Zones and devices a checklist item can point at. */
export function getLocations(signal?: AbortSignal): Promise<ReferenceLocations> {
  return apiRequest<ReferenceLocations>('/reference/locations', { signal });
}
