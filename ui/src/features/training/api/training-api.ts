import type { StartTrainingCycleRequest, TrainingFile, TrainingFileSummary } from '../../../../../contracts/training';
import { apiRequest, apiUrl } from '../../../lib/api-client';

export async function listTrainingFiles(signal?: AbortSignal): Promise<TrainingFileSummary[]> {
  return (await apiRequest<{ items: TrainingFileSummary[] }>('/training-files', { signal })).items;
}

export function getTrainingFile(userId: string, signal?: AbortSignal): Promise<TrainingFile> {
  return apiRequest<TrainingFile>(`/training-files/${encodeURIComponent(userId)}`, { signal });
}

/** P6.1a: a year's cycle by hand; the client's cycleId makes a retried click the same cycle. */
export function startTrainingCycle(request: StartTrainingCycleRequest): Promise<{ workflowId: string }> {
  return apiRequest<{ workflowId: string }>('/training-cycles', { method: 'POST', body: request });
}

/** Where a certificate is opened (served to those who may read its holder's file). */
export const certificateUrl = (certificateId: string) => apiUrl(`/training/certificates/${encodeURIComponent(certificateId)}`);
