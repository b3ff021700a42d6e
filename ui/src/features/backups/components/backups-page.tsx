import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { BackupOverview, StartBackupRequest } from '../../../../../contracts/backups';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { newUuid } from '../../../lib/uuid';
import { getBackups, startBackup } from '../api/backups-api';
import { useBackupsText } from '../text';
import { useAmounts } from './amounts';
import { BackupChains } from './backup-chains';
import { cronWords } from './cron-words';
import { DRILL_TONE, DrillResult } from './drill-result';
import { RestoreProcedure } from './restore-procedure';

type Kind = StartBackupRequest['kind'];

/** While something runs, the page asks again this often, so a run shows as done without a reload. */
const REFRESH_MS = 3000;

/** Whether a run this page started is still to show as done. */
function settled(overview: BackupOverview, start: { kind: Kind; workflowId: string }): boolean {
  if (start.kind === 'drill') return overview.drills.some((drill) => drill.id === start.workflowId && drill.status !== 'running');
  return overview.chains.some((chain) => chain.runs.some((run) => run.id === start.workflowId && run.status !== 'running'));
}

/**
 * P5.2b: the backups (chains of a full backup and its incrementals, with sizes and durations), the last restore
 * drill's table-by-table result, "back up now" and "run a drill now" for those who may, and the operator's
 * restore procedure.
 */
export function BackupsPage({ canRun, processInstanceLink }: { canRun: boolean; processInstanceLink?: (workflowId: string) => string }) {
  const text = useBackupsText();
  const { formatDateTime, language } = useI18n();
  // In words where the form is a usual one; the expression itself stays a hover away (and is shown when unusual).
  const schedule = (cron: string) => <span title={cron}>{cronWords(cron, language) ?? <code>{cron}</code>}</span>;
  const { duration } = useAmounts();
  const overview = useApiResource((signal) => getBackups(signal), []);
  const { error, busy, run } = useAction();
  const [started, setStarted] = useState<{ kind: Kind; workflowId: string }[]>([]);
  // One request id per kind until the API has answered: a retried click starts the same run, not a second.
  const pending = useRef<Partial<Record<Kind, string>>>({});

  const data = overview.data;
  const backupRunning = data?.running.backup ?? false;
  const drillRunning = data?.running.drill ?? false;
  const waiting = data ? backupRunning || drillRunning || started.some((start) => !settled(data, start)) : false;
  const { reload, loading } = overview;

  useEffect(() => {
    if (!waiting || loading) return;
    const timer = setTimeout(reload, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [waiting, loading, reload]);

  const request = (kind: Kind) =>
    run(async () => {
      const requestId = (pending.current[kind] ??= newUuid());
      const { workflowId } = await startBackup({ kind, requestId });
      delete pending.current[kind];
      setStarted((previous) => [{ kind, workflowId }, ...previous.filter((start) => start.workflowId !== workflowId)]);
      reload();
    });

  return (
    <section className="backups-page">
      <header className="page-header">
        <h1>{text('title')}</h1>
      </header>
      <ErrorBanner error={error ?? overview.error} />
      {canRun && (
        <div className="card" data-testid="backup-actions">
          <h2>{text('runNow')}</h2>
          <p className="muted">{text('runNowNote')}</p>
          <div className="form-actions">
            <button type="button" className="button button-primary" disabled={busy || backupRunning} onClick={() => void request('full')} data-testid="backup-full">
              {text('backUpFull')}
            </button>
            <button type="button" className="button button-secondary" disabled={busy || backupRunning} onClick={() => void request('incremental')} data-testid="backup-incremental">
              {text('backUpIncremental')}
            </button>
            <button type="button" className="button button-secondary" disabled={busy || drillRunning} onClick={() => void request('drill')} data-testid="drill-now">
              {text('drillNow')}
            </button>
          </div>
          {backupRunning && (
            <p className="banner banner-info" data-testid="backup-running">
              {text('backupRunning')}
            </p>
          )}
          {drillRunning && (
            <p className="banner banner-info" data-testid="drill-running">
              {text('drillRunning')}
            </p>
          )}
          {started.map((start) => (
            <p key={start.workflowId} className="banner banner-info" data-testid="backup-started">
              {start.kind === 'drill' ? text('startedDrill') : text('startedBackup', { kind: text(`kind.${start.kind}`) })}{' '}
              {processInstanceLink && <Link to={processInstanceLink(start.workflowId)}>{text('viewProcess')}</Link>}
            </p>
          ))}
        </div>
      )}
      {!data ? (
        // A refusal or failure is the banner above: nothing is loading any more.
        !overview.error && <Loading />
      ) : (
        <>
          <div className="card">
            <h2>{text('lastDrill')}</h2>
            <DrillResult drill={data.lastDrill} chains={data.chains} />
          </div>
          <div className="card" data-testid="backup-chains">
            <h2>{text('chains')}</h2>
            <BackupChains chains={data.chains} processInstanceLink={processInstanceLink} />
          </div>
          <div className="card" data-testid="backup-schedules">
            <h2>{text('settings')}</h2>
            {!data.settings.offsite && (
              <p className="banner banner-error" data-testid="no-offsite">
                {text('noOffsite')}
              </p>
            )}
            <KeyValueList
              entries={[
                [text('fullSchedule'), schedule(data.settings.crons.full)],
                [text('incrementalSchedule'), schedule(data.settings.crons.incremental)],
                [text('drillSchedule'), schedule(data.settings.crons.drill)],
                [text('retention'), text('retentionChains', { n: data.settings.retentionFull })],
                [text('offsite'), data.settings.offsite ? <code>{data.settings.offsite}</code> : null],
              ]}
            />
          </div>
          {data.drills.length > 0 && (
            <div className="card">
              <h2>{text('drills')}</h2>
              <DataTable headings={[text('status'), text('startedAt'), text('duration'), text('mismatches'), text('requestedBy'), null]}>
                {data.drills.map((drill) => (
                  <tr key={drill.id} data-testid="drill-row" data-status={drill.status}>
                    <td>
                      <Badge tone={DRILL_TONE[drill.status]}>{text(`status.${drill.status}`)}</Badge>
                    </td>
                    <td className="nowrap">{formatDateTime(drill.startedAt)}</td>
                    <td className="nowrap">{duration(drill.durationMs)}</td>
                    <td>{drill.mismatches ?? '—'}</td>
                    <td>{drill.requestedBy ?? text('schedule')}</td>
                    <td>{processInstanceLink && <Link to={processInstanceLink(drill.id)}>{text('viewProcess')}</Link>}</td>
                  </tr>
                ))}
              </DataTable>
            </div>
          )}
        </>
      )}
      <RestoreProcedure />
    </section>
  );
}
