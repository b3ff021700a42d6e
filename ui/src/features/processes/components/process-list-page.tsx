import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { InstancePage } from '../../../../../contracts/processes';
import { INSTANCE_STATUSES } from '../../../../../contracts/vocabulary';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { oneOf, useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listLocations, listProcessDefinitions, listProcessInstances, type InstanceStatusFilter, type ProcessFilters } from '../api/processes-api';
import { useProcessText } from '../text';
import { InstanceStatusBadge } from './instance-status-badge';

const DEFAULT_FILTERS = { status: 'all' };

/**
 * The auditor's search over process instances: by process name as shown, owner, unit, reporter, actor, start date
 * and status, all kept in the URL and applied by the API; newest first, paged with "load more".
 */
export function ProcessListPage({ processInstanceLink }: { processInstanceLink: (workflowId: string) => string }) {
  const { t, label, text: inLanguage, formatDateTime, formatList, language } = useI18n();
  const text = useProcessText();
  const navigate = useNavigate();
  const [searchParams, changeFilters] = useSearchParamFilters(DEFAULT_FILTERS);
  const filters: ProcessFilters = {
    process: searchParams.get('process') ?? '',
    status: oneOf<InstanceStatusFilter>(searchParams.get('status'), [...INSTANCE_STATUSES, 'all'], 'all'),
    owner: searchParams.get('owner') ?? '',
    unit: searchParams.get('unit') ?? '',
    reporter: searchParams.get('reporter') ?? '',
    actor: searchParams.get('actor') ?? '',
    from: searchParams.get('from') ?? '',
    to: searchParams.get('to') ?? '',
  };
  const [matched, setMatched] = useState<InstancePage['matched']>([]);
  const instances = useKeysetList(
    (cursor, signal) =>
      listProcessInstances(filters, cursor, signal).then((page) => {
        setMatched(page.matched);
        return page;
      }),
    Object.values(filters),
  );
  const definitions = useApiResource((signal) => listProcessDefinitions(signal), []);
  const locations = useApiResource((signal) => listLocations(signal), []);
  const fieldErrors = fieldErrorsByName(instances.error, ['query']);
  const commit = useCallback((name: string) => (value: string) => changeFilters({ [name]: value }), [changeFilters]);
  const filtered = Object.entries(filters).some(([name, value]) => value !== '' && value !== DEFAULT_FILTERS[name as keyof typeof DEFAULT_FILTERS]);

  const textFilter = (name: 'process' | 'owner' | 'reporter' | 'actor', title: string, hint: string, list?: string) => (
    <label className={fieldErrors[name] ? 'has-error' : undefined}>
      {title}
      <DebouncedTextInput name={name} list={list} placeholder={hint} value={filters[name]} onCommit={commit(name)} aria-invalid={fieldErrors[name] ? true : undefined} />
      {fieldErrors[name] && (
        <small className="field-error" data-field-error={name}>
          {fieldErrors[name]}
        </small>
      )}
    </label>
  );

  return (
    <section>
      <h1>{t('processes.title')}</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()} aria-label={t('common.filters')} data-testid="process-filters">
        {textFilter('process', t('filter.process'), text('processHint'), 'known-processes')}
        <datalist id="known-processes">
          {definitions.data?.map((definition) => (
            <option key={definition.name} value={definition.title[language]} />
          ))}
        </datalist>
        <label>
          {t('filter.status')}
          <select name="status" value={filters.status} onChange={(event) => changeFilters({ status: event.target.value })}>
            <option value="all">{t('common.all')}</option>
            {INSTANCE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`instanceStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        {textFilter('owner', text('owner'), text('ownerHint'))}
        <label className={fieldErrors.unit ? 'has-error' : undefined}>
          {text('unit')}
          <select name="unit" value={filters.unit} onChange={(event) => changeFilters({ unit: event.target.value })}>
            <option value="">{t('common.all')}</option>
            {locations.data?.buildings.map((building) => (
              <optgroup key={building.id} label={building.name}>
                {building.units.map((unit) => (
                  <option key={unit.id} value={unit.id}>
                    {building.name} · {unit.number}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        {textFilter('reporter', text('reporter'), text('personHint'))}
        {textFilter('actor', text('actor'), text('personHint'))}
        {(['from', 'to'] as const).map((name) => (
          <label key={name} className={fieldErrors[name] ? 'has-error' : undefined}>
            {text(name)}
            <input type="date" name={name} value={filters[name]} max={name === 'from' ? filters.to || undefined : undefined} min={name === 'to' ? filters.from || undefined : undefined} onChange={(event) => changeFilters({ [name]: event.target.value })} />
            {fieldErrors[name] && (
              <small className="field-error" data-field-error={name}>
                {fieldErrors[name]}
              </small>
            )}
          </label>
        ))}
        {filtered && (
          <button
            type="button"
            className="button-secondary"
            style={{ alignSelf: 'end' }}
            data-testid="clear-filters"
            onClick={() => changeFilters(Object.fromEntries(Object.keys(filters).map((name) => [name, undefined])))}
          >
            {text('clear')}
          </button>
        )}
      </form>
      {matched.length > 0 && !instances.error && (
        <p className="muted" data-testid="matched-people">
          {text('matched')}: {formatList(matched.map((person) => `${text(`matched.${person.filter}`)} ${person.name}`))}
        </p>
      )}
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
                  {inLanguage(instance.shownTitle)}
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
      {!instances.loading && !instances.error && instances.items.length === 0 && <p className="empty">{t('processes.empty')}</p>}
      <LoadMoreButton hasMore={instances.hasMore} loading={instances.loading} onLoadMore={instances.loadMore} />
    </section>
  );
}
