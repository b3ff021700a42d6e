import type { Page, WorkflowStarted } from '../../../../../contracts/common';
import type { FeedbackDetail, FeedbackRequest, FeedbackSummary } from '../../../../../contracts/owner-feedback';
import type { ReferenceLocations } from '../../../../../contracts/reference';
import type { TaskSummary } from '../../../../../contracts/tasks';
import { apiRequest } from '../../../lib/api-client';

const feedbackPath = (workflowId: string) => `/owner-feedback/${encodeURIComponent(workflowId)}`;

/** The buildings and, for an owner, their own units. */
export function getPlaces(signal?: AbortSignal): Promise<ReferenceLocations> {
  return apiRequest<ReferenceLocations>('/reference/locations', { signal });
}

/** Submits a complaint, inquiry or suggestion (P4.1a–b); feedbackId makes a retry the same submission. */
export async function submitFeedback(request: FeedbackRequest): Promise<string> {
  return (await apiRequest<WorkflowStarted>('/owner-feedback', { method: 'POST', body: request })).workflowId;
}

export function listMyFeedback(cursor: string | null, signal?: AbortSignal): Promise<Page<FeedbackSummary>> {
  return apiRequest<Page<FeedbackSummary>>('/owner-feedback', { query: { cursor }, signal });
}

export function getFeedback(workflowId: string, signal?: AbortSignal): Promise<FeedbackDetail> {
  return apiRequest<FeedbackDetail>(feedbackPath(workflowId), { signal });
}

export const feedbackPhotoUrl = (workflowId: string, photoId: string) => `/api/v1${feedbackPath(workflowId)}/photos/${encodeURIComponent(photoId)}`;

/** The owner's open confirmation of this feedback, if one waits for them. */
export async function findConfirmation(workflowId: string, signal?: AbortSignal): Promise<TaskSummary | null> {
  const page = await apiRequest<Page<TaskSummary>>('/tasks', { query: { workflowId, status: 'open', limit: 10 }, signal });
  return page.items.find((task) => task.stepId === 'confirmResolution') ?? null;
}

/** Confirms and rates, or reopens: the owner's answer to the confirmation task. */
export async function answerConfirmation(taskId: string, payload: { confirmed: boolean; rating?: number; comment?: string }): Promise<void> {
  await apiRequest(`/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body: { payload } });
}
