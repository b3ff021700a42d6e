import { Link } from 'react-router';
import { RegisterSupplierForm } from './register-supplier-form';
import { listExpiringDocuments, listSuppliers } from '../api/suppliers-api';
import { useSupplierText } from '../text';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { can } from '../../../../../contracts/permissions';
import type { DocumentState, QualificationStatus } from '../../../../../contracts/suppliers';

const STATUS_TONE: Record<QualificationStatus, 'success' | 'danger' | 'info'> = { qualified: 'success', rejected: 'danger', pending: 'info' };
const STATE_TONE: Record<DocumentState, 'success' | 'warning' | 'danger'> = { valid: 'success', expiring: 'warning', expired: 'danger' };

export function QualificationBadge({ status }: { status: QualificationStatus }) {
  const text = useSupplierText();
  return <Badge tone={STATUS_TONE[status]}>{text(`status.${status}`)}</Badge>;
}

export function DocumentStateBadge({ state }: { state: DocumentState }) {
  const text = useSupplierText();
  return <Badge tone={STATE_TONE[state]}>{text(`state.${state}`)}</Badge>;
}

/** P2.2a: the registry with each supplier's status and flagged documents; keepers see the expiring list. */
export function SupplierRegistryPage({ supplierLink }: { supplierLink: (vendorId: string) => string }) {
  const text = useSupplierText();
  const { formatDateTime } = useI18n();
  const user = useCurrentUser();
  const keeper = can(user, 'supplier-qualification.start');
  const suppliers = useApiResource((signal) => listSuppliers(signal), []);
  const expiring = useApiResource((signal) => (keeper ? listExpiringDocuments(signal) : Promise.resolve({ items: [] })), [keeper]);

  return (
    <section>
      <h1>{text('registry')}</h1>
      <ErrorBanner error={suppliers.error ?? expiring.error} />
      {suppliers.loading && !suppliers.data && <Loading />}
      {keeper && <RegisterSupplierForm supplierLink={supplierLink} onRegistered={suppliers.reload} />}
      {keeper && expiring.data && expiring.data.items.length > 0 && (
        <section className="card" data-testid="expiring-documents">
          <h2>{text('expiring')}</h2>
          <ul>
            {expiring.data.items.map((document) => (
              <li key={document.id}>
                <Link to={supplierLink(document.vendorId)}>{document.vendorName}</Link>: {document.title} · {text('expiresOn')} {document.expiresOn}{' '}
                <DocumentStateBadge state={document.state} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {suppliers.data && (
        <DataTable headings={[text('name'), text('status'), text('qualifiedAt'), text('requalifyDue'), text('flagged')]}>
          {suppliers.data.items.map((supplier) => (
            <tr key={supplier.id} data-testid="supplier-row" data-vendor-id={supplier.id}>
              <td>
                <Link to={supplierLink(supplier.id)}>{supplier.name}</Link>
              </td>
              <td>
                <QualificationBadge status={supplier.qualificationStatus} />
              </td>
              <td>{formatDateTime(supplier.qualifiedAt)}</td>
              <td>{formatDateTime(supplier.requalifyDueAt)}</td>
              <td>{supplier.flaggedDocuments > 0 ? <Badge tone="warning">{supplier.flaggedDocuments}</Badge> : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
