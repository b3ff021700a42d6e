import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { useI18n } from '../../../lib/i18n';
import { useApiResource } from '../../../lib/use-api-resource';
import { getRecord, photoUrl } from '../api/inspections-api';
import { useInspectionTexts } from '../texts';

/** One inspection record (P3.1c): per-item results with notes and photos, and the fault repairs opened. */
export function InspectionRecordPage({
  inspectionsPath,
  taskLink,
  processInstanceLink,
}: {
  inspectionsPath: string;
  taskLink: (taskId: string) => string;
  processInstanceLink: (workflowId: string) => string;
}) {
  const { workflowId = '' } = useParams();
  const { label, formatDateTime } = useI18n();
  const { text } = useInspectionTexts();
  const record = useApiResource((signal) => getRecord(workflowId, signal), [workflowId]);
  const data = record.data;
  /** Where the repair stands now: its current step, or nothing once it closed. */
  const repairStep = (repairId: string) => {
    const steps = data?.faultRepairs.find((repair) => repair.workflowId === repairId)?.currentSteps ?? [];
    return steps.length ? ` · ${steps.map((step) => label('step', step)).join(', ')}` : '';
  };

  return (
    <section>
      <p>
        <Link to={inspectionsPath}>← {text('backToInspections')}</Link>
      </p>
      <ErrorBanner error={record.error} />
      {record.loading && !data && <Loading />}
      {data && (
        <>
          <header className="page-header">
            <h1>
              {text('record')}: {data.planTitle}
            </h1>
            <Link to={processInstanceLink(data.workflowId)}>{label('process', 'inspection')}</Link>
          </header>
          <KeyValueList
            entries={[
              [
                text('status'),
                <span data-testid="record-status">
                  {data.status === 'open' ? <Badge tone="info">{text('open')}</Badge> : <Badge tone="success">{text('done')}</Badge>}{' '}
                  {data.overdue && <Badge tone="danger">{text('overdue')}</Badge>}
                </span>,
              ],
              [text('responsible'), label('role', data.responsibleRole)],
              [text('started'), formatDateTime(data.startedAt)],
              [text('due'), formatDateTime(data.dueAt)],
              [text('completed'), data.completedAt ? `${formatDateTime(data.completedAt)} · ${data.inspectorName ?? ''}` : null],
            ]}
          />
          {data.status === 'open' && data.taskId && (
            <p>
              <Link className="button button-primary" to={taskLink(data.taskId)}>
                {text('openTask')}
              </Link>
            </p>
          )}
          {data.results.length > 0 && (
            <DataTable data-testid="inspection-results" headings={[text('items'), text('result'), text('note'), text('photo'), text('faultRepair')]}>
              {data.results.map((result) => (
                <tr key={result.itemId} data-item-id={result.itemId}>
                  <td>
                    {result.text} <small className="muted">({label('system', result.system)})</small>
                  </td>
                  <td>{result.result === 'pass' ? <Badge tone="success">{text('passed')}</Badge> : <Badge tone="danger">{text('failed')}</Badge>}</td>
                  <td>{result.note ?? '—'}</td>
                  <td>{result.photoId ? <img className="photo-preview" src={photoUrl(result.photoId)} alt={text('photo')} /> : '—'}</td>
                  <td>
                    {result.faultRepairWorkflowId ? (
                      <Link to={processInstanceLink(result.faultRepairWorkflowId)}>
                        {text('faultRepair')}
                        {repairStep(result.faultRepairWorkflowId)}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
