import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { can } from '../../../../../contracts/permissions';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { listProcurements } from '../api/procurement-api';
import { useProcurementText } from '../text';
import { StartProcurement } from './start-procurement';

/** How often, and how many times, the list looks again for a procurement just started (its process registers it). */
const AWAIT_STARTED_MS = 1_000;
const AWAIT_STARTED_TRIES = 15;

/** Procurements, newest first; a supplier sees those it is invited to; procurement staff start one here. */
export function ProcurementListPage({ procurementLink }: { procurementLink: (workflowId: string) => string }) {
  const text = useProcurementText();
  const { formatDateTime } = useI18n();
  const procurements = useApiResource((signal) => listProcurements(signal), []);
  const canStart = can(useCurrentUser(), 'procurement.start');
  const [awaiting, setAwaiting] = useState<{ workflowId: string; tries: number } | null>(null);
  const { data, loading, reload } = procurements;
  useEffect(() => {
    if (!awaiting || loading) return;
    if (data?.items.some((item) => item.workflowId === awaiting.workflowId) || awaiting.tries >= AWAIT_STARTED_TRIES) {
      setAwaiting(null);
      return;
    }
    const timer = setTimeout(() => {
      setAwaiting({ ...awaiting, tries: awaiting.tries + 1 });
      reload();
    }, AWAIT_STARTED_MS);
    return () => clearTimeout(timer);
  }, [awaiting, data, loading, reload]);
  return (
    <section>
      <header className="page-header">
        <h1>{text('procurements')}</h1>
        {canStart && <StartProcurement procurementLink={procurementLink} onStarted={(workflowId) => setAwaiting({ workflowId, tries: 0 })} />}
      </header>
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
