import { useCallback } from 'react';
import { Link } from 'react-router';
import { ID_DOCUMENT_KIND_LABELS, RESIDENT_RELATION_LABELS } from '../../../../../contracts/labels';
import { RESIDENT_RELATIONS } from '../../../../../contracts/vocabulary';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listResidents } from '../api/admin-api';
import { useAdminText } from '../text';
import { NewResidentForm } from './resident-forms';

/** Units' residents and tenants (issue 12): find one by name, unit, relation or whether they still live there; makers enter one for review. */
export function ResidentsPage({ residentLink, unitLink, changeLink, canPropose }: { residentLink: (residentId: string) => string; unitLink: (unitId: string) => string; changeLink: (changeId: string) => string; canPropose: boolean }) {
  const text = useAdminText();
  const { text: word } = useI18n();
  const [params, setFilters] = useSearchParamFilters();
  const filters = { name: params.get('name') ?? '', unit: params.get('unit') ?? '', relation: params.get('relation') ?? '', active: params.get('active') ?? '' };
  const residents = useKeysetList(
    (cursor, signal) =>
      listResidents(
        {
          name: filters.name || undefined,
          unitId: filters.unit || undefined,
          relation: filters.relation || undefined,
          active: filters.active === 'true' || filters.active === 'false' ? filters.active : undefined,
          cursor,
        },
        signal,
      ),
    [filters.name, filters.unit, filters.relation, filters.active],
  );
  const setName = useCallback((name: string) => setFilters({ name }), [setFilters]);
  const setUnit = useCallback((unit: string) => setFilters({ unit }), [setFilters]);

  return (
    <section>
      <h1>{text('residents')}</h1>
      <ErrorBanner error={residents.error} />
      {canPropose && <NewResidentForm changeLink={changeLink} />}
      <div className="filters">
        <label className="form-field">
          {text('findResidentByName')}
          <DebouncedTextInput type="search" name="name" value={filters.name} onCommit={setName} data-testid="resident-search" />
        </label>
        <label className="form-field">
          {text('unitIdFilter')}
          <DebouncedTextInput type="search" name="unit" value={filters.unit} onCommit={setUnit} />
        </label>
        <label className="form-field">
          {text('relation')}
          <select name="relation" value={filters.relation} onChange={(event) => setFilters({ relation: event.target.value })}>
            <option value="">{text('allRelations')}</option>
            {RESIDENT_RELATIONS.map((relation) => (
              <option key={relation} value={relation}>
                {word(RESIDENT_RELATION_LABELS[relation])}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          {text('status')}
          <select name="active" value={filters.active} onChange={(event) => setFilters({ active: event.target.value })}>
            <option value="">{text('all')}</option>
            <option value="true">{text('livingThere')}</option>
            <option value="false">{text('movedOut')}</option>
          </select>
        </label>
      </div>
      {residents.loading && residents.items.length === 0 && <Loading />}
      {!residents.loading && residents.items.length === 0 && !residents.error && <p>{text('noResidents')}</p>}
      {residents.items.length > 0 && (
        <DataTable headings={[text('residentName'), text('unit'), text('relation'), text('idDocument'), text('moveInDate'), text('status')]}>
          {residents.items.map((resident) => (
            <tr key={resident.residentId} data-testid="resident-row" data-resident-id={resident.residentId}>
              <td>
                <Link to={residentLink(resident.residentId)}>{resident.name}</Link>
              </td>
              <td>
                <Link to={unitLink(resident.unitId)}>{resident.unitId}</Link>
              </td>
              <td>{word(RESIDENT_RELATION_LABELS[resident.relation])}</td>
              <td>{`${word(ID_DOCUMENT_KIND_LABELS[resident.idDocument.kind])} ${resident.idDocument.masked}`}</td>
              <td>{resident.moveInDate}</td>
              <td>{resident.active ? <Badge tone="success">{text('livingThere')}</Badge> : <Badge>{text('movedOut')}</Badge>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={residents.hasMore} loading={residents.loading} onLoadMore={residents.loadMore} />
    </section>
  );
}
