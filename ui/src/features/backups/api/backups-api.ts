import type { BackupOverview, StartBackupRequest } from '../../../../../contracts/backups';
import { apiRequest } from '../../../lib/api-client';

export function getBackups(signal?: AbortSignal): Promise<BackupOverview> {
  return apiRequest<BackupOverview>('/backups', { signal });
}

/** P5.2b: back up now, or a drill; the client's requestId makes a retried request the same run. */
export function startBackup(request: StartBackupRequest): Promise<{ workflowId: string }> {
  return apiRequest<{ workflowId: string }>('/backups', { method: 'POST', body: request });
}
