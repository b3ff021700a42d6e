import type { ProcessInstanceDetail } from '../../../../../contracts/processes';
import { useI18n } from '../../../lib/i18n';

/** Everything that happened to the instance, in order. */
export function ProcessTimeline({ timeline, stepTitles }: Pick<ProcessInstanceDetail, 'timeline' | 'stepTitles'>) {
  const { t, label, formatDateTime } = useI18n();
  if (timeline.length === 0) return <p className="empty">{t('common.noItems')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table timeline" data-testid="process-timeline">
        <thead>
          <tr>
            <th>{t('timeline.at')}</th>
            <th>{t('timeline.step')}</th>
            <th>{t('timeline.event')}</th>
            <th>{t('timeline.actor')}</th>
            <th>{t('timeline.detail')}</th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
