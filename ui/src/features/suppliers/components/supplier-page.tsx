import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { can } from '../../../../../contracts/permissions';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { getSupplier, requestRequalification } from '../api/suppliers-api';
import { useSupplierText } from '../text';
import { DocumentStateBadge, QualificationBadge } from './supplier-registry-page';
import { SupplierStaffForm } from './supplier-staff-form';

/** One supplier: documents with their expiry state, qualification reviews, and its processes one click away. */
export function SupplierPage({ registryPath, processInstanceLink, changeLink }: { registryPath: string; processInstanceLink: (workflowId: string) => string; changeLink: (changeId: string) => string }) {
  const text = useSupplierText();
  const { formatDateTime } = useI18n();
  const { vendorId = '' } = useParams();
  const user = useCurrentUser();
  const supplier = useApiResource((signal) => getSupplier(vendorId, signal), [vendorId]);
  const [requestId] = useState(newUuid);
  const [actionError, setActionError] = useState<unknown>(null);
  const [started, setStarted] = useState<string | null>(null);

  async function requalify() {
    setActionError(null);
    try {
      setStarted((await requestRequalification(vendorId, requestId)).workflowId);
    } catch (error) {
      setActionError(error);
    }
  }

  if (supplier.loading && !supplier.data) return <Loading />;
  const data = supplier.data;
  return (
    <section>
      <p>
        <Link to={registryPath}>← {text('registry')}</Link>
      </p>
      <ErrorBanner error={supplier.error ?? actionError} />
      {data && (
        <>
          <header className="page-header">
            <h1>{data.name}</h1>
            {can(user, 'supplier-qualification.start') && (
              <button type="button" className="button" onClick={requalify} disabled={started !== null}>
                {text('requalify')}
              </button>
            )}
          </header>
          {started && (
            <p className="banner" role="status">
              {text('started')}: <Link to={processInstanceLink(started)}>{started}</Link>
            </p>
          )}
          <KeyValueList
            entries={[
              [text('status'), <QualificationBadge status={data.qualificationStatus} />],
              [text('qualifiedAt'), formatDateTime(data.qualifiedAt)],
              [text('requalifyDue'), formatDateTime(data.requalifyDueAt)],
            ]}
          />
          {can(user, 'data-review.start') && <SupplierStaffForm supplierId={data.id} changeLink={changeLink} />}
          <h2>{text('document')}</h2>
          <DataTable scroll={false} headings={[text('document'), text('kind'), text('number'), text('expiresOn'), text('state')]}>
            {data.documents.map((document) => (
              <tr key={document.id} data-testid="document-row" data-state={document.state}>
                <td>{document.title}</td>
                <td>{document.kind}</td>
                <td>{document.number ?? '—'}</td>
                <td>{document.expiresOn ?? '—'}</td>
                <td>
                  <DocumentStateBadge state={document.state} />
                </td>
              </tr>
            ))}
          </DataTable>
          <h2>{text('reviews')}</h2>
          {data.reviews.length === 0 && <p className="empty">{text('none')}</p>}
          <ul>
            {data.reviews.map((review) => (
              <li key={review.workflowId}>
                <Link to={processInstanceLink(review.workflowId)}>{formatDateTime(review.reviewedAt)}</Link> · {text('decision')}: {review.decision} · {text('total')}{' '}
                {review.total} · {text('scores')}: {review.qualification} / {review.reputation} / {review.technicalStrength} / {review.afterSales}
              </li>
            ))}
          </ul>
          <h2>{text('processes')}</h2>
          <ul>
            {data.qualificationWorkflows.map((workflow) => (
              <li key={workflow.workflowId}>
                <Link to={processInstanceLink(workflow.workflowId)}>{workflow.workflowId}</Link> · {workflow.status} · {formatDateTime(workflow.startedAt)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
