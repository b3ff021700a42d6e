import { Link, useParams } from 'react-router';
import { DELIVERY_STATUS_LABELS, ID_DOCUMENT_KIND_LABELS, UNIT_USE_LABELS } from '../../../../../contracts/labels';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { getUnit, listBuildings, unitHistory } from '../api/admin-api';
import { useAdminText } from '../text';
import { ChangeHistory } from './change-history';
import { AddOwnerForm, ChangeUnitForm, RemoveOwnerForm } from './unit-change-forms';

/** A unit as registered (issue 12): area, use, delivery status, owners with masked documents, its history; makers propose changes. */
export function UnitPage({ unitsPath, changeLink, canPropose }: { unitsPath: string; changeLink: (changeId: string) => string; canPropose: boolean }) {
  const { unitId = '' } = useParams();
  const text = useAdminText();
  const { text: word } = useI18n();
  const unit = useApiResource((signal) => getUnit(unitId, signal), [unitId]);
  const history = useApiResource((signal) => unitHistory(unitId, signal), [unitId]);
  // The building as people know it, by name.
  const buildings = useApiResource((signal) => listBuildings(signal), []);
  const buildingName = buildings.data?.items.find((building) => building.buildingId === unit.data?.buildingId)?.name;

  return (
    <section>
      <p>
        <Link to={unitsPath}>← {text('backToUnits')}</Link>
      </p>
      <ErrorBanner error={unit.error ?? history.error} />
      {unit.loading && !unit.data && <Loading />}
      {unit.data && (
        <>
          <h1>
            {text('unit')} {unit.data.number} {!unit.data.active && <Badge>{text('disabled')}</Badge>}
          </h1>
          <KeyValueList
            entries={[
              [text('building'), buildingName],
              [text('number'), unit.data.number],
              [text('area'), unit.data.exclusiveArea.toFixed(2)],
              [text('use'), word(UNIT_USE_LABELS[unit.data.use])],
              [text('deliveryStatus'), word(DELIVERY_STATUS_LABELS[unit.data.deliveryStatus])],
            ]}
          />
          <h2>{text('owners')}</h2>
          {unit.data.owners.length === 0 ? (
            <p>{text('noOwners')}</p>
          ) : (
            <DataTable headings={[text('owner'), text('idDocument')]} data-testid="unit-owners">
              {unit.data.owners.map((owner) => (
                <tr key={owner.ownerId} data-testid="unit-owner">
                  <td>
                    {owner.name} {owner.kind === 'developer' && <Badge>{text('developer')}</Badge>}
                  </td>
                  <td>{owner.idDocument ? `${word(ID_DOCUMENT_KIND_LABELS[owner.idDocument.kind])} ${owner.idDocument.masked}` : '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
          {canPropose && unit.data.active && (
            <>
              <ChangeUnitForm unit={unit.data} changeLink={changeLink} />
              <AddOwnerForm unitId={unit.data.unitId} changeLink={changeLink} />
              {unit.data.owners.length > 0 && <RemoveOwnerForm unitId={unit.data.unitId} owners={unit.data.owners} changeLink={changeLink} />}
            </>
          )}
        </>
      )}
      <h2>{text('history')}</h2>
      {history.data && <ChangeHistory entries={history.data.items} changeLink={changeLink} />}
    </section>
  );
}
