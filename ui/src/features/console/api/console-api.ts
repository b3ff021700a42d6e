import type { List } from '../../../../../contracts/common';
import type { ConsoleSnapshot, DeviceHealthView, GuardView, IncidentView } from '../../../../../contracts/console';
import { apiRequest, apiUrl } from '../../../lib/api-client';

export type ConsoleEvent =
  | ({ kind: 'snapshot' } & ConsoleSnapshot)
  | { kind: 'incident'; incident: IncidentView }
  | { kind: 'device'; device: DeviceHealthView };

/** The live stream (server-sent events); the browser reconnects by itself and gets a fresh snapshot. */
export function openConsoleStream(onEvent: (event: ConsoleEvent) => void, onStatus: (live: boolean) => void): () => void {
  const source = new EventSource(apiUrl('/console/stream'), { withCredentials: true });
  source.addEventListener('open', () => onStatus(true));
  source.addEventListener('error', () => onStatus(false));
  source.addEventListener('snapshot', (message) => {
    const data = JSON.parse((message as MessageEvent<string>).data) as ConsoleSnapshot;
    onEvent({ kind: 'snapshot', ...data });
  });
  source.addEventListener('incident', (message) => onEvent({ kind: 'incident', incident: JSON.parse((message as MessageEvent<string>).data) as IncidentView }));
  source.addEventListener('device', (message) => onEvent({ kind: 'device', device: JSON.parse((message as MessageEvent<string>).data) as DeviceHealthView }));
  return () => source.close();
}

export function acknowledgeDispatch(taskId: string): Promise<unknown> {
  return completeAlarmStep(taskId, { acknowledged: true });
}

/** Completes one of an incident's tasks (dispatch, arrival, findings) with its form's payload. */
export function completeAlarmStep(taskId: string, payload: Record<string, unknown>): Promise<unknown> {
  return apiRequest(`/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body: { payload } });
}

export function getIncident(workflowId: string, signal?: AbortSignal): Promise<IncidentView> {
  return apiRequest<IncidentView>(`/console/incidents/${encodeURIComponent(workflowId)}`, { signal });
}

export function assignGuard(workflowId: string, guardUserId: string): Promise<IncidentView> {
  return apiRequest<IncidentView>(`/console/incidents/${encodeURIComponent(workflowId)}/assign`, { method: 'POST', body: { guardUserId } });
}

export function listGuards(): Promise<List<GuardView>> {
  return apiRequest<List<GuardView>>('/console/guards');
}

export const snapshotSrc = (deviceId: string, at: string) => apiUrl(`/devices/${encodeURIComponent(deviceId)}/snapshot`, { at });
