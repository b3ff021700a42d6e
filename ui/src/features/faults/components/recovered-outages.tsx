import { useEffect } from 'react';
import { Link } from 'react-router';
import { ErrorBanner } from '../../../components/error-banner';
import { useI18n } from '../../../lib/i18n';
import { useTaskEvents } from '../../../lib/task-stream';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { closeRecoveredOutage, listRecoveredOutages } from '../api/faults-api';

/** Devices come back without a task changing: the list is read again this often besides on task changes. */
const REFRESH_MS = 30_000;

/**
 * Outage repairs whose device reports again (P3.1b), on the technicians' worklist: each links to its repair and
 * closes in one click once nothing needs repairing. Nothing shows while there are none.
 */
export function RecoveredOutages({ faultLink }: { faultLink: (workflowId: string) => string }) {
  const { t, formatDateTime } = useI18n();
  const outages = useApiResource((signal) => listRecoveredOutages(signal), []);
  const { error, busy, run } = useAction();
  const { reload } = outages;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  // Closing one withdraws its diagnosis task, wherever it was closed.
  useTaskEvents((task) => {
    if (task.process === 'fault-repair' && task.status !== 'open') reload();
  }, reload);

  const items = outages.data ?? [];
  if (items.length === 0 && !error) return null;
  return (
    <div className="card recovered-outages" data-testid="recovered-outages">
      <h2>{t('outages.title')}</h2>
      <p className="muted">{t('outages.explain')}</p>
      <ErrorBanner error={error} />
      <ul className="record-task-list">
        {items.map((outage) => (
          <li key={outage.workflowId} data-testid="recovered-outage" data-workflow-id={outage.workflowId}>
            <span>
              <strong>{outage.deviceName}</strong> · {outage.zoneName} · {t('outages.backOnline')} {formatDateTime(outage.backOnlineAt)} · {t('outages.repair')}{' '}
              <Link to={faultLink(outage.workflowId)}>{outage.workflowId}</Link>
            </span>
            <button
              type="button"
              className="button button-primary"
              disabled={busy}
              data-testid="close-recovered"
              onClick={() =>
                void run(async () => {
                  await closeRecoveredOutage(outage.workflowId);
                  reload();
                })
              }
            >
              {t('fault.closeRecovered')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
