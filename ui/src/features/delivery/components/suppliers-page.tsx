import { useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { listEvaluations, listSuppliers, requestEvaluation } from '../api/delivery-api';
import { useDeliveryText } from './delivery-text';

const show = (value: number | null) => (value === null ? '—' : String(value));

/** P2.2c: the supplier registry (contracts, penalties, terminations) and the evaluation scores. */
export function SuppliersPage({ processInstanceLink, canEvaluate }: { processInstanceLink: (workflowId: string) => string; canEvaluate: boolean }) {
  const text = useDeliveryText();
  const { formatDateTime } = useI18n();
  const suppliers = useApiResource((signal) => listSuppliers(signal), []);
  const evaluations = useApiResource((signal) => listEvaluations(signal), []);
  const { error, run } = useAction();
  const [started, setStarted] = useState<Record<string, string>>({});

  const evaluate = (vendorId: string) =>
    run(async () => {
      const workflowId = await requestEvaluation({ requestId: newUuid(), vendorId });
      setStarted((previous) => ({ ...previous, [vendorId]: workflowId }));
    });

  return (
    <section className="suppliers-page">
      <header className="page-header">
        <h1>{text('suppliersTitle')}</h1>
      </header>
      <ErrorBanner error={error ?? suppliers.error ?? evaluations.error} />
      <div className="card">
        <h2>{text('registry')}</h2>
        {!suppliers.data ? (
          // A refusal or failure is the banner above: nothing is loading any more.
          !suppliers.error && <Loading />
        ) : (
          <DataTable scroll={false} headings={[text('supplier'), text('status'), text('activeContracts'), text('penalties'), null]}>
            {suppliers.data.items.map((supplier) => (
              <tr key={supplier.vendorId} data-testid="supplier-row" data-vendor={supplier.vendorId}>
                <td>{supplier.name}</td>
                <td>
                  {supplier.status === 'terminated' ? <Badge tone="danger">{text('terminated')}</Badge> : <Badge tone="success">{text('active')}</Badge>}
                </td>
                <td>{supplier.activeContracts}</td>
                <td>{supplier.penalties}</td>
                <td>
                  {started[supplier.vendorId] ? (
                    <Link to={processInstanceLink(started[supplier.vendorId])}>{text('started')}</Link>
                  ) : (
                    canEvaluate &&
                    supplier.status === 'active' && (
                      <button type="button" className="button button-secondary" onClick={() => void evaluate(supplier.vendorId)}>
                        {text('evaluate')}
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
      <div className="card">
        <h2>{text('evaluations')}</h2>
        {!evaluations.data ? (
          !evaluations.error && <Loading />
        ) : evaluations.data.items.length === 0 ? (
          <p className="empty">{text('noEvaluations')}</p>
        ) : (
          <DataTable headings={[text('supplier'), text('trigger'), text('round'), text('technology'), text('users'), text('sla'), text('rating'), text('score'), text('evaluatedAt')]}>
            {evaluations.data.items.map((row) => (
              <tr key={`${row.workflowId}-${row.round}`}>
                <td>
                  <Link to={processInstanceLink(row.workflowId)}>{row.vendorId}</Link>
                </td>
                <td>{row.trigger}</td>
                <td>{row.round}</td>
                <td>{show(row.technologyScore)}</td>
                <td>{show(row.userScore)}</td>
                <td>
                  {show(row.slaScore)} ({row.repairsOnTime}/{row.repairsOnTime + row.repairsLate})
                </td>
                <td>{show(row.ratingScore)}</td>
                <td>
                  {row.score} {row.poor ? <Badge tone="danger">{text('poor')}</Badge> : <Badge tone="success">{text('good')}</Badge>}
                </td>
                <td className="nowrap">{formatDateTime(row.evaluatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </section>
  );
}
