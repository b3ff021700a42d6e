import type { Page } from '../../../../../contracts/common';
import type { ProcessInstance, ProcessInstanceDetail, ReplayVerdict } from '../../../../../contracts/processes';
import { apiRequest, apiRequestText, apiUrl } from '../../../lib/api-client';

export type InstanceStatusFilter = 'running' | 'completed' | 'all';

export interface ProcessFilters {
  process: string;
  status: InstanceStatusFilter;
}

const instancePath = (workflowId: string) => `/processes/${encodeURIComponent(workflowId)}`;

export function listProcessInstances(
  filters: ProcessFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<Page<ProcessInstance>> {
  return apiRequest<Page<ProcessInstance>>('/processes', { query: { ...filters, cursor }, signal });
}

export function getProcessInstance(workflowId: string, signal?: AbortSignal): Promise<ProcessInstanceDetail> {
  return apiRequest<ProcessInstanceDetail>(instancePath(workflowId), { signal });
}

/** The process definition's BPMN 2.0 XML. */
export function getProcessDiagram(process: string, signal?: AbortSignal): Promise<string> {
  return apiRequestText(`/process-definitions/${encodeURIComponent(process)}/diagram`, { signal });
}

/** The instance's recorded history as a JSON download. */
export function historyDownloadUrl(workflowId: string): string {
  return apiUrl(`${instancePath(workflowId)}/history`);
}

/** Replays the instance's history against the current workflow code. */
export function replayInstance(workflowId: string): Promise<ReplayVerdict> {
  return apiRequest<ReplayVerdict>(`${instancePath(workflowId)}/replay`, { method: 'POST' });
}
