import { Link } from 'react-router';
import type { BackupChainView, BackupRunView } from '../../../../../contracts/backups';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { useI18n } from '../../../lib/i18n';
import { useBackupsText } from '../text';
import { useAmounts } from './amounts';

const RUN_TONE: Record<BackupRunView['status'], BadgeTone> = { running: 'info', succeeded: 'success', failed: 'danger' };

/** The columns of a run's row, which its detail row spans. */
const COLUMNS = 10;

function RunRows({ run, processInstanceLink }: { run: BackupRunView; processInstanceLink?: (workflowId: string) => string }) {
  const text = useBackupsText();
  const { formatDateTime } = useI18n();
  const { bytes, duration } = useAmounts();
  const parts = run.durations;
  return (
    <>
      <tr className="run-main" data-testid="backup-run" data-run-id={run.id} data-status={run.status} data-kind={run.kind}>
        <td className="nowrap">{text(`kind.${run.kind}`)}</td>
        <td className="nowrap">
          <Badge tone={RUN_TONE[run.status]}>{text(`status.${run.status}`)}</Badge>
        </td>
        <td className="nowrap">{formatDateTime(run.startedAt)}</td>
        <td className="nowrap" data-testid="run-duration">
          {duration(run.durationMs)}
        </td>
        <td className="nowrap">{bytes(run.databaseBytes)}</td>
        <td className="nowrap" data-testid="run-size">
          {bytes(run.backupBytes)}
        </td>
        <td className="nowrap">{bytes(run.filesBytes)}</td>
        <td>{run.offsite ? text('offsiteFiles', { bytes: bytes(run.offsite.bytes), files: run.offsite.files }) : text('notCopied')}</td>
        <td>{run.requestedBy ?? text('schedule')}</td>
        <td className="nowrap">{processInstanceLink && <Link to={processInstanceLink(run.id)}>{text('viewProcess')}</Link>}</td>
      </tr>
      {/* What took the time, what went wrong, and what a restore of this backup is given. */}
      <tr className="run-detail" data-testid="backup-run-detail" data-run-id={run.id}>
        <td colSpan={COLUMNS}>
          {parts.database !== undefined && (
            <div className="muted">
              {text('duration')}: {text('durationParts', { database: duration(parts.database), files: duration(parts.files), retention: duration(parts.retention), offsite: duration(parts.offsite) })}
            </div>
          )}
          {run.label && run.restorePoint && (
            <div className="restore-arguments">
              {text('forRestore')}: <code>--set={run.label}</code> <code>--target={run.restorePoint}</code> <code>--tag run={run.id}</code>
            </div>
          )}
          {run.error && <div className="prewrap backup-error">{run.error}</div>}
        </td>
      </tr>
    </>
  );
}

/** The backup chains (P5.2b), newest first: each full backup with the incrementals taken on it, their sizes and durations. */
export function BackupChains({ chains, processInstanceLink }: { chains: BackupChainView[]; processInstanceLink?: (workflowId: string) => string }) {
  const text = useBackupsText();
  const { formatDateTime } = useI18n();
  const { bytes } = useAmounts();
  if (chains.length === 0) return <p className="empty">{text('noBackups')}</p>;
  const headings = [
    text('kind'),
    text('status'),
    text('startedAt'),
    text('duration'),
    text('databaseBytes'),
    text('backupBytes'),
    text('filesBytes'),
    text('offsiteCopied'),
    text('requestedBy'),
    null,
  ];
  return (
    <>
      {chains.map((chain) => (
        <div key={chain.chain} className="backup-chain" data-testid="backup-chain">
          <h3>
            {/* A run whose database part never finished belongs to no chain yet. */}
            {chain.runs.some((run) => run.chain !== null) ? text('chainOf', { time: formatDateTime(chain.startedAt) }) : text('unchained')}{' '}
            <span className="muted">{text('chainSize', { size: bytes(chain.backupBytes) })}</span> {chain.expired && <Badge>{text('expired')}</Badge>}
          </h3>
          <DataTable headings={headings}>
            {chain.runs.map((run) => (
              <RunRows key={run.id} run={run} processInstanceLink={processInstanceLink} />
            ))}
          </DataTable>
        </div>
      ))}
    </>
  );
}
