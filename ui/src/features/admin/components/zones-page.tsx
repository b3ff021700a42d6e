import { useCallback } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listZones } from '../api/admin-api';
import { useAdminText } from '../text';
import { NewZoneForm } from './guard-roster-forms';

/** The zones devices sit in and guards cover (issue 12): found by id or name, in use or not; makers add one for review. */
export function ZonesPage({ zoneLink, changeLink, rosterPath, canPropose }: { zoneLink: (zoneId: string) => string; changeLink: (changeId: string) => string; rosterPath: string; canPropose: boolean }) {
  const text = useAdminText();
  const [params, setFilters] = useSearchParamFilters();
  const filters = { q: params.get('q') ?? '', active: params.get('active') ?? '' };
  const zones = useKeysetList(
    (cursor, signal) => listZones({ q: filters.q || undefined, active: filters.active === 'true' || filters.active === 'false' ? filters.active : undefined, cursor }, signal),
    [filters.q, filters.active],
  );
  const setQuery = useCallback((q: string) => setFilters({ q }), [setFilters]);

  return (
    <section>
      <h1>{text('zones')}</h1>
      <p>
        <Link to={rosterPath}>{text('roster')}</Link>
      </p>
      <ErrorBanner error={zones.error} />
      {canPropose && <NewZoneForm changeLink={changeLink} />}
      <div className="filters">
        <label className="form-field">
          {text('findZone')}
          <DebouncedTextInput type="search" name="q" value={filters.q} onCommit={setQuery} data-testid="zone-search" />
        </label>
        <label className="form-field">
          {text('inUseOrNot')}
          <select name="active" value={filters.active} onChange={(event) => setFilters({ active: event.target.value })}>
            <option value="">{text('all')}</option>
            <option value="true">{text('inUse')}</option>
            <option value="false">{text('disabled')}</option>
          </select>
        </label>
      </div>
      {zones.loading && zones.items.length === 0 && <Loading />}
      {!zones.loading && zones.items.length === 0 && !zones.error && <p>{text('noZones')}</p>}
      {zones.items.length > 0 && (
        <DataTable headings={[text('zoneName'), text('building'), text('deviceCount'), text('status')]}>
          {zones.items.map((zone) => (
            <tr key={zone.zoneId} data-testid="zone-row" data-zone-id={zone.zoneId}>
              <td>
                <Link to={zoneLink(zone.zoneId)}>{zone.name}</Link>
              </td>
              <td>{zone.buildingName ?? text('commonArea')}</td>
              <td>{zone.deviceCount}</td>
              <td>{zone.active ? <Badge tone="success">{text('inUse')}</Badge> : <Badge>{text('disabled')}</Badge>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={zones.hasMore} loading={zones.loading} onLoadMore={zones.loadMore} />
    </section>
  );
}
