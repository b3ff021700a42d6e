import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { oneOf, useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listProcessInstances, type InstanceStatusFilter } from '../api/processes-api';
import { InstanceStatusBadge } from './instance-status-badge';

const DEFAULT_FILTERS = { status: 'all' };

/** Process instances (?process=&status=), newest first, paged with "load more". */
export function ProcessListPage({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const { t, label, formatDateTime, formatList } = useI18n();
  const navigate = useNavigate();
  const [searchParams, changeFilters] = useSearchParamFilters(DEFAULT_FILTERS);
  const process = searchParams.get('process') ?? '';
  const status = oneOf<InstanceStatusFilter>(searchParams.get('status'), ['running', 'completed', 'all'], 'all');
  const instances = useKeysetList(
    (cursor, signal) => listProcessInstances({ process, status }, cursor, signal),
    [process, status],
  );
  const commitProcess = useCallback((value: string) => changeFilters({ process: value }), [changeFilters]);

  return (
    <section>
      <h1>{t('processes.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label={t('common.filters')}>
        <label>
          {t('filter.process')}
          <DebouncedTextInput name="process" list="known-processes" value={process} onCommit={commitProcess} />
          <datalist id="known-processes">
            <option value="fault-repair">{label('process', 'fault-repair')}</option>
          </datalist>
        </label>
        <label>
          {t('filter.status')}
          <select name="status" value={status} onChange={(event) => changeFilters({ status: event.target.value })}>
            <option value="all">{t('common.all')}</option>
            <option value="running">{t('instanceStatus.running')}</option>
            <option value="completed">{t('instanceStatus.completed')}</option>
          </select>
        </label>
      </form>
      <ErrorBanner error={instances.error} />
      {instances.items.length > 0 && (
        <DataTable
          headings={[t('processes.titleColumn'), t('task.process'), t('task.status'), t('processes.currentSteps'), t('processes.startedAt'), t('processes.endedAt'), t('processes.startedBy')]}
        >
          {instances.items.map((instance) => (
            <tr
              key={instance.workflowId}
              className="clickable"
              data-testid="process-row"
              data-workflow-id={instance.workflowId}
              onClick={() => navigate(processInstanceLink(instance.workflowId))}
            >
              <td>
                <Link to={processInstanceLink(instance.workflowId)} onClick={(event) => event.stopPropagation()}>
                  {instance.title}
                </Link>
              </td>
              <td>{label('process', instance.process)}</td>
              <td>
                <InstanceStatusBadge status={instance.status} />
              </td>
              <td>{formatList(instance.currentSteps.map((step) => label('step', step))) || '—'}</td>
              <td className="nowrap">{formatDateTime(instance.startedAt)}</td>
              <td className="nowrap">{formatDateTime(instance.endedAt)}</td>
              <td>{instance.startedByName ?? instance.startedBy ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {instances.loading && instances.items.length === 0 && <Loading />}
      {!instances.loading && !instances.error && instances.items.length === 0 && (
        <p className="empty">{t('processes.empty')}</p>
      )}
      <LoadMoreButton hasMore={instances.hasMore} loading={instances.loading} onLoadMore={instances.loadMore} />
    </section>
  );
}
