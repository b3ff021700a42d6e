import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import type { TaskLink } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { usePhone } from '../../../lib/use-media-query';
import { useTaskEvents } from '../../../lib/task-stream';
import { oneOf, useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listTasks, type AssigneeFilter, type DueFilter, type TaskStatusFilter, type WorklistFilters } from '../api/worklist-api';
import { TaskCards, TaskTable } from './task-table';
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
/** Changes closer together than this are read in one go. */
const RELOAD_AFTER_MS = 200;

/**
 * The worklist: staff work from it with filters; `mine` is the short list of someone who has a task now and then
 * (an owner's repair to verify), without the filters. Cards on a phone, a table on a desktop; it follows the
 * user's tasks live, so a new one shows without a reload. `aside` holds other features' panels (the app places them).
 */
export function WorklistPage({ taskLink, mine = false, aside }: { taskLink: TaskLink; mine?: boolean; aside?: ReactNode }) {
  const { t } = useI18n();
  const phone = usePhone();
  const [searchParams, changeFilters] = useSearchParamFilters(DEFAULT_FILTERS);
  const filters = useMemo(() => filtersFrom(searchParams), [searchParams]);
  const { status, process, step, due, assignee } = filters;

  const tasks = useKeysetList(
    (cursor, signal) => listTasks({ status, process, step, due, assignee }, cursor, signal),
    [status, process, step, due, assignee],
  );
  // Any change to a task this user may see can change what the filters match: the first page is read again,
  // once for a burst of changes.
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const reloadSoon = () => {
    reloadTimer.current ??= setTimeout(() => {
      reloadTimer.current = null;
      tasks.reload();
    }, RELOAD_AFTER_MS);
  };
  useEffect(() => () => clearTimeout(reloadTimer.current ?? undefined), []);
  const live = useTaskEvents(reloadSoon, reloadSoon);

  const knownProcesses = useMemo(
    () => [...new Set(['fault-repair', ...tasks.items.map((task) => task.process)])].sort(),
    [tasks.items],
  );
  const knownSteps = useMemo(() => [...new Set(tasks.items.map((task) => task.stepId))].sort(), [tasks.items]);

  return (
    <section className={mine ? 'narrow-page worklist-page' : 'worklist-page'}>
      <header className="page-header">
        <h1>{t(mine ? 'myTasks.title' : 'worklist.title')}</h1>
        <span data-testid="worklist-live" data-live={live}>
          {live ? <Badge tone="success">{t('worklist.live')}</Badge> : <Badge tone="warning">{t('worklist.offline')}</Badge>}
        </span>
      </header>
      {aside}
      {!mine && <WorklistFiltersBar filters={filters} onChange={changeFilters} knownProcesses={knownProcesses} knownSteps={knownSteps} />}
      <ErrorBanner error={tasks.error} />
      {tasks.items.length > 0 && (phone || mine ? <TaskCards tasks={tasks.items} taskLink={taskLink} /> : <TaskTable tasks={tasks.items} taskLink={taskLink} />)}
      {tasks.loading && tasks.items.length === 0 && <Loading />}
      {!tasks.loading && !tasks.error && tasks.items.length === 0 && <p className="empty">{t(mine ? 'myTasks.empty' : 'worklist.empty')}</p>}
      <LoadMoreButton hasMore={tasks.hasMore} loading={tasks.loading} onLoadMore={tasks.loadMore} />
    </section>
  );
}
