import { useEffect } from 'react';
import { Link } from 'react-router';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { listOverdue } from '../api/inspections-api';
import { useInspectionTexts } from '../texts';

/**
 * Open inspections past their due time (P3.1a), most overdue first. Self-contained so the monitoring
 * console can place it; it refreshes every `refreshSeconds`.
 */
export function OverdueInspections({
  taskLink,
  recordLink,
  refreshSeconds = 30,
}: {
  taskLink: (taskId: string) => string;
  recordLink: (workflowId: string) => string;
  refreshSeconds?: number;
}) {
  const { label, formatDateTime } = useI18n();
  const { text, duration } = useInspectionTexts();
  const overdue = useApiResource((signal) => listOverdue(signal), []);
  const { reload } = overdue;
  useEffect(() => {
    const timer = setInterval(reload, refreshSeconds * 1000);
    return () => clearInterval(timer);
  }, [reload, refreshSeconds]);

  return (
    <section className="overdue-inspections" data-testid="overdue-inspections" aria-labelledby="overdue-inspections-title">
      <h2 id="overdue-inspections-title">{text('overdueTitle')}</h2>
      <ErrorBanner error={overdue.error} />
      {overdue.loading && !overdue.data && <Loading />}
      {overdue.data && overdue.data.length === 0 && <p className="empty">{text('noOverdue')}</p>}
      {overdue.data && overdue.data.length > 0 && (
        <ul className="card-list">
          {overdue.data.map((item) => (
            <li key={item.workflowId} className="card" data-testid="overdue-inspection" data-workflow-id={item.workflowId}>
              <Link to={recordLink(item.workflowId)}>
                <strong>{item.planTitle}</strong>
              </Link>{' '}
              <span className="badge badge-danger">{text('overdueBy', { time: duration(item.overdueSeconds, true) })}</span>
              <div className="muted">
                {text('responsible')}: {label('role', item.responsibleRole)} · {text('due')}: {formatDateTime(item.dueAt)}
              </div>
              {item.taskId && <Link to={taskLink(item.taskId)}>{text('openTask')}</Link>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
