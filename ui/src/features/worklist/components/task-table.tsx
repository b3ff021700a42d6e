import { Link, useNavigate } from 'react-router';
import type { TaskSummary } from '../../../../../contracts/tasks';
import type { TaskStatus } from '../../../../../contracts/vocabulary';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import type { TaskLink } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';

const STATUS_TONE: Record<TaskStatus, BadgeTone> = { open: 'info', completed: 'success', cancelled: 'neutral' };

function priorityTone(priority: number): BadgeTone {
  if (priority >= 75) return 'danger';
  if (priority >= 50) return 'warning';
  return 'neutral';
}

function OverdueBadge({ task }: { task: TaskSummary }) {
  const { t } = useI18n();
  return task.overdue && task.status === 'open' ? (
    <span className="badge badge-danger" data-testid="overdue-badge">
      {t('task.overdue')}
    </span>
  ) : null;
}

/** The worklist on a desktop: one row a task, the whole row a link. */
export function TaskTable({ tasks, taskLink }: { tasks: TaskSummary[]; taskLink: TaskLink }) {
  const { t, label, formatDateTime } = useI18n();
  const navigate = useNavigate();
  return (
    <DataTable headings={[t('task.title'), t('task.process'), t('task.step'), t('task.priority'), t('task.due'), t('task.assignee'), t('task.status')]}>
      {tasks.map((task) => (
        <tr
          key={task.id}
          className="clickable"
          data-testid="task-row"
          data-task-id={task.id}
          data-step={task.stepId}
          onClick={() => navigate(taskLink(task))}
        >
          <td>
            <Link to={taskLink(task)} onClick={(event) => event.stopPropagation()}>
              {task.title}
            </Link>
          </td>
          <td>{label('process', task.process)}</td>
          <td>{label('step', task.stepId)}</td>
          <td>
            <Badge tone={priorityTone(task.priority)}>{task.priority}</Badge>
          </td>
          <td className="nowrap">
            {formatDateTime(task.dueAt)} <OverdueBadge task={task} />
          </td>
          <td>{task.assigneeName ?? task.assignee ?? <span className="muted">{t('task.unassigned')}</span>}</td>
          <td>
            <Badge tone={STATUS_TONE[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The worklist on a phone: one card a task, what to do first and by when, the whole card a link. */
export function TaskCards({ tasks, taskLink }: { tasks: TaskSummary[]; taskLink: TaskLink }) {
  const { t, label, formatDateTime } = useI18n();
  return (
    <ul className="card-list task-cards" data-testid="task-cards">
      {tasks.map((task) => (
        <li key={task.id}>
          <Link to={taskLink(task)} className="card task-card" data-testid="task-row" data-task-id={task.id} data-step={task.stepId} data-priority={priorityTone(task.priority)}>
            <span className="task-card-step">
              <strong>{label('step', task.stepId)}</strong>
              <Badge tone={STATUS_TONE[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
            </span>
            <span className="task-card-title">{task.title}</span>
            <span className="muted">
              {label('process', task.process)} · {t('task.dueAt', { when: formatDateTime(task.dueAt) })} <OverdueBadge task={task} />
            </span>
            <span className="muted">
              {t('task.assignee')}: {task.assigneeName ?? task.assignee ?? t('task.unassigned')}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
