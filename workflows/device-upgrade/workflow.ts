import { allHandlersFinished, condition, ParentClosePolicy, patched, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';
import type { createDeviceUpgradeActivities } from '../../activities/device-upgrade';
import type { backup } from '../backup/workflow';
import { STEP_COUNTS_KEY } from '../../contracts/processes';
import type { UpgradeDeviceState } from '../../contracts/vocabulary';
import { activityOptions, linkProcesses, notify, retryPolicy } from '../lib/activities';
import { HumanTasks, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import {
  devicesForTask,
  failureDecisionForm,
  needsManagementApproval,
  planDecisionForm,
  planWaves,
  stewardBackupId,
  upgradeDrillId,
  type DeviceCounts,
  type DeviceUpgradeInput,
  type DeviceUpgradeOutcome,
  type FirmwareAssessmentInput,
  type PlannedDevice,
  type UpgradeEndReason,
} from './messages';
import { DEVICE_UPGRADE_STEPS as STEPS, type DeviceUpgradeStepId } from './steps';

type Activities = ReturnType<typeof createDeviceUpgradeActivities>;

const { setPlanStatus, recordStewardBackup } = proxyActivities<Activities>(activityOptions('UnknownPlanDevice'));
// Reading every device takes a while on a large estate; its heartbeat shows it is still at it.
const { assessFirmware } = proxyActivities<Activities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '1 minute', retry: retryPolicy() });

const STATES: readonly UpgradeDeviceState[] = ['pending', 'backed-up', 'upgrading', 'verifying', 'upgraded', 'failed', 'rolled-back', 'rollback-failed', 'skipped'];
/** States of a device that failed, whether or not its rollback has run or succeeded. */
const FAILED: readonly UpgradeDeviceState[] = ['failed', 'rolled-back', 'rollback-failed'];

/**
 * A device upgrade plan, P3.3a–b. The tech supervisor drafts it and approves it; management too when the risk is
 * high or it touches access control or alarms. In its window, as one durable process: every device's configuration
 * is backed up; the canary is upgraded and verified first (a failure stops everything with nothing else touched);
 * then the waves, a pause between them, each device uploaded, watched through its reboot and verified (back,
 * heartbeating, on the target version, doing its job). A failed device is rolled back (its previous firmware and
 * saved configuration, verified) and the plan waits for the tech supervisor: continue, retry, abort; past the
 * failure threshold, or once the window closes, it stops. Every device's record is kept in `upgrade_devices`.
 */
