import type { BackupChainView, DrillView } from '../../../../../contracts/backups';
import { Badge, type BadgeTone } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { KeyValueList } from '../../../components/key-value-list';
import { useI18n } from '../../../lib/i18n';
import { useBackupsText } from '../text';
import { useAmounts } from './amounts';

type TableResult = DrillView['tables'][number];

export const DRILL_TONE: Record<DrillView['status'], BadgeTone> = { running: 'info', passed: 'success', failed: 'danger' };

function ComparisonRows({ tables }: { tables: TableResult[] }) {
  const text = useBackupsText();
  const rows = (digest: TableResult['expected']) => (digest ? String(digest.rows) : text('absent'));
  return (
    <>
      {tables.map((result) => (
        <tr key={result.table} data-testid="drill-table" data-equal={result.equal}>
          <td>
            <code>{result.table}</code>
          </td>
          <td>{rows(result.expected)}</td>
          <td>{rows(result.restored)}</td>
          <td>
            {result.equal ? (
              <Badge tone="success">{text('equal')}</Badge>
            ) : (
              <Badge tone="danger">{result.expected && result.restored && result.expected.rows === result.restored.rows ? text('checksumsDiffer') : text('differs')}</Badge>
            )}
          </td>
        </tr>
      ))}
    </>
  );
}

/**
 * The last drill (P5.2b): which backup it restored and from where, each table's rows and checksum compared with
 * what the backup recorded (those that differ named), and what else failed.
 */
export function DrillResult({ drill, chains }: { drill: DrillView | null; chains: BackupChainView[] }) {
  const text = useBackupsText();
  const { formatDateTime } = useI18n();
  const { duration } = useAmounts();
  if (!drill) return <p className="empty">{text('noDrill')}</p>;
  const restored = chains.flatMap((chain) => chain.runs).find((run) => run.id === drill.backupRunId);
  const differing = drill.tables.filter((result) => !result.equal);
  const headings = [text('table'), text('backedUpRows'), text('restoredRows'), text('result')];
  return (
    <div data-testid="last-drill" data-status={drill.status}>
      <KeyValueList
        entries={[
          [text('status'), <Badge tone={DRILL_TONE[drill.status]}>{text(`status.${drill.status}`)}</Badge>],
          [text('restoredBackup'), restored ? text('backupOf', { kind: text(`kind.${restored.kind}`), time: formatDateTime(restored.startedAt) }) : null],
          [text('source'), drill.source ? text(`source.${drill.source}`) : null],
          [text('finishedAt'), formatDateTime(drill.finishedAt)],
          [text('duration'), duration(drill.durationMs)],
          [text('requestedBy'), drill.requestedBy ?? text('schedule')],
        ]}
      />
      <h3>{text('comparison')}</h3>
      <p data-testid="drill-summary">
        {drill.tables.length === 0
          ? text('noComparison')
          : differing.length === 0
            ? text('allEqual', { n: drill.tables.length })
            : text('someDiffer', { n: drill.tables.length, m: differing.length })}
      </p>
      {differing.length > 0 && (
        <DataTable headings={headings} data-testid="drill-mismatches">
          <ComparisonRows tables={differing} />
        </DataTable>
      )}
      {drill.tables.length > 0 && (
        <details>
          <summary>{text('allTables', { n: drill.tables.length })}</summary>
          <DataTable headings={headings}>
            <ComparisonRows tables={drill.tables} />
          </DataTable>
        </details>
      )}
      {drill.error && (
        <>
          <h3>{text('problems')}</h3>
          <pre className="prewrap" data-testid="drill-problems">
            {drill.error}
          </pre>
        </>
      )}
    </div>
  );
}
