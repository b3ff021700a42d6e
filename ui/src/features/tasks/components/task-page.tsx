import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ReassignControl } from './reassign-control';
import { TaskForm } from './task-form';
import { claimTask, getTask, reassignTask, releaseTask } from '../api/task-api';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { LabelledRecord } from '../../../components/labelled-data';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { can } from '../../../../../contracts/permissions';
import type { TaskView } from '../../../../../contracts/tasks';

export function TaskPage({
  worklistPath,
  processInstanceLink,
}: {
  worklistPath: string;
  processInstanceLink: (workflowId: string) => string;
}) {
  const { taskId = '' } = useParams();
  const navigate = useNavigate();
  const task = useApiResource((signal) => getTask(taskId, signal), [taskId]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function act(action: () => Promise<TaskView>) {
    setBusy(true);
    setActionError(null);
    try {
      task.setData(await action());
    } catch (failure) {
      setActionError(failure);
      task.reload();
    } finally {
      setBusy(false);
    }
  }

  if (!task.data) return task.error ? <ErrorBanner error={task.error} /> : <Loading />;
  return (
    <TaskDetails
      task={task.data}
      busy={busy}
      actionError={actionError}
      act={act}
      worklistPath={worklistPath}
      processInstanceLink={processInstanceLink}
      onCompleted={() => navigate(worklistPath)}
    />
  );
}

/** A task as its reader meets it: what the step is, what it is about, what they need to decide it, and its form. */
export function TaskDetails({
  task: current,
  busy,
  actionError,
  act,
  worklistPath,
  processInstanceLink,
  onCompleted,
}: {
  task: TaskView;
  busy: boolean;
  actionError: unknown;
  act: (action: () => Promise<TaskView>) => void;
  worklistPath: string;
  processInstanceLink: (workflowId: string) => string;
  onCompleted: () => void;
}) {
  const { t, label, stepLabel, vocabulary, formatDateTime, formatList } = useI18n();
  const user = useCurrentUser();
  const isOpen = current.status === 'open';
  const mine = current.assignee === user.id;
  const assignedToOther = current.assignee !== null && !mine;
  const assigneeLabel = current.assigneeName ?? current.assignee;

  return (
    <section className="task-page" data-task-id={current.id} data-task-status={current.status}>
      <p>
        <Link to={worklistPath}>← {t('worklist.title')}</Link>
      </p>
      <header className="page-header">
        <div>
          <h1>{stepLabel(current.process, current.stepId)}</h1>
          <p className="task-subject" data-testid="task-title">
            {current.title}
          </p>
        </div>
        <div className="badges">
          <Badge tone={isOpen ? 'info' : current.status === 'completed' ? 'success' : 'neutral'}>
            {t(`taskStatus.${current.status}`)}
          </Badge>
          {current.overdue && isOpen && <span className="badge badge-danger">{t('task.overdue')}</span>}
        </div>
      </header>

      <ErrorBanner error={actionError} />

      <div className="card">
        <KeyValueList
          entries={[
            [
              t('task.process'),
              can(user, 'process.read') ? (
                <Link to={processInstanceLink(current.workflowId)} data-testid="process-link">
                  {label('process', current.process)}
                </Link>
              ) : (
                label('process', current.process)
              ),
            ],
            [t('task.step'), stepLabel(current.process, current.stepId)],
            [t('task.priority'), current.priority],
            [t('task.due'), formatDateTime(current.dueAt)],
            [t('task.candidateRoles'), formatList(current.candidateRoles.map((role) => label('role', role))) || '—'],
            [t('task.assignee'), assigneeLabel ?? <span className="muted">{t('task.unassigned')}</span>],
            [t('task.createdAt'), formatDateTime(current.createdAt)],
            ...(current.completedAt
              ? ([[t('task.completedAt'), formatDateTime(current.completedAt)]] as [string, string][])
              : []),
          ]}
        />
        {isOpen && (
          <div className="task-actions">
            {current.assignee === null && (
              <button
                type="button"
                className="button-primary"
                disabled={busy}
                onClick={() => act(() => claimTask(current.id))}
                data-testid="claim-task"
              >
                {t('task.claim')}
              </button>
            )}
            {mine && (
              <button
                type="button"
                className="button-secondary"
                disabled={busy}
                onClick={() => act(() => releaseTask(current.id))}
                data-testid="release-task"
              >
                {t('task.release')}
              </button>
            )}
            {can(user, 'task.reassign') && (
              <ReassignControl
                task={current}
                disabled={busy}
                onReassign={(assignee) => act(() => reassignTask(current.id, assignee))}
              />
            )}
          </div>
        )}
      </div>

      {Object.keys(current.context ?? {}).length > 0 && (
        <div className="card" data-testid="task-context">
          <h2>{t('task.context')}</h2>
          <LabelledRecord
            record={current.context}
            vocabulary={vocabulary(current.process)}
            references={current.references}
            processLink={can(user, 'process.read') ? processInstanceLink : undefined}
          />
        </div>
      )}

      <div className="card">
        <h2>{t('task.form')}</h2>
        {!isOpen && <p className="banner banner-info">{t('task.notOpen')}</p>}
        {isOpen && assignedToOther && (
          <p className="banner banner-info">{t('task.assignedToOther', { name: assigneeLabel ?? '' })}</p>
        )}
        {isOpen && (
          <TaskForm
            key={current.id}
            task={current}
            disabled={busy || assignedToOther}
            onCompleted={onCompleted}
          />
        )}
      </div>
    </section>
  );
}
