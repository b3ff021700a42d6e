import { useCallback } from 'react';
import { Link } from 'react-router';
import { DELIVERY_STATUS_LABELS, UNIT_USE_LABELS } from '../../../../../contracts/labels';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { DebouncedTextInput } from '../../../components/debounced-text-input';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { useSearchParamFilters } from '../../../lib/use-search-param-filters';
import { listBuildings, listUnits } from '../api/admin-api';
import { useAdminText } from '../text';
import { ImportPanel } from './import-panel';
import { NewUnitForm } from './new-unit-form';

/** The unit register (issue 12): find a unit by number or building; makers enter a new one for review. */
export function UnitsPage({ unitLink, changeLink, devicesPath, canPropose }: { unitLink: (unitId: string) => string; changeLink: (changeId: string) => string; devicesPath: string; canPropose: boolean }) {
  const text = useAdminText();
  const { text: word } = useI18n();
  const [params, setFilters] = useSearchParamFilters();
  const filters = { number: params.get('number') ?? '', building: params.get('building') ?? '' };
  const buildings = useApiResource((signal) => listBuildings(signal), []);
  const units = useKeysetList(
    (cursor, signal) => listUnits({ number: filters.number || undefined, buildingId: filters.building || undefined, cursor }, signal),
    [filters.number, filters.building],
  );
  const setNumber = useCallback((number: string) => setFilters({ number }), [setFilters]);

  return (
    <section>
      <h1>{text('units')}</h1>
      <p>
        <Link to={devicesPath}>{text('devices')}</Link>
      </p>
      <ErrorBanner error={units.error ?? buildings.error} />
      {canPropose && buildings.data && <NewUnitForm buildings={buildings.data.items} changeLink={changeLink} />}
      {canPropose && <ImportPanel changeLink={changeLink} />}
      <div className="filters">
        <label className="form-field">
          {text('findByNumber')}
          <DebouncedTextInput type="search" name="number" value={filters.number} onCommit={setNumber} data-testid="unit-search" />
        </label>
        <label className="form-field">
          {text('building')}
          <select name="building" value={filters.building} onChange={(event) => setFilters({ building: event.target.value })}>
            <option value="">{text('allBuildings')}</option>
            {buildings.data?.items.map((building) => (
              <option key={building.buildingId} value={building.buildingId}>
                {building.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {units.loading && units.items.length === 0 && <Loading />}
      {!units.loading && units.items.length === 0 && !units.error && <p>{text('noUnits')}</p>}
      {units.items.length > 0 && (
        <DataTable headings={[text('unit'), text('building'), text('area'), text('use'), text('deliveryStatus'), text('ownerCount'), text('status')]}>
          {units.items.map((unit) => (
            <tr key={unit.unitId} data-testid="unit-row" data-unit-id={unit.unitId}>
              <td>
                <Link to={unitLink(unit.unitId)}>{unit.number}</Link>
              </td>
              <td>{unit.buildingName}</td>
              <td>{unit.exclusiveArea.toFixed(2)}</td>
              <td>{word(UNIT_USE_LABELS[unit.use])}</td>
              <td>{word(DELIVERY_STATUS_LABELS[unit.deliveryStatus])}</td>
              <td>{unit.ownerCount}</td>
              <td>{unit.active ? <Badge tone="success">{text('inUse')}</Badge> : <Badge>{text('disabled')}</Badge>}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <LoadMoreButton hasMore={units.hasMore} loading={units.loading} onLoadMore={units.loadMore} />
    </section>
  );
}
