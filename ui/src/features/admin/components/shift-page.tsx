import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useApiResource } from '../../../lib/use-api-resource';
import { getShift, shiftHistory } from '../api/admin-api';
import { useAdminText } from '../text';
import { ChangeHistory } from './change-history';
import { ShiftChangeForms } from './guard-roster-forms';

/** A shift of the guard roster (issue 12): the guard, zone, day and hours, its history; makers propose a change or its cancellation. */
export function ShiftPage({ rosterPath, zoneLink, changeLink, canPropose }: { rosterPath: string; zoneLink: (zoneId: string) => string; changeLink: (changeId: string) => string; canPropose: boolean }) {
  const { shiftId = '' } = useParams();
  const text = useAdminText();
  const shift = useApiResource((signal) => getShift(shiftId, signal), [shiftId]);
  const history = useApiResource((signal) => shiftHistory(shiftId, signal), [shiftId]);

  return (
    <section>
      <p>
        <Link to={rosterPath}>← {text('backToRoster')}</Link>
      </p>
      <ErrorBanner error={shift.error ?? history.error} />
      {shift.loading && !shift.data && <Loading />}
      {shift.data && (
        <>
          <h1>
            {text('shift')} {shift.data.date} {shift.data.startTime}–{shift.data.endTime} {!shift.data.active && <Badge>{text('cancelled')}</Badge>}
          </h1>
          <KeyValueList
            entries={[
              [text('zone'), <Link to={zoneLink(shift.data.zoneId)}>{shift.data.zoneName}</Link>, 'zone'],
              [text('guard'), shift.data.guardName, 'guard'],
              [text('date'), shift.data.date, 'date'],
              [text('startTime'), shift.data.startTime, 'start'],
              [text('endTime'), shift.data.endTime, 'end'],
            ]}
          />
          {canPropose && shift.data.active && <ShiftChangeForms shift={shift.data} changeLink={changeLink} />}
        </>
      )}
      <h2>{text('history')}</h2>
      {history.data && <ChangeHistory entries={history.data.items} changeLink={changeLink} />}
    </section>
  );
}
