import { useState } from 'react';
import type { TaskView } from '../../../../../contracts/tasks';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { listUsersWithRoles } from '../api/task-api';

/** Supervisors pick another holder of one of the task's candidate roles. */
export function ReassignControl({
  task,
  disabled,
  onReassign,
}: {
  task: TaskView;
  disabled: boolean;
  onReassign: (assignee: string) => void;
}) {
  const { t } = useI18n();
  const roleKey = task.candidateRoles.join(',');
  const users = useApiResource((signal) => listUsersWithRoles(task.candidateRoles, signal), [roleKey]);
  const [assignee, setAssignee] = useState('');

  return (
    <form
      className="reassign"
      onSubmit={(event) => {
        event.preventDefault();
        if (assignee) onReassign(assignee);
      }}
    >
      <label htmlFor="reassign-assignee">{t('task.reassignTo')}</label>
      <select
        id="reassign-assignee"
        name="assignee"
        value={assignee}
        onChange={(event) => setAssignee(event.target.value)}
        disabled={disabled || users.loading}
      >
        <option value="">{t('common.select')}</option>
        {(users.data ?? [])
          .filter((candidate) => candidate.id !== task.assignee)
          .map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.displayName}
            </option>
          ))}
      </select>
      <button type="submit" className="button-secondary" disabled={disabled || !assignee} data-testid="reassign-task">
        {t('task.reassign')}
      </button>
    </form>
  );
}
