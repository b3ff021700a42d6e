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
import { listShifts } from '../api/admin-api';
import { useAdminText } from '../text';
import { NewShiftForm } from './guard-roster-forms';

/** The guard roster (P4.2c, issue 12): which guard covers which zone on which day and hours, by day; makers enter shifts for review. */
export function RosterPage({ shiftLink, zoneLink, changeLink, zonesPath, canPropose }: { shiftLink: (shiftId: string) => string; zoneLink: (zoneId: string) => string; changeLink: (changeId: string) => string; zonesPath: string; canPropose: boolean }) {
  const text = useAdminText();
  const [params, setFilters] = useSearchParamFilters();
  const filters = { q: params.get('q') ?? '', from: params.get('from') ?? '', to: params.get('to') ?? '' };
  const shifts = useKeysetList(
    (cursor, signal) => listShifts({ q: filters.q || undefined, from: filters.from || undefined, to: filters.to || undefined, cursor }, signal),
    [filters.q, filters.from, filters.to],
  );
  const setQuery = useCallback((q: string) => setFilters({ q }), [setFilters]);

  return (
    <section>
      <h1>{text('roster')}</h1>
      <p>
        <Link to={zonesPath}>{text('zones')}</Link>
      </p>
      <ErrorBanner error={shifts.error} />
      {canPropose && <NewShiftForm changeLink={changeLink} />}
      <div className="filters">
        <label className="form-field">
          {text('findShift')}
          <DebouncedTextInput type="search" name="q" value={filters.q} onCommit={setQuery} data-testid="shift-search" />
        </label>
        <label className="form-field">
          {text('fromDate')}
          <input type="date" name="from" value={filters.from} onChange={(event) => setFilters({ from: event.target.value })} />
        </label>
        <label className="form-field">
          {text('toDate')}
          <input type="date" name="to" value={filters.to} onChange={(event) => setFilters({ to: event.target.value })} />
        </label>
      </div>
      {shifts.loading && shifts.items.length === 0 && <Loading />}
      {!shifts.loading && shifts.items.length === 0 && !shifts.error && <p>{text('noShifts')}</p>}
      {shifts.items.length > 0 && (
        <DataTable headings={[text('date'), text('startTime'), text('endTime'), text('zone'), text('guard'), text('status')]}>
          {shifts.items.map((shift) => (
            <tr key={shift.shiftId} data-testid="shift-row" data-shift-id={shift.shiftId}>
              <td>
                <Link to={shiftLink(shift.shiftId)}>{shift.date}</Link>
              </td>
              <td>{shift.startTime}</td>
              <td>{shift.endTime}</td>
              <td>
                <Link to={zoneLink(shift.zoneId)}>{shift.zoneName}</Link>
              </td>
              <td>{shift.guardName}</td>
              <td>{shift.active ? <Badge tone="success">{text('inForce')}</Badge> : <Badge>{text('cancelled')}</Badge>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={shifts.hasMore} loading={shifts.loading} onLoadMore={shifts.loadMore} />
    </section>
  );
}
