import type { List } from '../../../../../contracts/common';
import type { CandidateUser, TaskCompleted, TaskView } from '../../../../../contracts/tasks';
import { apiRequest } from '../../../lib/api-client';

const taskPath = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

export function getTask(taskId: string, signal?: AbortSignal): Promise<TaskView> {
  return apiRequest<TaskView>(taskPath(taskId), { signal });
}

export function claimTask(taskId: string): Promise<TaskView> {
  return apiRequest<TaskView>(`${taskPath(taskId)}/claim`, { method: 'POST' });
}

export function releaseTask(taskId: string): Promise<TaskView> {
  return apiRequest<TaskView>(`${taskPath(taskId)}/release`, { method: 'POST' });
}

export function reassignTask(taskId: string, assignee: string): Promise<TaskView> {
  return apiRequest<TaskView>(`${taskPath(taskId)}/reassign`, { method: 'POST', body: { assignee } });
}

export async function completeTask(taskId: string, payload: Record<string, unknown>): Promise<TaskView> {
  const { task } = await apiRequest<TaskCompleted>(`${taskPath(taskId)}/complete`, {
    method: 'POST',
    body: { payload },
  });
  return task;
}

/** Everyone holding any of the roles, each listed once. */
export async function listUsersWithRoles(roles: readonly string[], signal?: AbortSignal): Promise<CandidateUser[]> {
  const pages = await Promise.all(
    roles.map((role) => apiRequest<List<CandidateUser>>('/users', { query: { role }, signal })),
  );
  const byId = new Map<string, CandidateUser>();
  for (const user of pages.flatMap((page) => page.items)) byId.set(user.id, user);
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
