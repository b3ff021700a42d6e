import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { isTaskCandidate } from '../../../../../contracts/permissions';
import type { UpgradeDeviceView, UpgradePlanDetail } from '../../../../../contracts/upgrades';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { ErrorBanner } from '../../../components/error-banner';
import { KeyValueList } from '../../../components/key-value-list';
import { Loading } from '../../../components/loading';
import { listRecordTasks } from '../../../components/record-tasks';
import { useI18n } from '../../../lib/i18n';
import { useCurrentUser } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { useApiResource } from '../../../lib/use-api-resource';
import { completeDecision, getPlan } from '../api/upgrades-api';
import { DEVICE_STATE_TONE, PLAN_STATUS_TONE, RISK_TONE, useUpgradesText, type UpgradesTextKey } from '../text';
import { useAmounts } from './amounts';
import { DeviceCounts } from './upgrades-page';

/** While the plan is not over, the page asks again this often: approvals, waves and checks show without a reload. */
const REFRESH_MS = 2000;
const OVER: ReadonlyArray<UpgradePlanDetail['status']> = ['rejected', 'completed', 'stopped', 'aborted'];
const DECISIONS = ['continue', 'retry', 'abort'] as const;

/** The checks of a device's verification or rollback, worded: each one passed or not, with what was seen. */
function Checks({ checks }: { checks: UpgradeDeviceView['checks'] }) {
  const text = useUpgradesText();
  if (checks.length === 0) return <>—</>;
  return (
    <ul className="upgrade-checks">
      {checks.map((check) => (
        <li key={check.check} data-check={check.check} data-passed={check.passed} title={check.detail}>
          <Badge tone={check.passed ? 'success' : 'danger'}>
            {text(`check.${check.check}` as UpgradesTextKey)} {check.passed ? text('passed') : text('failed')}
          </Badge>
        </li>
      ))}
    </ul>
  );
}

