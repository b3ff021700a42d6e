import type { Vocabulary } from '../../../../../contracts/labels';
import type { ProcessInstanceDetail } from '../../../../../contracts/processes';
import type { TaskReferences } from '../../../../../contracts/tasks';
import { DataTable } from '../../../components/data-table';
import { LabelledValue } from '../../../components/labelled-data';
import { useI18n } from '../../../lib/i18n';

/**
 * Everything that happened to the instance, in order: each step named in the reader's language with its clause,
 * each detail worded as the process words it (an instance a step started is a link to it).
 */
export function ProcessTimeline({
  timeline,
  stepName,
  vocabulary,
  references,
  processInstanceLink,
}: Pick<ProcessInstanceDetail, 'timeline'> & {
  stepName: (stepId: string) => string;
  vocabulary: Vocabulary;
  references: TaskReferences;
  processInstanceLink: (workflowId: string) => string;
}) {
  const { t, label, formatDateTime } = useI18n();
  if (timeline.length === 0) return <p className="empty">{t('common.noItems')}</p>;
  return (
    <DataTable className="timeline" data-testid="process-timeline" headings={[t('timeline.at'), t('timeline.step'), t('timeline.event'), t('timeline.actor'), t('timeline.detail')]}>
      {timeline.map((entry, index) => (
        <tr key={`${entry.at}-${entry.stepId}-${entry.event}-${index}`} data-step={entry.stepId} data-event={entry.event}>
          <td className="nowrap">{formatDateTime(entry.at)}</td>
          <td>{stepName(entry.stepId)}</td>
          <td className="nowrap">
            <span className={`event event-${entry.event}`}>{label('event', entry.event)}</span>
          </td>
          <td>{entry.actor ?? '—'}</td>
          <td className="detail">
            <LabelledValue value={entry.detail} vocabulary={vocabulary} references={references} processLink={processInstanceLink} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
