import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Page } from '../../../contracts/common';
import { isTaskCandidate } from '../../../contracts/permissions';
import type { TaskSummary } from '../../../contracts/tasks';
import { apiRequest } from '../lib/api-client';
import { useI18n } from '../lib/i18n';
import { useCurrentUser } from '../lib/session';
import { useTaskEvents } from '../lib/task-stream';

/** The open tasks of some process instances: a record's page asks for its own (GET /tasks?workflowId=). */
export function listRecordTasks(workflowIds: string[], signal?: AbortSignal): Promise<Page<TaskSummary>> {
  return apiRequest<Page<TaskSummary>>('/tasks', { query: { workflowId: workflowIds.join(','), status: 'open', limit: 50 }, signal });
}

/** What a task page needs to link to a task: the router decides where each kind of task is done. */
export type TaskLink = (task: Pick<TaskSummary, 'id' | 'process' | 'workflowId' | 'stepId'>) => string;

/**
 * The open tasks of a record that the signed-in person may do, as buttons to them: on the record's own page a
 * person reaches what waits for them (an owner's repair to verify, a committee member's filing) without the
 * worklist. Readers who may see every task (auditors) but are no candidate see nothing here. Follows the tasks live.
 */
export function RecordTasks({ workflowIds, taskLink }: { workflowIds: string[]; taskLink: TaskLink }) {
  const { t, label, formatDateTime } = useI18n();
  const user = useCurrentUser();
  const [tasks, setTasks] = useState<TaskSummary[]>([]);
  const key = workflowIds.join(',');

  const load = useCallback(
    (signal?: AbortSignal) => {
      if (!key) return;
      listRecordTasks(key.split(','), signal).then(
        (page) => setTasks(page.items),
        () => undefined,
      );
    },
    [key],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  useTaskEvents((task) => {
    if (key.split(',').includes(task.workflowId)) load();
  }, load);

  const mine = tasks.filter(
    (task) => task.status === 'open' && isTaskCandidate({ userId: user.id, roles: user.roles }, task) && (task.assignee === null || task.assignee === user.id),
  );
  if (mine.length === 0) return null;
  return (
    <div className="card record-tasks" data-testid="record-tasks">
      <h2>{t('recordTasks.title')}</h2>
      <ul className="record-task-list">
        {mine.map((task) => (
          <li key={task.id}>
            <Link className="button button-primary" to={taskLink(task)} data-testid="record-task" data-task-id={task.id} data-step={task.stepId}>
              {t('recordTasks.open', { step: label('step', task.stepId) })}
            </Link>
            <span className={task.overdue ? 'badge badge-danger' : 'muted'}>{t('task.dueAt', { when: formatDateTime(task.dueAt) })}</span>
            {task.assignee === user.id && <span className="muted">{t('recordTasks.claimedByYou')}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
