import type { AccessAlert, AccessLogEntry, Verification } from '../../../../../contracts/access-log';
import type { List, Page } from '../../../../../contracts/common';
import { apiRequest } from '../../../lib/api-client';

export interface AccessLogFilters {
  subject: string;
  actor: string;
  record: string;
  /** ISO instants, or empty. */
  from: string;
  to: string;
}

/** Who reads the log and verifies it; who sees the alerts (mirrors the API's access rules). */
export const ACCESS_LOG_READERS = ['auditor', 'admin'] as const;
export const ALERT_READERS = ['auditor', 'admin', 'security-supervisor'] as const;

export const listAccessLog = (filters: AccessLogFilters, cursor: string | null, signal?: AbortSignal) =>
  apiRequest<Page<AccessLogEntry>>('/access-log', { query: { ...filters, cursor }, signal });
export const verifyAccessLog = () => apiRequest<Verification>('/access-log/verify');
export const listAccessAlerts = (signal?: AbortSignal) => apiRequest<List<AccessAlert>>('/access-log/alerts', { signal });
