import type { Page } from '../../../../../contracts/common';
import type { TaskSummary } from '../../../../../contracts/tasks';
import { apiRequest } from '../../../lib/api-client';

export type TaskStatusFilter = 'open' | 'completed' | 'all';
export type DueFilter = '' | 'overdue' | 'today' | 'week';
export type AssigneeFilter = '' | 'me' | 'unassigned';

export interface WorklistFilters {
  status: TaskStatusFilter;
  process: string;
  step: string;
  due: DueFilter;
  assignee: AssigneeFilter;
}

export const PAGE_SIZE = 50;

export function listTasks(filters: WorklistFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<TaskSummary>> {
  return apiRequest<Page<TaskSummary>>('/tasks', { query: { ...filters, cursor, limit: PAGE_SIZE }, signal });
}
