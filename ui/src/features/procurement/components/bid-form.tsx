import { useState, type FormEvent } from 'react';
import type { BidReceipt } from '../../../../../contracts/procurement';
import { ErrorBanner } from '../../../components/error-banner';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { getMyBidReceipt, submitBid } from '../api/procurement-api';
import { useProcurementText } from '../text';

/** A supplier's sealed bid: while bidding is open it submits; afterwards it shows only the receipt. */
export function BidForm({ workflowId, open }: { workflowId: string; open: boolean }) {
  const text = useProcurementText();
  const { formatDateTime } = useI18n();
  const existing = useApiResource((signal) => getMyBidReceipt(workflowId, signal).catch(() => null), [workflowId]);
  const [bidId] = useState(newUuid);
  const [receipt, setReceipt] = useState<BidReceipt | null>(null);
  const { error, run } = useAction();
  const [values, setValues] = useState({ priceYuan: '', technicalProposal: '', deliveryDate: '', afterSalesTerms: '' });
  const shown = receipt ?? existing.data ?? null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    void run(async () => setReceipt(await submitBid(workflowId, { bidId, ...values, priceYuan: Number(values.priceYuan) })));
  }

  const field = (name: keyof typeof values, label: string, input: 'text' | 'number' | 'date' | 'textarea') => (
    <label className="form-field">
      {label}
      {input === 'textarea' ? (
        <textarea name={name} required value={values[name]} onChange={(event) => setValues({ ...values, [name]: event.target.value })} />
      ) : (
        <input name={name} type={input} required value={values[name]} onChange={(event) => setValues({ ...values, [name]: event.target.value })} />
      )}
    </label>
  );

  return (
    <section className="card" data-testid="bid-form">
      <h2>{text('myBid')}</h2>
      {shown && (
        <p role="status" data-testid="bid-receipt">
          {text('receipt')} · {text('submittedAt')} {formatDateTime(shown.submittedAt)} · {text('hash')} <code>{shown.contentHash}</code>
        </p>
      )}
      <ErrorBanner error={error} />
      {open && !receipt && (
        <form onSubmit={handleSubmit}>
          {field('priceYuan', text('price'), 'number')}
          {field('technicalProposal', text('proposal'), 'textarea')}
          {field('deliveryDate', text('deliveryDate'), 'date')}
          {field('afterSalesTerms', text('afterSales'), 'textarea')}
          <button type="submit" className="button button-primary">
            {text('submitBid')}
          </button>
        </form>
      )}
    </section>
  );
}