export async function deviceUpgrade(input: DeviceUpgradeInput): Promise<DeviceUpgradeOutcome> {
  const { planId, title, draftedBy, timings } = input;
  const { workflowId } = workflowInfo();
  const wait = { rebootTimeoutMs: timings.rebootTimeoutMs, pollIntervalMs: timings.pollIntervalMs, heartbeatWaitMs: timings.heartbeatWaitMs };
  // A device's step may wait out its reboot several times (write, reboot, restore); its heartbeat says it is worked on.
  const device = proxyActivities<Activities>({
    startToCloseTimeout: 6 * timings.rebootTimeoutMs + timings.heartbeatWaitMs + 60_000,
    heartbeatTimeout: timings.heartbeatTimeoutMs,
    retry: retryPolicy('UnknownPlanDevice', 'UnknownFirmware', 'UnknownDevice', 'StaleAttempt'),
  });
  const needsManagement = needsManagementApproval(
    input.risk,
    input.devices.map((planned) => planned.system),
  );
  const { canary, waves } = planWaves(input.devices, input.canaryDeviceId, input.waveSize);
  const targetOf = (planned: PlannedDevice) => input.targets.find((target) => target.model === planned.model)!;

  const states = new Map<string, UpgradeDeviceState>(input.devices.map((planned) => [planned.deviceId, 'pending']));
  const errors = new Map<string, string>();
  const attempts = new Map<string, number>();
  /** Whether the plan ran a backup of Steward's data before its devices: its end then starts a restore drill. */
  let stewardBackedUp = false;
  const count = (...wanted: UpgradeDeviceState[]) => [...states.values()].filter((state) => wanted.includes(state)).length;

  /** Where the devices stand, per state and per step of the diagram (the instance page badges them). */
  function counts(): { deviceCounts: DeviceCounts; [STEP_COUNTS_KEY]: Partial<Record<DeviceUpgradeStepId, Partial<Record<UpgradeDeviceState, number>>>> } {
    const stepCounts: Partial<Record<DeviceUpgradeStepId, Partial<Record<UpgradeDeviceState, number>>>> = {};
    for (const [deviceId, state] of states) {
      const isCanary = deviceId === canary.deviceId;
      const step: DeviceUpgradeStepId | null =
        state === 'backed-up'
          ? STEPS.backupDevices.id
          : state === 'upgrading'
            ? isCanary
              ? STEPS.testCanary.id
              : STEPS.applyWave.id
            : state === 'verifying' || state === 'upgraded'
              ? isCanary
                ? STEPS.testCanary.id
                : STEPS.verifyWave.id
              : FAILED.includes(state)
                ? STEPS.rollBackDevices.id
                : null;
      if (!step) continue;
      const perStep = (stepCounts[step] ??= {});
      perStep[state] = (perStep[state] ?? 0) + 1;
    }
    return { deviceCounts: STATES.map((state) => ({ state, count: count(state) })).filter((entry) => entry.count > 0), [STEP_COUNTS_KEY]: stepCounts };
  }

  const tracker = new ProcessTracker(
    { process: 'device-upgrade', title, startedBy: draftedBy.userId },
    { planId, title, risk: input.risk, windowStartsAt: input.window.startsAt, windowEndsAt: input.window.endsAt, waveSize: input.waveSize, maxFailures: input.maxFailures, needsManagement, ...counts() },
  );
  const tasks = new HumanTasks('device-upgrade', tracker);
  /** The counts go with the next transition. */
  const refresh = () => tracker.setData(counts());

  const planContext = {
    planId,
    title,
    draftedBy: draftedBy.userId,
    risk: input.risk,
    riskAssessment: input.riskAssessment,
    rollbackPlan: input.rollbackPlan,
    windowStartsAt: input.window.startsAt,
    windowEndsAt: input.window.endsAt,
    waveSize: input.waveSize,
    maxFailures: input.maxFailures,
    wavePauseSeconds: input.wavePauseMs / 1000,
    needsManagement,
    canaryDeviceId: canary.deviceId,
    targets: input.targets.map((target) => ({ model: target.model, version: target.release.version, rollbackVersion: target.rollback?.version ?? '—' })),
    deviceCount: input.devices.length,
    devices: devicesForTask(input.devices),
  };
  await tracker.pass(STEPS.planDrafted.id, draftedBy.displayName, { planId, devices: input.devices.length, risk: input.risk });

  async function end(status: DeviceUpgradeOutcome['status'], reason: UpgradeEndReason, endStep: DeviceUpgradeStepId): Promise<DeviceUpgradeOutcome> {
    for (const [deviceId, state] of states) if (state === 'pending' || state === 'backed-up') states.set(deviceId, 'skipped');
    const outcome: DeviceUpgradeOutcome = {
      status,
      reason,
      upgraded: count('upgraded'),
      rolledBack: count('rolled-back'),
      rollbackFailed: count('rollback-failed'),
      skipped: count('skipped'),
      failedDevices: [...states].filter(([, state]) => FAILED.includes(state)).map(([deviceId, state]) => ({ deviceId, state, error: errors.get(deviceId) ?? '' })),
    };
    if (status !== 'rejected') await tracker.enter(STEPS.recordOutcome.id);
    await setPlanStatus({ planId, status, outcome });
    tracker.setData({ outcome, ...counts() });
    if (status !== 'rejected') await tracker.complete(STEPS.recordOutcome.id, null, { status, reason });
    // P5.2b: a restore drill after every upgrade that backed Steward up. It outlives the plan (abandoned on close): the
    // plan's record is done, the drill proves the backup restores and opens its own repair if it does not.
    if (stewardBackedUp && input.stewardBackup) {
      const drillId = upgradeDrillId(planId);
      await startChild<typeof backup>('backup', { workflowId: drillId, args: [{ ...input.stewardBackup, kind: 'drill' }], parentClosePolicy: ParentClosePolicy.ABANDON });
      await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: drillId, relation: 'drill' });
      await recordStewardBackup({ planId, drillId });
      tracker.setData({ drillWorkflowId: drillId });
    }
    if (status !== 'completed' || outcome.failedDevices.length > 0) {
      await notify({
        workflowId,
        dedupeKey: `${workflowId}.ended`,
        recipientRoles: outcome.rollbackFailed > 0 ? ['tech-supervisor', 'management'] : ['tech-supervisor'],
        recipientUsers: [draftedBy.userId],
        message: `升级计划「${title}」${status === 'completed' ? '已完成，有设备失败' : status === 'rejected' ? '未获批准' : '已停止'}（${reason}）：已升级 ${outcome.upgraded}，已回退 ${outcome.rolledBack}，回退未成功 ${outcome.rollbackFailed}，未升级 ${outcome.skipped}`,
      });
    }
    await tracker.finish('completed', endStep, null, { status, reason });
    await condition(allHandlersFinished);
    return outcome;
  }

  // ---- P3.3a: approval ----
  const approvalOf = (completion: TaskCompletion<unknown>, role: string) => ({ userId: completion.actor.userId, displayName: completion.actor.displayName, role, at: completion.completedAt });
  const review = await tasks.run({
    stepId: STEPS.reviewPlan.id,
    title: `升级计划审批：${title}`,
    form: planDecisionForm,
    candidateRoles: ['tech-supervisor'],
    dueInMs: timings.reviewDueMs,
    priority: 50,
    context: planContext,
  });
  if (review.payload.decision === 'rejected') {
    tracker.setData({ rejectedBy: review.actor.displayName, reasons: review.payload.reasons ?? '' });
    return end('rejected', 'rejected', STEPS.planRejected.id);
  }
  await setPlanStatus({ planId, status: needsManagement ? 'in-review' : 'approved', approval: approvalOf(review, 'tech-supervisor') });
  const approvedBy = [review.actor.displayName];
  if (needsManagement) {
    const approval = await tasks.run({
      stepId: STEPS.approvePlan.id,
      title: `升级计划审批（管理层）：${title}`,
      form: planDecisionForm,
      candidateRoles: ['management'],
      dueInMs: timings.approvalDueMs,
      priority: 55,
      context: { ...planContext, approvedBy: review.actor.displayName },
    });
    if (approval.payload.decision === 'rejected') {
      tracker.setData({ rejectedBy: approval.actor.displayName, reasons: approval.payload.reasons ?? '' });
      return end('rejected', 'rejected', STEPS.planRejected.id);
    }
    await setPlanStatus({ planId, status: 'approved', approval: approvalOf(approval, 'management') });
    approvedBy.push(approval.actor.displayName);
  }
  tracker.setData({ approvedBy: approvedBy.join('、') });

  // ---- P3.3b: in the window ----
  const startsAt = Date.parse(input.window.startsAt);
  const endsAt = Date.parse(input.window.endsAt);
  if (Date.now() < startsAt) {
    await tracker.enter(STEPS.awaitWindow.id);
    await sleep(startsAt - Date.now());
    await tracker.complete(STEPS.awaitWindow.id);
  } else await tracker.pass(STEPS.awaitWindow.id);
  if (Date.now() >= endsAt) return end('stopped', 'window-closed', STEPS.upgradeStopped.id);
  await setPlanStatus({ planId, status: 'running' });

  // Backup: every device's configuration before anything changes, a wave's worth at a time.
  await tracker.enter(STEPS.backupDevices.id);
  // P3.3b, P5.2b: Steward's own data backed up too, as a run of the backup process beside the devices' backups.
  const stewardBackup =
    input.stewardBackup && patched('upgrade-backs-up-steward')
      ? await startChild<typeof backup>('backup', { workflowId: stewardBackupId(planId), args: [input.stewardBackup] })
      : null;
  for (let index = 0; index < input.devices.length; index += input.waveSize) {
    const batch = input.devices.slice(index, index + input.waveSize);
    const results = await Promise.all(batch.map((planned) => device.backupDevice({ planId, deviceId: planned.deviceId, wait })));
    batch.forEach((planned, position) => {
      const result = results[position];
      states.set(planned.deviceId, result.ok ? 'backed-up' : 'skipped');
      if (!result.ok) errors.set(planned.deviceId, result.error);
    });
  }
  if (stewardBackup) {
    // A failed backup of Steward's data leaves the devices' own backups standing: its run opens a repair for the
    // tech supervisor, and the upgrade goes on (the devices are restored from their own configurations).
    const backedUp = await stewardBackup.result();
    await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: stewardBackup.workflowId, relation: 'backup' });
    await recordStewardBackup({ planId, backupRunId: stewardBackup.workflowId, status: backedUp.status });
    tracker.setData({ stewardBackupWorkflowId: stewardBackup.workflowId, stewardBackupStatus: backedUp.status });
    stewardBackedUp = true;
  }
  refresh();
  await tracker.complete(STEPS.backupDevices.id, null, { backedUp: count('backed-up'), skipped: count('skipped') });

  /** Upload to every device at once and watch each write its image; then verify each one. Returns the devices that failed. */
  async function upgrade(planned: PlannedDevice[], applyStep: DeviceUpgradeStepId, verifyStep: DeviceUpgradeStepId, detail: Record<string, unknown>): Promise<PlannedDevice[]> {
    for (const each of planned) {
      states.set(each.deviceId, 'upgrading');
      attempts.set(each.deviceId, (attempts.get(each.deviceId) ?? 0) + 1);
    }
    refresh();
    await tracker.enter(applyStep, null, detail);
    const applied = await Promise.all(
      planned.map((each) => device.applyUpgrade({ planId, deviceId: each.deviceId, attempt: attempts.get(each.deviceId)!, releaseId: targetOf(each).release.releaseId, wait })),
    );
    const sent = planned.filter((each, index) => {
      const result = applied[index];
      if (result.outcome === 'not-sent') {
        states.set(each.deviceId, 'failed');
        errors.set(each.deviceId, result.error);
        return false;
      }
      states.set(each.deviceId, 'verifying');
      return true;
    });
    refresh();
    if (applyStep !== verifyStep) {
      await tracker.complete(applyStep, null, { sent: sent.length });
      await tracker.enter(verifyStep, null, detail);
    }
    const verified = await Promise.all(sent.map((each) => device.verifyUpgrade({ planId, deviceId: each.deviceId, targetVersion: targetOf(each).release.version, wait })));
    sent.forEach((each, index) => {
      const result = verified[index];
      states.set(each.deviceId, result.passed ? 'upgraded' : 'failed');
      if (!result.passed) errors.set(each.deviceId, result.checks.filter((check) => !check.passed).map((check) => `${check.check}: ${check.detail}`).join('; '));
    });
    refresh();
    const failed = planned.filter((each) => states.get(each.deviceId) === 'failed');
    if (failed.length > 0 && applyStep === verifyStep) await tracker.fail(verifyStep, { failed: failed.map((each) => each.deviceId) });
    else await tracker.complete(verifyStep, null, { upgraded: planned.length - failed.length, failed: failed.length });
    return failed;
  }

  /** Every failed device back on its previous firmware and configuration, verified. */
  async function rollBack(failed: PlannedDevice[]): Promise<void> {
    await tracker.enter(STEPS.rollBackDevices.id, null, { devices: failed.map((each) => each.deviceId) });
    const results = await Promise.all(failed.map((each) => device.rollBackDevice({ planId, deviceId: each.deviceId, rollbackReleaseId: targetOf(each).rollback?.releaseId ?? null, wait })));
    failed.forEach((each, index) => {
      const result = results[index];
      states.set(each.deviceId, result.rolledBack ? 'rolled-back' : 'rollback-failed');
      if (result.error) errors.set(each.deviceId, `${errors.get(each.deviceId) ?? ''}; rollback: ${result.error}`);
    });
    refresh();
    await tracker.complete(STEPS.rollBackDevices.id, null, { rolledBack: results.filter((result) => result.rolledBack).length, rollbackFailed: results.filter((result) => !result.rolledBack).length });
  }

  // Test: the canary alone first; if it fails, nothing else is touched.
  if (states.get(canary.deviceId) === 'skipped') return end('stopped', 'canary-failed', STEPS.upgradeStopped.id);
  const canaryFailed = await upgrade([canary], STEPS.testCanary.id, STEPS.testCanary.id, { canary: canary.deviceId });
  if (canaryFailed.length > 0) {
    await rollBack(canaryFailed);
    return end('stopped', 'canary-failed', STEPS.upgradeStopped.id);
  }

  // The waves, a pause between them; the rollout stops past the threshold or once the window closes.
  for (const [index, wave] of waves.entries()) {
    let pending = wave.filter((planned) => states.get(planned.deviceId) === 'backed-up');
    if (index > 0 && pending.length > 0) {
      await tracker.enter(STEPS.pauseBetweenWaves.id, null, { wave: index + 1 });
      await sleep(input.wavePauseMs);
      await tracker.complete(STEPS.pauseBetweenWaves.id);
    }
    while (pending.length > 0) {
      if (Date.now() >= endsAt) return end('stopped', 'window-closed', STEPS.upgradeStopped.id);
      const failed = await upgrade(pending, STEPS.applyWave.id, STEPS.verifyWave.id, { wave: index + 1, devices: pending.length });
      if (failed.length === 0) break;
      await rollBack(failed);
      const failures = count(...FAILED);
      if (failures > input.maxFailures) return end('stopped', 'threshold-passed', STEPS.upgradeStopped.id);
      await setPlanStatus({ planId, status: 'paused' });
      const decision = await tasks.run({
        stepId: STEPS.decideAfterFailure.id,
        title: `升级失败待决定：${title}（第 ${index + 1} 批）`,
        form: failureDecisionForm,
        candidateRoles: ['tech-supervisor'],
        dueInMs: timings.decisionDueMs,
        priority: 70,
        context: {
          planId,
          title,
          wave: index + 1,
          failures,
          maxFailures: input.maxFailures,
          failedDevices: failed.map((each) => ({ deviceId: each.deviceId, state: states.get(each.deviceId), error: errors.get(each.deviceId) ?? '' })),
        },
      });
      if (decision.payload.decision === 'abort') return end('aborted', 'aborted', STEPS.upgradeAborted.id);
      await setPlanStatus({ planId, status: 'running' });
      pending = decision.payload.decision === 'retry' ? failed : [];
    }
  }
  return end('completed', 'done', STEPS.upgradeCompleted.id);
}

/**
 * P3.3a, the periodic assessment a Schedule starts: every device's reported firmware compared with the releases its
 * suppliers registered, weighed by its open faults and the age of what it runs; the proposals are the tech
 * supervisor's list, and the tech supervisor is told when there are any.
 */
export async function firmwareAssessment(input: FirmwareAssessmentInput): Promise<Awaited<ReturnType<Activities['assessFirmware']>>> {
  const { workflowId } = workflowInfo();
  const outcome = await assessFirmware({ maxAgeMs: input.maxAgeMs, workflowId });
  if (outcome.proposals > 0) {
    await notify({
      workflowId,
      dedupeKey: `${workflowId}.proposals`,
      recipientRoles: ['tech-supervisor'],
      recipientUsers: [],
      message: `固件评估：${outcome.proposals} 台设备有更新的固件可升级，其中 ${outcome.urgent} 台有未结束的报修`,
    });
  }
  return outcome;
}
