import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { DeliverySummary } from '../../../../../contracts/delivery';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { FormField } from '../../../components/form-field';
import { Loading } from '../../../components/loading';
import { fieldErrorsByName } from '../../../lib/api-client';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { listDeliveries, listSuppliers, startDelivery } from '../api/delivery-api';
import { useDeliveryText } from './delivery-text';

export function DeliveryStatusBadge({ status }: { status: DeliverySummary['status'] }) {
  const tone = status === 'accepted' ? 'success' : status === 'delivered' ? 'info' : 'neutral';
  return <Badge tone={tone}>{status}</Badge>;
}

function StartDeliveryForm({ onStarted }: { onStarted: (workflowId: string) => void }) {
  const text = useDeliveryText();
  const suppliers = useApiResource((signal) => listSuppliers(signal), []);
  const { error, busy, run } = useAction();
  const fieldErrors = fieldErrorsByName(error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    void run(async () =>
      onStarted(
        await startDelivery({
          contractId: String(form.get('contractId')),
          projectId: String(form.get('projectId')),
          vendorId: String(form.get('vendorId')),
          title: String(form.get('title')),
          deliveryDate: new Date(String(form.get('deliveryDate'))).toISOString(),
        }),
      ),
    );
  }

  return (
    <form className="card" onSubmit={submit} data-testid="start-delivery">
      <h2>{text('startDelivery')}</h2>
      <ErrorBanner error={error} />
      <FormField id="contractId" label={text('contractId')} error={fieldErrors.contractId} required>
        <input id="contractId" name="contractId" required />
      </FormField>
      <FormField id="projectId" label={text('projectId')} error={fieldErrors.projectId} required>
        <input id="projectId" name="projectId" required />
      </FormField>
      <FormField id="title" label={text('title')} error={fieldErrors.title} required>
        <input id="title" name="title" required minLength={3} />
      </FormField>
      <FormField id="vendorId" label={text('supplier')} error={fieldErrors.vendorId} required>
        <select id="vendorId" name="vendorId" required>
          {(suppliers.data?.items ?? []).filter((supplier) => supplier.status === 'active').map((supplier) => (
            <option key={supplier.vendorId} value={supplier.vendorId}>
              {supplier.name}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="deliveryDate" label={text('deliveryDate')} error={fieldErrors.deliveryDate} required>
        <input id="deliveryDate" name="deliveryDate" type="date" required />
      </FormField>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {text('start')}
        </button>
      </div>
    </form>
  );
}

/** P2.3: every delivery with its status and warranty; procurement and management can start one. */
export function DeliveriesPage({ deliveryLink, canStart }: { deliveryLink: (workflowId: string) => string; canStart: boolean }) {
  const text = useDeliveryText();
  const { label, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const deliveries = useApiResource((signal) => listDeliveries(signal), []);

  return (
    <section className="deliveries-page">
      <header className="page-header">
        <h1>{text('deliveriesTitle')}</h1>
      </header>
      {deliveries.error ? <ErrorBanner error={deliveries.error} /> : null}
      {!deliveries.data ? (
        // A refusal or failure is the banner above: nothing is loading any more.
        !deliveries.error && <Loading />
      ) : deliveries.data.items.length === 0 ? (
        <p className="empty">{text('deliveriesEmpty')}</p>
      ) : (
        <DataTable headings={[text('title'), text('supplier'), text('system'), text('status'), text('deliveryDate'), text('warranty')]}>
          {deliveries.data.items.map((delivery) => (
            <tr key={delivery.workflowId} className="clickable" onClick={() => void navigate(deliveryLink(delivery.workflowId))} data-testid="delivery-row">
              <td>{delivery.title}</td>
              <td>{delivery.vendorName}</td>
              <td>{delivery.system ? label('system', delivery.system) : '—'}</td>
              <td>
                <DeliveryStatusBadge status={delivery.status} />
              </td>
              <td className="nowrap">{formatDateTime(delivery.deliveryDate)}</td>
              <td className="nowrap">{delivery.warrantyStartsAt ? `${formatDateTime(delivery.warrantyStartsAt)} → ${formatDateTime(delivery.warrantyEndsAt)}` : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canStart && <StartDeliveryForm onStarted={(workflowId) => void navigate(deliveryLink(workflowId))} />}
    </section>
  );
}
