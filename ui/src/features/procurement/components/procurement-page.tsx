import { Link, useParams } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { RecordTasks, type TaskLink } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { getProcurement } from '../api/procurement-api';
import { useProcurementText } from '../text';
import { BidForm } from './bid-form';

/** One procurement: before the opening only the invitations (bids sealed); after it bids, panel, scores, award and contract. */
export function ProcurementPage({
  procurementsPath,
  processInstanceLink,
  taskLink,
}: {
  procurementsPath: string;
  processInstanceLink: (workflowId: string) => string;
  taskLink: TaskLink;
}) {
  const text = useProcurementText();
  const { formatDateTime } = useI18n();
  const { workflowId = '' } = useParams();
  const user = useCurrentUser();
  const procurement = useApiResource((signal) => getProcurement(workflowId, signal), [workflowId]);
  if (procurement.loading && !procurement.data) return <Loading />;
  const data = procurement.data;
  const vendorName = (vendorId: string) => data?.invited.find((supplier) => supplier.vendorId === vendorId)?.name ?? vendorId;
  const bidVendor = (bidId: string) => data?.bids?.find((bid) => bid.bidId === bidId)?.vendorName ?? bidId;

  return (
    <section>
      <p>
        <Link to={procurementsPath}>← {text('procurements')}</Link>
      </p>
      <ErrorBanner error={procurement.error} />
      {data && (
        <>
          <h1>{data.title}</h1>
          <RecordTasks workflowIds={[data.workflowId]} taskLink={taskLink} />
          <KeyValueList
            entries={[
              [text('estimate'), data.estimateYuan.toLocaleString()],
              [text('method'), data.method ? `${text.value('method', data.method)}${data.methodReason ? ` (${data.methodReason})` : ''}` : null],
              [text('status'), text.value('status', data.status)],
              [text('deadline'), formatDateTime(data.bidDeadline)],
              [text('openedAt'), formatDateTime(data.openedAt)],
              [text('process'), <Link to={processInstanceLink(data.workflowId)}>{data.workflowId}</Link>],
              [text('plan'), data.planWorkflowId ? <Link to={processInstanceLink(data.planWorkflowId)}>{data.planWorkflowId}</Link> : null],
              [text('awarded'), data.awardedVendorId ? vendorName(data.awardedVendorId) : null],
            ]}
          />
          <h2>{text('invited')}</h2>
          <p>{data.invited.map((supplier) => supplier.name).join(' · ') || text('none')}</p>
          {user.vendorId && <BidForm workflowId={data.workflowId} open={data.status === 'bidding'} />}
          <h2>{text('bids')}</h2>
          {data.bids === null ? (
            <p className="banner" data-testid="bids-sealed">
              {text('sealed')}
            </p>
          ) : (
            <DataTable data-testid="bids-table" headings={[text('supplier'), text('price'), text('proposal'), text('deliveryDate'), text('afterSales'), text('hash')]}>
              {data.bids.map((bid) => (
                <tr key={bid.bidId}>
                  <td>{bid.vendorName}</td>
                  <td>{bid.priceYuan.toLocaleString()}</td>
                  <td>{bid.technicalProposal}</td>
                  <td>{bid.deliveryDate}</td>
                  <td>{bid.afterSalesTerms}</td>
                  <td>
                    <code>{bid.contentHash.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          {data.panel.length > 0 && (
            <>
              <h2>{text('panel')}</h2>
              <ul>
                {data.panel.map((member) => (
                  <li key={member.userId}>
                    {member.displayName} · {text('conflict')}: {member.conflict === null ? '—' : member.conflict ? `✔ ${member.statement ?? ''}` : '✘'}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.scores.length > 0 && (
            <>
              <h2>{text('scores')}</h2>
              <ul data-testid="scores">
                {data.scores.map((score) => (
                  <li key={`${score.userId}.${score.bidId}`}>
                    {score.userId} → {bidVendor(score.bidId)}: {score.price} / {score.technical} / {score.afterSales} → {score.weighted}
                  </li>
                ))}
              </ul>
            </>
          )}
          {data.contract && (
            <>
              <h2>{text('contract')}</h2>
              <KeyValueList
                entries={[
                  [text('supplier'), vendorName(data.contract.vendorId)],
                  [text('price'), data.contract.priceYuan.toLocaleString()],
                  [text('rights'), data.contract.rightsAndObligations],
                  [text('specs'), data.contract.specs],
                  [text('deliveryDate'), data.contract.deliveryDate],
                  [text('afterSales'), data.contract.afterSalesTerms],
                  [text('sla'), data.contract.repairSlaSeconds],
                  [text('approvedBy'), data.contract.approvedBy],
                ]}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}
