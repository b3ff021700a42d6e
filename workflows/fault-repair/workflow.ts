import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { z } from 'zod';
import { SYSTEM_LABELS, zhOf } from '../../contracts/labels';
import type { createFaultRepairActivities } from '../../activities/fault-repair';
import { activityOptions } from '../lib/activities';
import { canOnAny } from '../../contracts/permissions';
import { HumanTasks, type HumanTask, type TaskCompletion } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import {
  closeRecoveredOutageUpdate,
  diagnosisForm,
  repairForm,
  verificationForm,
  type FaultRepairInput,
  type FaultRepairOutcome,
  type RecoveredOutage,
  type VendorAssignment,
} from './messages';
import { FAULT_REPAIR_STEPS as STEPS } from './steps';

const { escalateToVendor, storeRepairRecord, notify } = proxyActivities<ReturnType<typeof createFaultRepairActivities>>(activityOptions('NoVendorContract'));

type RepairCompletion = TaskCompletion<z.output<typeof repairForm>>;
type DiagnosisCompletion = TaskCompletion<z.output<typeof diagnosisForm>>;

/** Fault repair, P3.2a–c: report → diagnosis → repair (in-house within the SLA, or the vendor) → verification → record. */
export async function faultRepair({ report, timings, priority }: FaultRepairInput): Promise<FaultRepairOutcome> {
  // Titles name the system and the symptoms, in zh-CN; the worklist shows the step beside them.
  const title = `${zhOf(SYSTEM_LABELS, report.system)}：${report.symptoms.slice(0, 60)}`;
  const tracker = new ProcessTracker(
    { process: 'fault-repair', title, startedBy: report.reporter.userId },
    { report, reworkCount: 0 },
  );
  const tasks = new HumanTasks('fault-repair', tracker);
  const context = { system: report.system, location: report.location, symptoms: report.symptoms, occurredAt: report.occurredAt };

  // P3.1b: a repair monitoring opened for a down device may be closed in one click once the device is back
  // online, while it still waits for its diagnosis. Repairs started before this could be, and every other repair,
  // run as they did.
  const outage = report.source === 'monitoring' && report.location.deviceId !== undefined;
  const closable = outage && patched('close-recovered-outage');
  let awaitingDiagnosis: HumanTask<z.output<typeof diagnosisForm>> | null = null;
  let recovered: RecoveredOutage | null = null;
  let closedAt: string | null = null;
  const diagnosisDone = () =>
    ApplicationFailure.create({ type: 'TaskClosed', message: 'the repair is past its diagnosis: it closes through its repair and verification', nonRetryable: true });
  if (closable) {
    setHandler(
      closeRecoveredOutageUpdate,
      async (closing) => {
        // A diagnosis completed in the same moment wins: the repair goes on.
        const task = awaitingDiagnosis;
        if (!task || !(await task.cancel('device back online', 'completed'))) throw diagnosisDone();
        recovered = closing;
        await condition(() => closedAt !== null);
        return { closedAt: closedAt! };
      },
      {
        validator: ({ actor }) => {
          if (!awaitingDiagnosis?.isOpen || recovered) throw diagnosisDone();
          if (!canOnAny(actor, 'fault-repair.close-recovered')) {
            throw ApplicationFailure.create({ type: 'NotCandidate', message: `${actor.userId} may not close a repair as recovered`, nonRetryable: true });
          }
        },
      },
    );
  }

  await tracker.pass(STEPS.faultReported.id, report.reporter.displayName, { source: report.source });

  const diagnosisSpec = {
    stepId: STEPS.diagnoseFault.id,
    title,
    form: diagnosisForm,
    candidateRoles: ['technician', 'tech-supervisor'],
    dueInMs: timings.diagnosisDueMs,
    priority,
    context,
  };
  let diagnosis: DiagnosisCompletion;
  if (closable) {
    const task = await tasks.open(diagnosisSpec);
    awaitingDiagnosis = task;
    await Promise.race([task.completion(), condition(() => recovered !== null)]);
    awaitingDiagnosis = null;
    if (recovered) {
      const closing: RecoveredOutage = recovered;
      await tracker.pass(STEPS.deviceBackOnline.id, closing.actor.displayName, { backOnlineAt: closing.backOnlineAt });
      await tracker.enter(STEPS.storeRepairRecord.id);
      const now = new Date().toISOString();
      await storeRepairRecord({
        workflowId: workflowInfo().workflowId,
        system: report.system,
        location: report.location,
        symptoms: report.symptoms,
        cause: '设备离线后自行恢复在线 The device came back online by itself',
        repairProcess: `无需维修：${closing.deviceName} 自 ${closing.backOnlineAt} 起恢复在线，${closing.actor.displayName} 确认后关闭 No repair needed: back online since ${closing.backOnlineAt}`,
        partsReplaced: [],
        timeSpentMinutes: 0,
        repairedBy: closing.actor.displayName,
        vendorId: null,
        verifiedBy: closing.actor.displayName,
        reworkCount: 0,
        reportedBy: report.reporter.userId,
        closedAt: now,
      });
      await tracker.complete(STEPS.storeRepairRecord.id);
      const outcome: FaultRepairOutcome = { repairedBy: 'in-house', reworkCount: 0, verifiedBy: closing.actor.displayName, closedAs: 'device-back-online' };
      tracker.setData({ recovered: { backOnlineAt: closing.backOnlineAt, closedBy: closing.actor.displayName }, outcome });
      await tracker.finish('completed', STEPS.faultClosed.id);
      closedAt = now;
      await condition(allHandlersFinished);
      return outcome;
    }
    diagnosis = (await task.completion())!;
  } else {
    diagnosis = await tasks.run(diagnosisSpec);
  }
  tracker.setData({ diagnosis: { ...diagnosis.payload, by: diagnosis.actor.displayName } });
  const repairContext = { ...context, cause: diagnosis.payload.cause, repairPlan: diagnosis.payload.repairPlan };

  let vendor: VendorAssignment | null = null;
  let escalated = diagnosis.payload.faultClass === 'complex';
  let reworkCount = 0;
  let lastRejection: string | undefined;

  const escalate = async (reason: 'complex' | 'sla-breached'): Promise<void> => {
    escalated = true;
    await tracker.enter(STEPS.escalateToVendor.id, null, { reason });
    try {
      vendor = await escalateToVendor({ system: report.system });
      tracker.setData({ vendor: { id: vendor.vendorId, name: vendor.vendorName }, escalation: reason });
      await tracker.complete(STEPS.escalateToVendor.id, vendor.vendorName, { reason });
    } catch (error) {
      // Without a contracted vendor the supervisor must arrange the repair: the step shows failed.
      if (!(error instanceof ActivityFailure)) throw error;
      await tracker.fail(STEPS.escalateToVendor.id, { reason, error: error.cause?.message ?? error.message });
    }
  };

  const repairInHouse = async (): Promise<RepairCompletion | undefined> => {
    const task = await tasks.open({
      stepId: STEPS.repairFault.id,
      title,
      form: repairForm,
      candidateRoles: ['technician', 'tech-supervisor'],
      dueInMs: timings.repairSlaMs,
      priority,
      context: { ...repairContext, rejection: lastRejection },
    });
    const repair = await task.completion(timings.repairSlaMs);
    if (repair) return repair;
    await task.cancel('repair SLA passed');
    await tracker.pass(STEPS.repairSlaBreached.id, null, { slaMs: timings.repairSlaMs });
    return undefined;
  };

  const repairByVendor = async (): Promise<RepairCompletion> => {
    const assigned = vendor as VendorAssignment | null;
    const task = await tasks.open({
      stepId: STEPS.vendorRepair.id,
      title,
      form: repairForm,
      candidateRoles: assigned ? [] : ['tech-supervisor'],
      candidateUsers: assigned?.staffUserIds ?? [],
      dueInMs: assigned?.repairSlaMs ?? timings.repairSlaMs,
      priority,
      context: { ...repairContext, vendor: assigned?.vendorName ?? null, rejection: lastRejection },
    });
    if (!assigned) return (await task.completion())!;
    const deadline = new Date(Date.now() + assigned.repairSlaMs).toISOString();
    return task.completionWithLadder({
      deadlineMs: assigned.repairSlaMs,
      remindEveryMs: timings.vendorReminderMs,
      remind: async (reminder) => {
        await notify({
          workflowId: workflowInfo().workflowId,
          dedupeKey: `${task.id}.reminder.${reminder}`,
          recipientUsers: assigned.staffUserIds,
          recipientRoles: [],
          message: `Reminder ${reminder}: ${title} is due by ${deadline}`,
        });
        await tracker.pass(STEPS.vendorReminder.id, null, { reminder });
      },
      escalate: async () => {
        await task.addCandidates({ roles: ['tech-supervisor'] });
        await notify({
          workflowId: workflowInfo().workflowId,
          dedupeKey: `${task.id}.overdue`,
          recipientUsers: [],
          recipientRoles: ['tech-supervisor'],
          message: `${assigned.vendorName} is late on ${title}`,
        });
        await tracker.pass(STEPS.vendorOverdue.id, null, { vendor: assigned.vendorName });
      },
    });
  };

  if (escalated) await escalate('complex');
  for (;;) {
    let repair = escalated ? undefined : await repairInHouse();
    if (!repair) {
      if (!escalated) await escalate('sla-breached');
      repair = await repairByVendor();
    }
    tracker.setData({ repair: { ...repair.payload, by: repair.actor.displayName } });

    const verification = await tasks.run({
      stepId: STEPS.verifyRepair.id,
      title,
      form: verificationForm,
      candidateRoles: ['tech-supervisor'],
      candidateUsers: report.reporter.userId ? [report.reporter.userId] : [],
      dueInMs: timings.verificationDueMs,
      priority,
      context: { ...repairContext, repair: repair.payload, repairedBy: repair.actor.displayName },
    });
    if (verification.payload.accepted) {
      await tracker.enter(STEPS.storeRepairRecord.id);
      const assigned = vendor as VendorAssignment | null;
      await storeRepairRecord({
        workflowId: workflowInfo().workflowId,
        system: report.system,
        location: report.location,
        symptoms: report.symptoms,
        cause: diagnosis.payload.cause,
        repairProcess: repair.payload.repairProcess,
        partsReplaced: repair.payload.partsReplaced,
        timeSpentMinutes: repair.payload.timeSpentMinutes,
        repairedBy: repair.actor.displayName,
        vendorId: assigned?.vendorId ?? null,
        verifiedBy: verification.actor.displayName,
        reworkCount,
        reportedBy: report.reporter.userId,
        closedAt: verification.completedAt,
      });
      await tracker.complete(STEPS.storeRepairRecord.id);
      const outcome: FaultRepairOutcome = {
        repairedBy: assigned ? 'vendor' : 'in-house',
        reworkCount,
        verifiedBy: verification.actor.displayName,
      };
      tracker.setData({ outcome });
      await tracker.finish('completed', STEPS.faultClosed.id);
      await condition(allHandlersFinished);
      return outcome;
    }
    reworkCount += 1;
    lastRejection = verification.payload.comment;
    tracker.setData({ reworkCount });
  }
}
