import { Link } from 'react-router';
import { ErrorBanner } from '../../../components/error-banner';
import { LoadMoreButton } from '../../../components/load-more-button';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useKeysetList } from '../../../lib/use-keyset-list';
import { listMyFaults } from '../api/faults-api';
import { FaultProgress } from './fault-progress';

/** The faults the signed-in user reported, newest first, as phone-friendly cards. */
export function MyFaultsPage({
  faultLink,
  reportFaultPath,
}: {
  faultLink: (workflowId: string) => string;
  reportFaultPath: string;
}) {
  const { t, formatDateTime } = useI18n();
  const faults = useKeysetList((cursor, signal) => listMyFaults(cursor, signal), []);

  return (
    <section className="narrow-page">
      <header className="page-header">
        <h1>{t('fault.myFaultsTitle')}</h1>
        <Link to={reportFaultPath} className="button button-primary">
          {t('fault.newReport')}
        </Link>
      </header>
      <ErrorBanner error={faults.error} />
      <ul className="card-list">
        {faults.items.map((fault) => (
          <li key={fault.workflowId}>
            <Link to={faultLink(fault.workflowId)} className="card fault-card" data-testid="fault-card" data-workflow-id={fault.workflowId}>
              <strong className="fault-title">{fault.title}</strong>
              <FaultProgress fault={fault} />
              <small className="muted">
                {t('fault.startedAt')}: {formatDateTime(fault.startedAt)}
                {fault.endedAt && ` · ${t('fault.endedAt')}: ${formatDateTime(fault.endedAt)}`}
              </small>
            </Link>
          </li>
        ))}
      </ul>
      {faults.loading && faults.items.length === 0 && <Loading />}
      {!faults.loading && !faults.error && faults.items.length === 0 && <p className="empty">{t('fault.noFaults')}</p>}
      <LoadMoreButton hasMore={faults.hasMore} loading={faults.loading} onLoadMore={faults.loadMore} />
    </section>
  );
}
