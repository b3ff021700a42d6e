import { Link, useParams } from 'react-router';
import { ID_DOCUMENT_KIND_LABELS, RESIDENT_RELATION_LABELS } from '../../../../../contracts/labels';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { getResident, residentHistory } from '../api/admin-api';
import { useAdminText } from '../text';
import { ChangeHistory } from './change-history';
import { ChangeResidentForm, MoveOutForm } from './resident-forms';

/** A resident or tenant as registered (issue 12): unit, relation, phone, document masked, move-in and move-out, their history; makers propose changes. */
export function ResidentPage({ residentsPath, unitLink, changeLink, canPropose }: { residentsPath: string; unitLink: (unitId: string) => string; changeLink: (changeId: string) => string; canPropose: boolean }) {
  const { residentId = '' } = useParams();
  const text = useAdminText();
  const { text: word } = useI18n();
  const resident = useApiResource((signal) => getResident(residentId, signal), [residentId]);
  const history = useApiResource((signal) => residentHistory(residentId, signal), [residentId]);

  return (
    <section>
      <p>
        <Link to={residentsPath}>← {text('backToResidents')}</Link>
      </p>
      <ErrorBanner error={resident.error ?? history.error} />
      {resident.loading && !resident.data && <Loading />}
      {resident.data && (
        <>
          <h1>
            {text('resident')} {resident.data.name} {!resident.data.active && <Badge>{text('movedOut')}</Badge>}
          </h1>
          <KeyValueList
            entries={[
              [text('unit'), <Link to={unitLink(resident.data.unitId)}>{resident.data.unitId}</Link>, 'unit'],
              [text('relation'), word(RESIDENT_RELATION_LABELS[resident.data.relation]), 'relation'],
              [text('phone'), resident.data.phone, 'phone'],
              [text('idDocument'), <span data-testid="resident-id-document">{`${word(ID_DOCUMENT_KIND_LABELS[resident.data.idDocument.kind])} ${resident.data.idDocument.masked}`}</span>, 'document'],
              [text('moveInDate'), resident.data.moveInDate, 'in'],
              [text('moveOutDate'), resident.data.moveOutDate ?? '—', 'out'],
            ]}
          />
          {canPropose && resident.data.active && (
            <>
              <ChangeResidentForm resident={resident.data} changeLink={changeLink} />
              <MoveOutForm residentId={resident.data.residentId} changeLink={changeLink} />
            </>
          )}
        </>
      )}
      <h2>{text('history')}</h2>
      {history.data && <ChangeHistory entries={history.data.items} changeLink={changeLink} />}
    </section>
  );
}
