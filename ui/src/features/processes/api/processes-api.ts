import type { ProcessHeatmap } from '../../../../../contracts/kpis';
import type { InstancePage, ProcessInstanceDetail, ReplayVerdict } from '../../../../../contracts/processes';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import type { InstanceStatus } from '../../../../../contracts/vocabulary';
import { apiRequest, apiRequestText, apiUrl } from '../../../lib/api-client';
import type { ProcessTitle } from '../../../lib/i18n';

export type InstanceStatusFilter = InstanceStatus | 'all';

/** The search as the URL keeps it: names as typed (the API resolves them), dates as days. */
export interface ProcessFilters {
  process: string;
  status: InstanceStatusFilter;
  owner: string;
  unit: string;
  reporter: string;
  actor: string;
  from: string;
  to: string;
}

const instancePath = (workflowId: string) => `/processes/${encodeURIComponent(workflowId)}`;

export function listProcessInstances(filters: ProcessFilters, cursor: string | null, signal?: AbortSignal): Promise<InstancePage> {
  return apiRequest<InstancePage>('/processes', { query: { ...filters, cursor }, signal });
}

/** Every process with its titles, for the process filter's suggestions. */
export function listProcessDefinitions(signal?: AbortSignal): Promise<ProcessTitle[]> {
  return apiRequest<ProcessTitle[]>('/process-definitions', { signal });
}

/** Buildings and their units, for the unit filter. */
export function listLocations(signal?: AbortSignal): Promise<ReferenceLocations> {
  return apiRequest<ReferenceLocations>('/reference/locations', { signal });
}

export function getProcessInstance(workflowId: string, signal?: AbortSignal): Promise<ProcessInstanceDetail> {
  return apiRequest<ProcessInstanceDetail>(instancePath(workflowId), { signal });
}

/** The process definition's BPMN 2.0 XML. */
export function getProcessDiagram(process: string, signal?: AbortSignal): Promise<string> {
  return apiRequestText(`/process-definitions/${encodeURIComponent(process)}/diagram`, { signal });
}

/** Per step of a process, its visits and time spent over the instances started in a period (days, both included). */
export function getProcessHeatmap(process: string, period: { from: string; to: string }, signal?: AbortSignal): Promise<ProcessHeatmap> {
  return apiRequest<ProcessHeatmap>(`/processes/${encodeURIComponent(process)}/heatmap`, { query: period, signal });
}

/** The instance's recorded history as a JSON download. */
export function historyDownloadUrl(workflowId: string): string {
  return apiUrl(`${instancePath(workflowId)}/history`);
}

/** The instance's timeline as a readable CSV or PDF download. */
export function timelineDownloadUrl(workflowId: string, format: 'csv' | 'pdf'): string {
  return apiUrl(`${instancePath(workflowId)}/timeline.${format}`);
}

/** Replays the instance's history against the current workflow code. */
export function replayInstance(workflowId: string): Promise<ReplayVerdict> {
  return apiRequest<ReplayVerdict>(`${instancePath(workflowId)}/replay`, { method: 'POST' });
}
