import { useMemo } from 'react';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { oneOf, useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listTasks, type AssigneeFilter, type DueFilter, type TaskStatusFilter, type WorklistFilters } from '../api/worklist-api';
import { TaskTable } from './task-table';
import { WorklistFiltersBar } from './worklist-filters';

/** Filters live in the query string (?status=&process=&step=&due=&assignee=); status defaults to open. */
function filtersFrom(params: URLSearchParams): WorklistFilters {
  return {
    status: oneOf<TaskStatusFilter>(params.get('status'), ['open', 'completed', 'all'], 'open'),
    process: params.get('process') ?? '',
    step: params.get('step') ?? '',
    due: oneOf<DueFilter>(params.get('due'), ['overdue', 'today', 'week'], ''),
    assignee: oneOf<AssigneeFilter>(params.get('assignee'), ['me', 'unassigned'], ''),
  };
}

const DEFAULT_FILTERS = { status: 'open' };

export function WorklistPage({ taskLink }: { taskLink: (taskId: string) => string }) {
  const { t } = useI18n();
  const [searchParams, changeFilters] = useSearchParamFilters(DEFAULT_FILTERS);
  const filters = useMemo(() => filtersFrom(searchParams), [searchParams]);
  const { status, process, step, due, assignee } = filters;

  const tasks = useKeysetList(
    (cursor, signal) => listTasks({ status, process, step, due, assignee }, cursor, signal),
    [status, process, step, due, assignee],
  );

  const knownProcesses = useMemo(
    () => [...new Set(['fault-repair', ...tasks.items.map((task) => task.process)])].sort(),
    [tasks.items],
  );
  const knownSteps = useMemo(() => [...new Set(tasks.items.map((task) => task.stepId))].sort(), [tasks.items]);

  return (
    <section>
      <h1>{t('worklist.title')}</h1>
      <WorklistFiltersBar
        filters={filters}
        onChange={changeFilters}
        knownProcesses={knownProcesses}
        knownSteps={knownSteps}
      />
      <ErrorBanner error={tasks.error} />
      {tasks.items.length > 0 && <TaskTable tasks={tasks.items} taskLink={taskLink} />}
      {tasks.loading && tasks.items.length === 0 && <Loading />}
      {!tasks.loading && !tasks.error && tasks.items.length === 0 && <p className="empty">{t('worklist.empty')}</p>}
      <LoadMoreButton hasMore={tasks.hasMore} loading={tasks.loading} onLoadMore={tasks.loadMore} />
    </section>
  );
}
