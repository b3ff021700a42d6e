import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { DataChangeStatus } from '../../../../../contracts/vocabulary';
import { Badge } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { useAction } from '../../../lib/use-action';
import { getChange, withdrawChange } from '../api/admin-api';
import { useAdminText } from '../text';
import { ChangeHistory } from './change-history';
import { CorrectionForm } from './correction-form';
import { ChecksTable, DiffTable } from './diff-table';
import { ImportRows } from './import-rows';

const STATUS_TONE: Record<DataChangeStatus, 'info' | 'warning' | 'neutral' | 'success'> = { 'in-review': 'info', returned: 'warning', withdrawn: 'neutral', applied: 'success' };

/** A master-data change (P5.1b): where it stands, before and after, the standard's checks, and its steps so far. */
export function ChangePage({
  unitLink,
  userLink,
  residentLink,
  zoneLink,
  shiftLink,
  changeLink,
  processInstanceLink,
  currentUserId,
}: {
  unitLink: (unitId: string) => string;
  userLink: (userId: string) => string;
  residentLink: (residentId: string) => string;
  zoneLink: (zoneId: string) => string;
  shiftLink: (shiftId: string) => string;
  changeLink: (changeId: string) => string;
  processInstanceLink: (workflowId: string) => string;
  currentUserId: string;
}) {
  const { changeId = '' } = useParams();
  const text = useAdminText();
  const { formatDateTime, vocabulary, text: word } = useI18n();
  const change = useApiResource((signal) => getChange(changeId, signal), [changeId]);
  const action = change.data ? vocabulary('data-review').action?.options?.[change.data.action] : undefined;
  const withdrawal = useAction();
  const withdraw = () =>
    withdrawal.run(async () => {
      change.setData(await withdrawChange(changeId));
    });

  return (
    <section>
      <ErrorBanner error={change.error} />
      {change.loading && !change.data && <Loading />}
      {change.data && (
        <>
          <h1>{action ? text('changeOf', { action: word(action) }) : text('change')}</h1>
          <KeyValueList
            entries={[
              [text('status'), <Badge tone={STATUS_TONE[change.data.status]}>{text(`status.${change.data.status}`)}</Badge>, 'status'],
              ...(change.data.batch
                ? []
                : change.data.kind === 'user'
                  ? [[text('staffUser'), <Link to={userLink(change.data.recordId)}>{text('viewUser')}</Link>, 'user'] as [string, ReactNode, string]]
                  : change.data.kind === 'resident'
                    ? [[text('resident'), <Link to={residentLink(change.data.recordId)}>{text('viewResident')}</Link>, 'resident'] as [string, ReactNode, string]]
                  : change.data.kind === 'zone'
                    ? [[text('zone'), <Link to={zoneLink(change.data.recordId)}>{text('viewZone')}</Link>, 'zone'] as [string, ReactNode, string]]
                  : change.data.kind === 'guard-shift'
                    ? [[text('shift'), <Link to={shiftLink(change.data.recordId)}>{text('viewShift')}</Link>, 'shift'] as [string, ReactNode, string]]
                  : change.data.kind === 'unit' || change.data.kind === 'unit-owner'
                    ? [[text('unit'), <Link to={unitLink(change.data.recordId)}>{text('viewUnit')}</Link>, 'unit'] as [string, ReactNode, string]]
                    : []),
              [text('submittedBy'), change.data.maker.name, 'maker'],
              [text('submittedAt'), formatDateTime(change.data.submittedAt), 'at'],
              [text('needsSecondApproval'), change.data.needsSecondApproval ? text('yes') : text('no'), 'second'],
              [text('process'), <Link to={processInstanceLink(change.data.workflowId)}>{text('viewProcess')}</Link>, 'process'],
            ]}
          />
          {change.data.status === 'returned' && change.data.maker.id === currentUserId && (
            <div className="card" data-testid="returned-change">
              <p>{text('withdrawNote')}</p>
              <ErrorBanner error={withdrawal.error} />
              <button type="button" className="button-secondary" disabled={withdrawal.busy} onClick={() => void withdraw()} data-testid="withdraw-change">
                {text('withdraw')}
              </button>
              {change.data.draft && <CorrectionForm key={change.data.revision} change={change.data} onCorrected={change.setData} />}
            </div>
          )}
          <h2>{text('diff')}</h2>
          <DiffTable diff={change.data.diff} />
          <h2>{text('checks')}</h2>
          <ChecksTable checks={change.data.checks} />
          {change.data.batch && (
            <>
              <h2>{text('batch')}</h2>
              <ImportRows changeId={change.data.changeId} />
            </>
          )}
          {change.data.history.length > 0 && (
            <>
              <h2>{text('history')}</h2>
              <ChangeHistory entries={change.data.history} changeLink={changeLink} />
            </>
          )}
        </>
      )}
    </section>
  );
}
