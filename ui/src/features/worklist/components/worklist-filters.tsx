import { useCallback } from 'react';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { useI18n } from '../../../lib/i18n';
import type { WorklistFilters } from '../api/worklist-api';

/** Filter bar; selects apply at once, the free-text fields after a short pause. */
export function WorklistFiltersBar({
  filters,
  onChange,
  knownProcesses,
  knownSteps,
}: {
  filters: WorklistFilters;
  onChange: (change: Partial<Record<keyof WorklistFilters, string>>) => void;
  knownProcesses: string[];
  knownSteps: string[];
}) {
  const { t, label } = useI18n();
  const commitProcess = useCallback((process: string) => onChange({ process }), [onChange]);
  const commitStep = useCallback((step: string) => onChange({ step }), [onChange]);

  return (
    <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label={t('common.filters')}>
      <label>
        {t('filter.status')}
        <select name="status" value={filters.status} onChange={(event) => onChange({ status: event.target.value })}>
          <option value="open">{t('taskStatus.open')}</option>
          <option value="completed">{t('taskStatus.completed')}</option>
          <option value="all">{t('common.all')}</option>
        </select>
      </label>
      <label>
        {t('filter.process')}
        <DebouncedTextInput name="process" list="worklist-processes" value={filters.process} onCommit={commitProcess} />
        <datalist id="worklist-processes">
          {knownProcesses.map((id) => (
            <option key={id} value={id}>
              {label('process', id)}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t('filter.step')}
        <DebouncedTextInput name="step" list="worklist-steps" value={filters.step} onCommit={commitStep} />
        <datalist id="worklist-steps">
          {knownSteps.map((id) => (
            <option key={id} value={id}>
              {label('step', id)}
            </option>
          ))}
        </datalist>
      </label>
      <label>
        {t('filter.due')}
        <select name="due" value={filters.due} onChange={(event) => onChange({ due: event.target.value })}>
          <option value="">{t('common.any')}</option>
          <option value="overdue">{t('due.overdue')}</option>
          <option value="today">{t('due.today')}</option>
          <option value="week">{t('due.week')}</option>
        </select>
      </label>
      <label>
        {t('filter.assignee')}
        <select name="assignee" value={filters.assignee} onChange={(event) => onChange({ assignee: event.target.value })}>
          <option value="">{t('common.any')}</option>
          <option value="me">{t('assignee.me')}</option>
          <option value="unassigned">{t('assignee.unassigned')}</option>
        </select>
      </label>
    </form>
  );
}
