import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router';
import { can } from '../../../../../contracts/permissions';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { LabelledRecord } from '../../../components/labelled-data';
import { Loading } from '../../../components/loading';
import { RecordTasks, type TaskLink } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useApiResource } from '../../../lib/use-api-resource';
import { getProcessDiagram, getProcessHeatmap, getProcessInstance, historyDownloadUrl, timelineDownloadUrl } from '../api/processes-api';
import { useProcessText } from '../text';
import { InstanceStatusBadge } from './instance-status-badge';
import { ProcessTimeline } from './process-timeline';
import { ReplayCheck } from './replay-check';

/** bpmn-js is large: load it only when a diagram is shown. */
const ProcessDiagram = lazy(() => import('./process-diagram').then((module) => ({ default: module.ProcessDiagram })));

const DAY_MS = 86_400_000;
/** A day in Beijing (the community's days, as the API counts them), `offsetDays` from today. */
const beijingDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** One process instance for auditors: diagram with step states, timeline, data, history download, archive, replay check. */
export function ProcessInstancePage({
  processesPath,
  processInstanceLink,
  taskLink,
}: {
  processesPath: string;
  processInstanceLink: (workflowId: string) => string;
  taskLink: TaskLink;
}) {
  const { workflowId = '' } = useParams();
  const { t, label, text: inLanguage, stepLabel, vocabulary, formatDateTime, formatList } = useI18n();
  const text = useProcessText();
  const user = useCurrentUser();
  const detail = useApiResource((signal) => getProcessInstance(workflowId, signal), [workflowId]);
  const process = detail.data?.instance.process;
  const diagram = useApiResource(
    (signal) => (process ? getProcessDiagram(process, signal) : Promise.resolve(null)),
    [process],
  );
  const mayHeatmap = can(user, 'kpi.read');
  const [heatmapOn, setHeatmapOn] = useState(false);
  const [period, setPeriod] = useState({ from: beijingDay(-89), to: beijingDay() });
  const heatmap = useApiResource(
    (signal) => (heatmapOn && process ? getProcessHeatmap(process, period, signal) : Promise.resolve(undefined)),
    [heatmapOn, process, period.from, period.to],
  );

  if (!detail.data) return detail.error ? <ErrorBanner error={detail.error} /> : <Loading />;
  const { instance, steps, stepClauses, timeline, data, references, related, archive } = detail.data;
  const stepName = (stepId: string) => (stepClauses[stepId] ? `${stepLabel(instance.process, stepId)} [${stepClauses[stepId]}]` : stepLabel(instance.process, stepId));
  const words = vocabulary(instance.process);

  return (
    <section className="instance-page" data-workflow-id={instance.workflowId} data-status={instance.status}>
      <p>
        <Link to={processesPath}>← {t('processes.title')}</Link>
      </p>
      <header className="page-header">
        <h1>{inLanguage(instance.shownTitle)}</h1>
        <InstanceStatusBadge status={instance.status} />
        {can(user, 'process.history.download') && (
          <span className="downloads" role="group" aria-label={t('instance.downloadHistory')}>
            <a className="button button-secondary" href={timelineDownloadUrl(instance.workflowId, 'csv')} download data-testid="download-timeline-csv">
              {text('timelineCsv')}
            </a>{' '}
            <a className="button button-secondary" href={timelineDownloadUrl(instance.workflowId, 'pdf')} download data-testid="download-timeline-pdf">
              {text('timelinePdf')}
            </a>{' '}
            <a className="button button-secondary" href={historyDownloadUrl(instance.workflowId)} download data-testid="download-history">
              {text('historyJson')}
            </a>
          </span>
        )}
      </header>
      {instance.status === 'running' && <RecordTasks workflowIds={[instance.workflowId]} taskLink={taskLink} />}
      <div className="card">
        <KeyValueList
          entries={[
            [t('task.process'), label('process', instance.process)],
            [t('instance.workflowId'), <code>{instance.workflowId}</code>],
            [
              t('processes.currentSteps'),
              formatList(instance.currentSteps.map(stepName)) || '—',
            ],
            [t('processes.startedAt'), formatDateTime(instance.startedAt)],
            [t('processes.endedAt'), formatDateTime(instance.endedAt)],
            [t('processes.startedBy'), instance.startedByName ?? instance.startedBy ?? '—'],
          ]}
        />
      </div>

      {archive && (
        <div className="card" data-testid="instance-archive">
          <h2>{t('instance.archived')}</h2>
          <KeyValueList
            entries={[
              [t('instance.archivedAt'), formatDateTime(archive.archivedAt)],
              [t('instance.historyEvents'), String(archive.historyEvents)],
              [t('instance.historySha256'), <code className="digest">{archive.historySha256}</code>],
            ]}
          />
        </div>
      )}

      {can(user, 'process.replay') && <ReplayCheck workflowId={instance.workflowId} />}

      {related.length > 0 && (
        <div className="card" data-testid="related-instances">
          <h2>{t('instance.related')}</h2>
          <ul className="related-instances">
            {related.map((other) => (
              <li key={other.workflowId} data-workflow-id={other.workflowId} data-distance={other.distance}>
                <Link to={processInstanceLink(other.workflowId)}>{inLanguage(other.shownTitle)}</Link> · {label('process', other.process)} ·{' '}
                {other.relation} <InstanceStatusBadge status={other.status} />
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="card">
        <h2>{t('instance.diagram')}</h2>
        {mayHeatmap && (
          <div className="heatmap-controls filters">
            <label className="heatmap-switch">
              <input type="checkbox" checked={heatmapOn} onChange={(event) => setHeatmapOn(event.target.checked)} data-testid="heatmap-toggle" /> {text('heatmap')}
            </label>
            {heatmapOn && (
              <>
                <label>
                  {text('heatmapFrom')}{' '}
                  <input type="date" value={period.from} max={period.to} data-testid="heatmap-from" onChange={(event) => setPeriod((current) => ({ ...current, from: event.target.value }))} />
                </label>
                <label>
                  {text('heatmapTo')}{' '}
                  <input type="date" value={period.to} min={period.from} data-testid="heatmap-to" onChange={(event) => setPeriod((current) => ({ ...current, to: event.target.value }))} />
                </label>
                {heatmap.data ? <span data-testid="heatmap-instances">{text('heatmapInstances', { n: heatmap.data.instances })}</span> : null}
              </>
            )}
          </div>
        )}
        {heatmapOn && (
          <p className="muted heatmap-legend">
            {text('heatmapHint')} <span className="heat-scale" aria-hidden="true" /> {text('heatmapShort')} → {text('heatmapLong')}
          </p>
        )}
        {diagram.error ? <ErrorBanner error={diagram.error} /> : null}
        {heatmapOn && heatmap.error ? <ErrorBanner error={heatmap.error} /> : null}
        {diagram.data ? (
          <Suspense fallback={<Loading />}>
            <ProcessDiagram xml={diagram.data} steps={steps} process={instance.process} heatmap={heatmapOn ? heatmap.data : undefined} visitsTitle={text('heatmapVisits')} />
          </Suspense>
        ) : (
          !diagram.error && <Loading />
        )}
      </div>

      <div className="card">
        <h2>{t('instance.timeline')}</h2>
        <ProcessTimeline timeline={timeline} stepName={stepName} vocabulary={words} references={references} processInstanceLink={processInstanceLink} />
      </div>

      <div className="card">
        <h2>{t('instance.data')}</h2>
        <div data-testid="process-data">
          <LabelledRecord record={data} vocabulary={words} references={references} processLink={processInstanceLink} />
        </div>
      </div>
    </section>
  );
}
