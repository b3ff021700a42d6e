import { Link } from 'react-router';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { listProcurements } from '../api/procurement-api';
import { useProcurementText } from '../text';

/** Procurements, newest first; a supplier sees those it is invited to. */
export function ProcurementListPage({ procurementLink }: { procurementLink: (workflowId: string) => string }) {
  const text = useProcurementText();
  const { formatDateTime } = useI18n();
  const procurements = useApiResource((signal) => listProcurements(signal), []);
  return (
    <section>
      <h1>{text('procurements')}</h1>
      <ErrorBanner error={procurements.error} />
      {procurements.loading && !procurements.data && <Loading />}
      {procurements.data && procurements.data.items.length === 0 && <p className="empty">{text('none')}</p>}
      {procurements.data && procurements.data.items.length > 0 && (
        <DataTable headings={[text('title'), text('estimate'), text('method'), text('status'), text('deadline')]}>
          {procurements.data.items.map((procurement) => (
            <tr key={procurement.workflowId} data-testid="procurement-row" data-workflow-id={procurement.workflowId}>
              <td>
                <Link to={procurementLink(procurement.workflowId)}>{procurement.title}</Link>
              </td>
              <td>{procurement.estimateYuan.toLocaleString()}</td>
              <td>{text.value('method', procurement.method) ?? '—'}</td>
              <td>{text.value('status', procurement.status)}</td>
              <td>{formatDateTime(procurement.bidDeadline)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
