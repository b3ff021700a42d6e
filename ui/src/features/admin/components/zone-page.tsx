import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useApiResource } from '../../../lib/use-api-resource';
import { getZone, zoneHistory } from '../api/admin-api';
import { useAdminText } from '../text';
import { ChangeHistory } from './change-history';
import { ZoneChangeForms } from './guard-roster-forms';

/** A zone as registered (issue 12): its name, building, devices in use, its history; makers propose changes. */
export function ZonePage({ zonesPath, changeLink, canPropose }: { zonesPath: string; changeLink: (changeId: string) => string; canPropose: boolean }) {
  const { zoneId = '' } = useParams();
  const text = useAdminText();
  const zone = useApiResource((signal) => getZone(zoneId, signal), [zoneId]);
  const history = useApiResource((signal) => zoneHistory(zoneId, signal), [zoneId]);

  return (
    <section>
      <p>
        <Link to={zonesPath}>← {text('backToZones')}</Link>
      </p>
      <ErrorBanner error={zone.error ?? history.error} />
      {zone.loading && !zone.data && <Loading />}
      {zone.data && (
        <>
          <h1>
            {text('zone')} {zone.data.name} {!zone.data.active && <Badge>{text('disabled')}</Badge>}
          </h1>
          <KeyValueList
            entries={[
              [text('zoneId'), zone.data.zoneId, 'id'],
              [text('building'), zone.data.buildingName ?? text('commonArea'), 'building'],
              [text('deviceCount'), String(zone.data.deviceCount), 'devices'],
            ]}
          />
          {canPropose && zone.data.active && <ZoneChangeForms zone={zone.data} changeLink={changeLink} />}
        </>
      )}
      <h2>{text('history')}</h2>
      {history.data && <ChangeHistory entries={history.data.items} changeLink={changeLink} />}
    </section>
  );
}
