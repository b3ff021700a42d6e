import { Link, useNavigate } from 'react-router';
import type { TaskSummary } from '../../../../../contracts/tasks';
import type { TaskStatus } from '../../../../../contracts/vocabulary';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { useI18n } from '../../../lib/i18n';

const STATUS_TONE: Record<TaskStatus, BadgeTone> = { open: 'info', completed: 'success', cancelled: 'neutral' };

function priorityTone(priority: number): BadgeTone {
  if (priority >= 75) return 'danger';
  if (priority >= 50) return 'warning';
  return 'neutral';
}

export function TaskTable({ tasks, taskLink }: { tasks: TaskSummary[]; taskLink: (taskId: string) => string }) {
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
          onClick={() => navigate(taskLink(task.id))}
        >
          <td>
            <Link to={taskLink(task.id)} onClick={(event) => event.stopPropagation()}>
              {task.title}
            </Link>
          </td>
          <td>{label('process', task.process)}</td>
          <td>{label('step', task.stepId)}</td>
          <td>
            <Badge tone={priorityTone(task.priority)}>{task.priority}</Badge>
          </td>
          <td className="nowrap">
            {formatDateTime(task.dueAt)}{' '}
            {task.overdue && task.status === 'open' && (
              <span className="badge badge-danger" data-testid="overdue-badge">
                {t('task.overdue')}
              </span>
            )}
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
