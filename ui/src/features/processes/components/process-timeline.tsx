import type { ProcessInstanceDetail } from '../../../../../contracts/processes';
import { DataTable } from '../../../components/data-table';
import { useI18n } from '../../../lib/i18n';

/** Everything that happened to the instance, in order. */
export function ProcessTimeline({ timeline, stepTitles }: Pick<ProcessInstanceDetail, 'timeline' | 'stepTitles'>) {
  const { t, label, formatDateTime } = useI18n();
  if (timeline.length === 0) return <p className="empty">{t('common.noItems')}</p>;
  return (
    <DataTable className="timeline" data-testid="process-timeline" headings={[t('timeline.at'), t('timeline.step'), t('timeline.event'), t('timeline.actor'), t('timeline.detail')]}>
      {timeline.map((entry, index) => (
        <tr key={`${entry.at}-${entry.stepId}-${entry.event}-${index}`} data-step={entry.stepId} data-event={entry.event}>
          <td className="nowrap">{formatDateTime(entry.at)}</td>
          <td>{stepTitles[entry.stepId] ?? label('step', entry.stepId)}</td>
          <td className="nowrap">
            <span className={`event event-${entry.event}`}>{label('event', entry.event)}</span>
          </td>
          <td>{entry.actor ?? '—'}</td>
          <td>{entry.detail ? <code className="detail">{JSON.stringify(entry.detail)}</code> : '—'}</td>
        </tr>
      ))}
    </DataTable>
  );
}
