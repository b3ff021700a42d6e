import { apiRequest } from '../../../lib/api-client';
import type { Page } from '../../../types/api';

export interface AccessLogEntry {
  id: number;
  at: string;
  actorId: string;
  actorName: string | null;
  actorRoles: string[];
  kind: string;
  scope: 'record' | 'list' | 'export';
  recordIds: string[];
  subjectIds: string[];
  route: string;
  ip: string | null;
  hash: string;
}

export interface AccessLogFilters {
  subject: string;
  actor: string;
  record: string;
  /** ISO instants, or empty. */
  from: string;
  to: string;
}

export interface Verification {
  intact: boolean;
  rows: number;
  firstBroken: { id: number; reason: 'content' | 'link' } | null;
  checkedAt: string;
  durationMs: number;
}

export interface AccessAlert {
  id: string;
  rule: 'many-people' | 'off-shift' | 'bulk-export';
  actorId: string;
  actorName: string | null;
  windowStart: string;
  windowEnd: string;
  observed: number;
  threshold: number;
  workflowId: string;
  finding: 'legitimate' | 'misuse' | null;
  note: string | null;
  reviewedAt: string | null;
}

export const listAccessLog = (filters: AccessLogFilters, cursor: string | null, signal?: AbortSignal) =>
  apiRequest<Page<AccessLogEntry>>('/access-log', { query: { ...filters, cursor }, signal });
export const verifyAccessLog = () => apiRequest<Verification>('/access-log/verify');
export const listAccessAlerts = (signal?: AbortSignal) => apiRequest<{ items: AccessAlert[] }>('/access-log/alerts', { signal });
