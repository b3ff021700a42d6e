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


export const listAccessLog = (filters: AccessLogFilters, cursor: string | null, signal?: AbortSignal) =>
  apiRequest<Page<AccessLogEntry>>('/access-log', { query: { ...filters, cursor }, signal });
export const verifyAccessLog = () => apiRequest<Verification>('/access-log/verify');
export const listAccessAlerts = (signal?: AbortSignal) => apiRequest<List<AccessAlert>>('/access-log/alerts', { signal });
