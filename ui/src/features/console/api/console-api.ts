import { apiRequest, apiUrl } from '../../../lib/api-client';

export interface IncidentCamera {
  deviceId: string;
  name: string;
  streamUrl: string;
  snapshotUrl: string;
  calledUpAt: string | null;
  error?: string;
}

export interface Incident {
  workflowId: string;
  zoneId: string;
  zoneName: string;
  alarmType: string;
  status: 'open' | 'dispatched' | 'acknowledged' | 'on-site' | 'closed';
  repeatCount: number;
  detectorState: 'active' | 'inactive';
  openedAt: string;
  lastEventAt: string;
  assignedGuard: { id: string; name: string } | null;
  dispatchTaskId: string | null;
  cameras: IncidentCamera[];
  timeline: Array<{ at: string; what: string; actor?: string | null }>;
  closedAt: string | null;
}

export interface DeviceHealth {
  deviceId: string;
  name: string;
  zoneId: string;
  zoneName: string;
  system: string;
  status: 'streaming' | 'stale' | 'down' | 'unknown';
  lastSeenAt: string | null;
  statusSince: string;
  faultWorkflowId: string | null;
}

export interface Guard {
  id: string;
  displayName: string;
}

export type ConsoleEvent =
  | { kind: 'snapshot'; incidents: Incident[]; devices: DeviceHealth[] }
  | { kind: 'incident'; incident: Incident }
  | { kind: 'device'; device: DeviceHealth };

/** The live stream (server-sent events); the browser reconnects by itself and gets a fresh snapshot. */
export function openConsoleStream(onEvent: (event: ConsoleEvent) => void, onStatus: (live: boolean) => void): () => void {
  const source = new EventSource(apiUrl('/console/stream'), { withCredentials: true });
  source.addEventListener('open', () => onStatus(true));
  source.addEventListener('error', () => onStatus(false));
  source.addEventListener('snapshot', (message) => {
    const data = JSON.parse((message as MessageEvent<string>).data) as { incidents: Incident[]; devices: DeviceHealth[] };
    onEvent({ kind: 'snapshot', ...data });
  });
  source.addEventListener('incident', (message) => onEvent({ kind: 'incident', incident: JSON.parse((message as MessageEvent<string>).data) as Incident }));
  source.addEventListener('device', (message) => onEvent({ kind: 'device', device: JSON.parse((message as MessageEvent<string>).data) as DeviceHealth }));
  return () => source.close();
}

export function acknowledgeDispatch(taskId: string): Promise<unknown> {
  return apiRequest(`/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body: { payload: { acknowledged: true } } });
}

export function assignGuard(workflowId: string, guardUserId: string): Promise<Incident> {
  return apiRequest<Incident>(`/console/incidents/${encodeURIComponent(workflowId)}/assign`, { method: 'POST', body: { guardUserId } });
}

export function listGuards(): Promise<{ items: Guard[] }> {
  return apiRequest<{ items: Guard[] }>('/console/guards');
}

export const snapshotSrc = (deviceId: string, at: string) => apiUrl(`/devices/${encodeURIComponent(deviceId)}/snapshot`, { at });
