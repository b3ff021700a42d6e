import { apiRequest } from '../../../lib/api-client';
import type { Role, Task, UserSummary } from '../../../types/api';

const taskPath = (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`;

export function getTask(taskId: string, signal?: AbortSignal): Promise<Task> {
  return apiRequest<Task>(taskPath(taskId), { signal });
}

export function claimTask(taskId: string): Promise<Task> {
  return apiRequest<Task>(`${taskPath(taskId)}/claim`, { method: 'POST' });
}

export function releaseTask(taskId: string): Promise<Task> {
  return apiRequest<Task>(`${taskPath(taskId)}/release`, { method: 'POST' });
}

export function reassignTask(taskId: string, assignee: string): Promise<Task> {
  return apiRequest<Task>(`${taskPath(taskId)}/reassign`, { method: 'POST', body: { assignee } });
}

export async function completeTask(taskId: string, payload: Record<string, unknown>): Promise<Task> {
  const { task } = await apiRequest<{ task: Task }>(`${taskPath(taskId)}/complete`, {
    method: 'POST',
    body: { payload },
  });
  return task;
}

/** Everyone holding any of the roles, each listed once. */
export async function listUsersWithRoles(roles: Role[], signal?: AbortSignal): Promise<UserSummary[]> {
  const pages = await Promise.all(
    roles.map((role) => apiRequest<{ items: UserSummary[] }>('/users', { query: { role }, signal })),
  );
  const byId = new Map<string, UserSummary>();
  for (const user of pages.flatMap((page) => page.items)) byId.set(user.id, user);
  return [...byId.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
}
