import { Link } from 'react-router';
import type { HistoryEntry } from '../../../../../contracts/data-review';
import { Badge } from '../../../components/badge';
import { useI18n } from '../../../lib/i18n';
import { useAdminText } from '../text';
import { DiffTable } from './diff-table';

const OUTCOME_TONE = { applied: 'success', returned: 'warning', withdrawn: 'neutral' } as const;

/** A record's history of changes (P5.1b): who entered, checked and approved what, when, field by field. */
export function ChangeHistory({ entries, changeLink }: { entries: HistoryEntry[]; changeLink: (changeId: string) => string }) {
  const text = useAdminText();
  const { formatDateTime } = useI18n();
  if (entries.length === 0) return <p>{text('noHistory')}</p>;
  return (
    <ol className="change-history" data-testid="change-history">
      {entries.map((entry) => (
        <li key={`${entry.changeId}.${entry.revision}.${entry.outcome}`} className="card">
          <p>
            <Badge tone={OUTCOME_TONE[entry.outcome]}>{text(`status.${entry.outcome}`)}</Badge> {formatDateTime(entry.at)} ·{' '}
            <Link to={changeLink(entry.changeId)}>{text('viewChange')}</Link> · {text('revision', { n: entry.revision })}
          </p>
          <p>
            {text('submittedBy')}: {entry.maker.name} ({formatDateTime(entry.submittedAt)})
            {entry.checker && (
              <>
                {' '}
                · {text('checkedBy')}: {entry.checker.name} ({formatDateTime(entry.checker.at)})
              </>
            )}
            {entry.approver && (
              <>
                {' '}
                · {text('approvedBy')}: {entry.approver.name} ({formatDateTime(entry.approver.at)})
              </>
            )}
          </p>
          {entry.reasons && (
            <p>
              {text('reasons')}: {entry.reasons}
            </p>
          )}
          <DiffTable diff={entry.diff} />
        </li>
      ))}
    </ol>
  );
}
