import { Link } from 'react-router';
import type { ProcessInstanceDetail } from '../../../../../contracts/processes';
import { DataTable } from '../../../components/data-table';
import { useI18n } from '../../../lib/i18n';

/** The instance a step started or reached (an alarm's repair, a plan's filing), named in its detail. */
const linkedInstance = (detail: unknown): string | null => {
  const workflowId = (detail as { workflowId?: unknown } | null)?.workflowId;
  return typeof workflowId === 'string' ? workflowId : null;
};

/** Everything that happened to the instance, in order; an instance a step started is a link to it. */
export function ProcessTimeline({
  timeline,
  stepTitles,
  processInstanceLink,
}: Pick<ProcessInstanceDetail, 'timeline' | 'stepTitles'> & { processInstanceLink: (workflowId: string) => string }) {
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
          <td>
            {linkedInstance(entry.detail) && (
              <Link to={processInstanceLink(linkedInstance(entry.detail)!)} data-testid="timeline-instance-link">
                {linkedInstance(entry.detail)}
              </Link>
            )}{' '}
            {entry.detail ? <code className="detail">{JSON.stringify(entry.detail)}</code> : '—'}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