/** The plan's open decision after a failure, as three buttons, for the tech supervisor it waits for. */
function DecisionButtons({ workflowId, onDecided }: { workflowId: string; onDecided: () => void }) {
  const text = useUpgradesText();
  const user = useCurrentUser();
  const tasks = useApiResource((signal) => listRecordTasks([workflowId], signal), [workflowId]);
  const { error, busy, run } = useAction();
  const task = tasks.data?.items.find(
    (candidate) => candidate.stepId === 'decideAfterFailure' && isTaskCandidate({ userId: user.id, roles: user.roles }, candidate) && (candidate.assignee === null || candidate.assignee === user.id),
  );
  if (!task) return null;
  return (
    <div className="card" data-testid="plan-decision">
      <p className="banner banner-warning">{text('decisionNeeded')}</p>
      <ErrorBanner error={error} />
      <div className="form-actions">
        {DECISIONS.map((decision) => (
          <button
            key={decision}
            type="button"
            className={decision === 'abort' ? 'button button-danger' : decision === 'continue' ? 'button button-primary' : 'button button-secondary'}
            disabled={busy}
            data-testid={`decide-${decision}`}
            onClick={() =>
              void run(async () => {
                await completeDecision(task.id, decision);
                onDecided();
              })
            }
          >
            {text(`decision.${decision}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

/**
 * P3.3b: one plan: where it stands, who approved it, each device's record (versions before and after, the backup
 * used, the checks and their results, durations), the decision buttons when it waits for one, and its process
 * diagram with the devices counted on its steps.
 */
export function UpgradePlanPage({
  upgradesPath,
  processInstanceLink,
  diagram,
}: {
  upgradesPath: string;
  processInstanceLink?: (workflowId: string) => string;
  /** The plan's process diagram; `refresh` changes whenever the page has read the plan again. */
  diagram?: (workflowId: string, refresh: number) => ReactNode;
}) {
  const { planId = '' } = useParams();
  const text = useUpgradesText();
  const { formatDateTime, formatList } = useI18n();
  const { duration } = useAmounts();
  const plan = useApiResource((signal) => getPlan(planId, signal), [planId]);
  const [refresh, setRefresh] = useState(0);

  const over = plan.data ? OVER.includes(plan.data.status) : false;
  const { reload, loading } = plan;
  useEffect(() => {
    if (!plan.data || over || loading) return;
    const timer = setTimeout(() => {
      reload();
      setRefresh((count) => count + 1);
    }, REFRESH_MS);
    return () => clearTimeout(timer);
  }, [plan.data, over, loading, reload]);

  if (!plan.data) return plan.error ? <ErrorBanner error={plan.error} /> : <Loading />;
  const data = plan.data;
  const nameOf = (deviceId: string) => data.devices.find((device) => device.deviceId === deviceId)?.name ?? deviceId;

  return (
    <section className="upgrade-plan-page" data-testid="upgrade-plan" data-plan-id={data.id} data-status={data.status}>
      <p>
        <Link to={upgradesPath}>{text('back')}</Link>
      </p>
      <header className="page-header">
        <h1>{data.title}</h1>
        <span data-testid="plan-status">
          <Badge tone={PLAN_STATUS_TONE[data.status]}>{text(`status.${data.status}`)}</Badge>
        </span>
        {processInstanceLink && (
          <Link className="button button-secondary" to={processInstanceLink(data.workflowId)}>
            {text('viewProcess')}
          </Link>
        )}
      </header>
      {data.status === 'paused' && <DecisionButtons key={refresh} workflowId={data.workflowId} onDecided={() => { reload(); setRefresh((count) => count + 1); }} />}

      <div className="card" data-testid="plan-summary">
        <KeyValueList
          entries={[
            [text('risk'), <Badge tone={RISK_TONE[data.risk]}>{text(`risk.${data.risk}`)}</Badge>],
            [text('window'), text('windowRange', { from: formatDateTime(data.windowStartsAt), to: formatDateTime(data.windowEndsAt) })],
            [text('targets'), formatList(data.targets.map((target) => `${target.model} → ${target.version}${target.rollbackVersion ? ` (${text('rollbackRelease')}: ${target.rollbackVersion})` : ''}`))],
            [text('canary'), nameOf(data.canaryDeviceId)],
            [text('waveSize'), data.waveSize],
            [text('maxFailures'), data.maxFailures],
            [text('wavePauseSeconds'), data.wavePauseSeconds],
            [text('riskAssessment'), data.riskAssessment],
            [text('rollbackPlan'), data.rollbackPlan],
            [text('needsManagement'), data.needsManagement ? text('yes') : text('no')],
            [text('draftedBy'), `${data.draftedByName}，${formatDateTime(data.draftedAt)}`],
            [
              text('approvals'),
              data.approvals.length === 0 ? (
                text('notApprovedYet')
              ) : (
                <span data-testid="plan-approvals">
                  {formatList(data.approvals.map((approval) => text('approvedByAt', { name: approval.displayName, role: text(approval.role === 'management' ? 'role.management' : 'role.tech-supervisor'), at: formatDateTime(approval.at) })))}
                </span>
              ),
            ],
            [text('startedAt'), formatDateTime(data.startedAt)],
            [text('endedAt'), formatDateTime(data.endedAt)],
            [text('deviceStates'), <DeviceCounts counts={data.counts} />],
            [
              text('stewardBackup'),
              data.stewardBackupRunId ? (
                <span data-testid="steward-backup" data-status={data.stewardBackupStatus}>
                  {data.stewardBackupStatus ? text(`stewardBackup.${data.stewardBackupStatus}`) : null}{' '}
                  {processInstanceLink && <Link to={processInstanceLink(data.stewardBackupRunId)}>{text('open')}</Link>}
                </span>
              ) : null,
            ],
            [
              text('drill'),
              data.drillId ? (
                <span data-testid="upgrade-drill">
                  {text('drillStarted')} {processInstanceLink && <Link to={processInstanceLink(data.drillId)}>{text('open')}</Link>}
                </span>
              ) : null,
            ],
            [
              text('outcome'),
              data.outcome ? (
                <span data-testid="plan-outcome">
                  {text(`reason.${data.outcome.reason}` as UpgradesTextKey)} · {text('outcomeCounts', { ...data.outcome })}
                </span>
              ) : null,
            ],
          ]}
        />
      </div>

      <div className="card">
        <h2>{text('perDevice')}</h2>
        <DataTable headings={[text('device'), text('wave'), text('status'), text('versionBefore'), text('versionAfter'), text('backup'), text('checks'), text('rollbackChecks'), text('duration')]}>
          {data.devices.map((device) => (
            <tr key={device.deviceId} data-testid="plan-device-row" data-device-id={device.deviceId} data-state={device.state}>
              <td>
                {device.name}
                <br />
                <span className="muted">{device.model}</span>
              </td>
              <td>
                {device.wave === 0 ? text('canaryWave') : device.wave}
                {device.attempt > 1 && <span className="muted"> · {text('attempt', { n: device.attempt })}</span>}
              </td>
              <td>
                <Badge tone={DEVICE_STATE_TONE[device.state]}>{text(`state.${device.state}`)}</Badge>
                {device.error && (
                  <div className="muted" data-testid="device-error">
                    {text('why')}: {device.error}
                  </div>
                )}
              </td>
              <td className="nowrap" data-testid="version-before">{device.versionBefore ?? '—'}</td>
              <td className="nowrap" data-testid="version-after">{device.versionAfter ?? '—'}</td>
              <td>
                {device.backupSha256 ? (
                  <>
                    {formatDateTime(device.backedUpAt)}
                    <br />
                    <code className="digest" title="SHA-256">{device.backupSha256.slice(0, 16)}…</code>
                  </>
                ) : (
                  text('noBackup')
                )}
              </td>
              <td>
                <Checks checks={device.checks} />
              </td>
              <td>
                <Checks checks={device.rollbackChecks} />
              </td>
              <td className="nowrap">
                {device.upgradeMs !== null && <div>{text('upgradeTook', { d: duration(device.upgradeMs) })}</div>}
                {device.rollbackMs !== null && <div>{text('rollbackTook', { d: duration(device.rollbackMs) })}</div>}
                {device.upgradeMs === null && device.rollbackMs === null && '—'}
              </td>
            </tr>
          ))}
        </DataTable>
      </div>

      {diagram && (
        <div className="card" data-testid="plan-diagram">
          <h2>{text('diagram')}</h2>
          {diagram(data.workflowId, refresh)}
        </div>
      )}
    </section>
  );
}
