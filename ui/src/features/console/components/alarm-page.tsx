import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { consoleLabel, consoleText } from './console-text';
import { completeAlarmStep, getIncident, snapshotSrc } from '../api/console-api';
import { Badge, type BadgeTone } from '../../../components/badge';
import { ErrorBanner } from '../../../components/error-banner';
import { Loading } from '../../../components/loading';
import { listRecordTasks } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useTaskEvents } from '../../../lib/task-stream';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import type { IncidentView } from '../../../../../contracts/console';
import { isTaskCandidate } from '../../../../../contracts/permissions';
import type { TaskSummary } from '../../../../../contracts/tasks';

const STATUS_TONE: Record<IncidentView['status'], BadgeTone> = { open: 'danger', dispatched: 'danger', acknowledged: 'warning', 'on-site': 'info', closed: 'neutral' };
type Verdict = 'real' | 'false-alarm';

/** The findings step: a verdict in one tap, which also fills in the usual words for it (the guard may change them). */
function FindingsForm({ task, onDone, text }: { task: TaskSummary; onDone: () => void; text: ReturnType<typeof consoleText> }) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [actionsTaken, setActionsTaken] = useState('');
  const [openFaultRepair, setOpenFaultRepair] = useState(false);
  const [repairSymptoms, setRepairSymptoms] = useState('');
  const { error, busy, run } = useAction();
  const suggested = (choice: Verdict) => text(choice === 'real' ? 'suggested.real' : 'suggested.false-alarm');

  const choose = (choice: Verdict) => {
    if (actionsTaken.trim() === '' || actionsTaken === suggested(choice === 'real' ? 'false-alarm' : 'real')) setActionsTaken(suggested(choice));
    if (choice !== 'real') setOpenFaultRepair(false);
    setVerdict(choice);
  };
  const ready = verdict !== null && actionsTaken.trim().length >= 3 && (!openFaultRepair || repairSymptoms.trim().length >= 3);

  return (
    <form
      className="alarm-findings"
      data-testid="alarm-findings"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        void run(async () => {
          await completeAlarmStep(task.id, { verdict, actionsTaken: actionsTaken.trim(), openFaultRepair, ...(openFaultRepair ? { repairSymptoms: repairSymptoms.trim() } : {}) });
          onDone();
        });
      }}
    >
      <fieldset>
        <legend>{text('verdict')}</legend>
        <div className="alarm-verdicts" role="radiogroup" aria-label={text('verdict')}>
          {(['real', 'false-alarm'] as const).map((choice) => (
            <button
              key={choice}
              type="button"
              role="radio"
              aria-checked={verdict === choice}
              className={verdict === choice ? 'button alarm-choice chosen' : 'button alarm-choice'}
              data-testid={`alarm-verdict-${choice}`}
              onClick={() => choose(choice)}
            >
              {text(choice === 'real' ? 'verdict.real' : 'verdict.false-alarm')}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="form-field">
        {text('actionsTaken')}
        <textarea name="actionsTaken" rows={2} value={actionsTaken} onChange={(event) => setActionsTaken(event.target.value)} />
      </label>
      {verdict === 'real' && (
        <label className="inline-choice">
          <input type="checkbox" name="openFaultRepair" checked={openFaultRepair} onChange={(event) => setOpenFaultRepair(event.target.checked)} />
          {text('openRepair')}
        </label>
      )}
      {openFaultRepair && (
        <label className="form-field">
          {text('repairSymptoms')}
          <textarea name="repairSymptoms" rows={2} value={repairSymptoms} onChange={(event) => setRepairSymptoms(event.target.value)} />
        </label>
      )}
      <ErrorBanner error={error} />
      <button type="submit" className="button button-primary alarm-action" disabled={!ready || busy} data-testid="alarm-submit-findings">
        {text('submitFindings')}
      </button>
    </form>
  );
}

/**
 * One alarm, handled on a phone from one screen (P4.2c, P3.1b): the zone and the camera snapshots, then the
 * guard's three steps one after the other as they open: acknowledge, arrive, record the findings. Each is the
 * process's own task, completed as on the task page; the next one shows as soon as the process opens it.
 */
export function AlarmPage({ consolePath, faultLink }: { consolePath: string; faultLink?: (workflowId: string) => string }) {
  const { workflowId = '' } = useParams();
  const { language, formatDateTime } = useI18n();
  const text = consoleText(language);
  const labelOf = consoleLabel(language);
  const user = useCurrentUser();
  const incident = useApiResource((signal) => getIncident(workflowId, signal), [workflowId]);
  const tasks = useApiResource((signal) => listRecordTasks([workflowId], signal), [workflowId]);
  const { error, busy, run } = useAction();
  const refresh = useCallback(() => {
    tasks.reload();
    incident.reload();
  }, [tasks.reload, incident.reload]);
  useTaskEvents((task) => {
    if (task.workflowId === workflowId) refresh();
  }, refresh);

  if (!incident.data) return incident.error ? <ErrorBanner error={incident.error} /> : <Loading />;
  const view = incident.data;
  const mine = (tasks.data?.items ?? []).filter(
    (task) => task.status === 'open' && isTaskCandidate({ userId: user.id, roles: user.roles }, task) && (task.assignee === null || task.assignee === user.id),
  );
  const step = (stepId: string) => mine.find((task) => task.stepId === stepId);
  const dispatch = step('dispatchGuard');
  const arrival = step('arriveOnSite');
  const findings = step('recordFindings');
  const complete = (task: TaskSummary, payload: Record<string, unknown>) =>
    run(async () => {
      await completeAlarmStep(task.id, payload);
      refresh();
    });
  const outcome = view.outcome as { verdict?: Verdict; faultRepairWorkflowId?: string | null } | null;
  const closed = view.status === 'closed';
  const anyOpenTask = (tasks.data?.items ?? []).some((task) => task.status === 'open');

  return (
    <section className="narrow-page alarm-page" data-testid="alarm-page" data-status={view.status}>
      <p>
        <Link to={consolePath}>← {text('backToConsole')}</Link>
      </p>
      <header className="page-header">
        <h1 data-testid="alarm-zone">{view.zoneName}</h1>
        <Badge tone={STATUS_TONE[view.status]}>{text(`status.${view.status}`)}</Badge>
      </header>
      <p className="alarm-summary">
        <strong data-testid="alarm-type">{labelOf('alarmType', view.alarmType)}</strong>
        <span className="muted">
          {' '}
          · {text('openedAt')} {formatDateTime(view.openedAt)} · {text('repeats')} {view.repeatCount}
          {view.assignedGuard ? ` · ${text('guard')} ${view.assignedGuard.name}` : ''}
        </span>
      </p>

      <div className="alarm-cameras">
        {view.cameras.length === 0 ? <p className="muted">{text('camerasNone')}</p> : null}
        {view.cameras.map((camera) => (
          <figure key={camera.deviceId} className="alarm-camera">
            <img src={snapshotSrc(camera.deviceId, view.lastEventAt)} alt={camera.name} data-testid="alarm-snapshot" />
            <figcaption>{camera.name}</figcaption>
          </figure>
        ))}
      </div>

      <div className="card alarm-actions" data-testid="alarm-actions">
        <ErrorBanner error={error} />
        {dispatch && (
          <button type="button" className="button button-primary alarm-action" disabled={busy} data-testid="alarm-acknowledge" onClick={() => void complete(dispatch, { acknowledged: true })}>
            {text('acknowledge')}
          </button>
        )}
        {!dispatch && arrival && (
          <button type="button" className="button button-primary alarm-action" disabled={busy} data-testid="alarm-arrive" onClick={() => void complete(arrival, { onSite: true })}>
            {text('arrive')}
          </button>
        )}
        {!dispatch && !arrival && findings && <FindingsForm key={findings.id} task={findings} onDone={refresh} text={text} />}
        {tasks.data && !closed && mine.length === 0 && (
          <p className="muted" data-testid="alarm-waiting">
            {anyOpenTask ? text('notYours') : text('waitingForNext')}
          </p>
        )}
        {closed && (
          <p className="banner banner-info" data-testid="alarm-closed" data-verdict={outcome?.verdict}>
            {text('closedAs')}
            {outcome?.verdict ? `：${labelOf('verdict', outcome.verdict)}` : ''}
            {outcome?.faultRepairWorkflowId ? (
              <>
                {' · '}
                {text('repairOpened')}{' '}
                {faultLink ? <Link to={faultLink(outcome.faultRepairWorkflowId)}>{outcome.faultRepairWorkflowId}</Link> : outcome.faultRepairWorkflowId}
              </>
            ) : null}
          </p>
        )}
      </div>

      <div className="card">
        <h2>{text('timeline')}</h2>
        <ol className="alarm-timeline">
          {view.timeline.map((entry, index) => (
            <li key={index}>
              <span className="muted">{formatDateTime(entry.at)}</span> {labelOf('what', entry.what)}
              {entry.actor ? ` · ${entry.actor}` : ''}
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
