import { allHandlersFinished, condition, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import type { createInspectionActivities } from '../../activities/inspection';
import type { FaultRepairInput } from '../fault-repair/messages';
import type { faultRepair } from '../fault-repair/workflow';
import { activityOptions, linkProcesses, notify } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import { ProcessTracker } from '../lib/progress';
import {
  checklistForm,
  faultRepairIdFor,
  NOTE_FIELD,
  PHOTO_FIELD,
  RESULT_FIELD,
  type InspectionInput,
  type InspectionItem,
  type InspectionOutcome,
  type InspectionRun,
  type ItemResult,
} from './messages';
import { INSPECTION_STEPS as STEPS } from './steps';

const { openInspection, markInspectionOverdue, storeInspectionRecord } = proxyActivities<ReturnType<typeof createInspectionActivities>>(
  activityOptions('UnknownInspectionPlan'),
);

/** P3.2a: where the failed item is: its own device, zone or building, else the plan's area. */
function placeOf(item: InspectionItem, run: InspectionRun): FaultRepairInput['report']['location'] {
  if (item.deviceId || item.zoneId || item.buildingId) {
    return { deviceId: item.deviceId, zoneId: item.zoneId, buildingId: item.buildingId };
  }
  return { zoneId: run.zoneId ?? undefined, buildingId: run.buildingId ?? undefined };
}

/**
 * One inspection run, P3.1a/P3.1c: started by the plan's schedule, it gives the responsible role the
 * checklist, marks itself overdue past the plan's due window, opens a fault repair (P3.2a) for each
 * failed item with the item, place, note and photo filled in, and keeps the record.
 */
export async function inspection({ planId, faultRepairTimings }: InspectionInput): Promise<InspectionOutcome> {
  const { workflowId } = workflowInfo();
  const run = await openInspection({ workflowId, planId, startedAt: new Date().toISOString() });
  const tracker = new ProcessTracker(
    { process: 'inspection', title: run.title, startedBy: null },
    { planId, plan: run.title, responsibleRole: run.responsibleRole, dueAt: run.dueAt },
  );
  const tasks = new HumanTasks('inspection', tracker);
  await tracker.pass(STEPS.inspectionDue.id, null, { planId });
  await tracker.pass(STEPS.openInspection.id, null, { dueAt: run.dueAt, active: run.active });

  if (!run.active) {
    // The schedule fired just as the plan was deactivated: nothing to inspect.
    const outcome: InspectionOutcome = { status: 'plan-inactive', failedItems: [], faultRepairWorkflowIds: [] };
    await tracker.finish('completed', STEPS.planInactive.id);
    return outcome;
  }

  // Timers fire with about a second's granularity: a run that starts already past due goes overdue at once.
  const untilDue = Math.max(1000, Date.parse(run.dueAt) - Date.now());
  const task = await tasks.open({
    stepId: STEPS.performInspection.id,
    title: run.title,
    form: checklistForm(run.checklist),
    candidateRoles: [run.responsibleRole],
    dueInMs: untilDue,
    priority: 40,
    // The form lists the items by their text; this says where each one is, by the names the task page shows.
    context: {
      plan: run.title,
      buildingId: run.buildingId,
      zoneId: run.zoneId,
      dueAt: run.dueAt,
      items: run.checklist.map(({ text, system, deviceId, zoneId, buildingId }) => ({ text, system, deviceId, zoneId, buildingId })),
    },
  });
  let completion = await task.completion(untilDue);
  if (!completion) {
    const at = new Date().toISOString();
    await markInspectionOverdue({ workflowId, at });
    await task.addCandidates({ roles: ['tech-supervisor'] });
    await notify({
      workflowId,
      dedupeKey: `${task.id}.overdue`,
      recipientUsers: [],
      recipientRoles: [...new Set([run.responsibleRole, 'tech-supervisor'])],
      message: `Inspection overdue: ${run.title} was due by ${run.dueAt}`,
    });
    await tracker.pass(STEPS.inspectionOverdue.id, null, { dueAt: run.dueAt });
    tracker.setData({ overdueAt: at });
    completion = (await task.completion())!;
  }

  const payload = completion.payload as Record<string, string | undefined>;
  const results: ItemResult[] = run.checklist.map((item) => ({
    itemId: item.id,
    text: item.text,
    system: item.system,
    result: payload[RESULT_FIELD(item.id)] === 'fail' ? 'fail' : 'pass',
    note: payload[NOTE_FIELD(item.id)] || null,
    photoId: payload[PHOTO_FIELD(item.id)] ?? null,
    faultRepairWorkflowId: null,
  }));
  const failed = results.filter((result) => result.result === 'fail');
  tracker.setData({ inspectedBy: completion.actor.displayName, failedItems: failed.map((result) => result.itemId) });

  if (failed.length) {
    await tracker.enter(STEPS.openFaultRepairs.id, null, { items: failed.map((result) => result.itemId) });
    for (const result of failed) {
      const item = run.checklist.find((candidate) => candidate.id === result.itemId)!;
      const input: FaultRepairInput = {
        report: {
          occurredAt: completion.completedAt,
          location: placeOf(item, run),
          system: item.system,
          symptoms: `${run.title} · ${item.text}: ${result.note}`,
          photoId: result.photoId ?? undefined,
          source: 'staff',
          reporter: { userId: completion.actor.userId, displayName: completion.actor.displayName },
        },
        timings: faultRepairTimings,
        priority: 60,
      };
      result.faultRepairWorkflowId = faultRepairIdFor(workflowId, item.id);
      // A child that outlives this run: the inspection is recorded while the repair goes on.
      await startChild<typeof faultRepair>('faultRepair', {
        workflowId: result.faultRepairWorkflowId,
        args: [input],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      // The repair's instance page shows the inspection it came from, and the inspection's its repairs.
      await linkProcesses({ fromWorkflowId: workflowId, toWorkflowId: result.faultRepairWorkflowId, relation: 'repair' });
    }
  }
  const faultRepairWorkflowIds = failed.map((result) => result.faultRepairWorkflowId!);
  if (failed.length) {
    tracker.setData({ faultRepairWorkflowIds });
    await tracker.complete(STEPS.openFaultRepairs.id, null, { faultRepairWorkflowIds });
  }

  await tracker.enter(STEPS.storeInspectionRecord.id);
  await storeInspectionRecord({
    workflowId,
    completedAt: completion.completedAt,
    inspectorId: completion.actor.userId,
    inspectorName: completion.actor.displayName,
    results,
    faultRepairWorkflowIds,
  });
  await tracker.complete(STEPS.storeInspectionRecord.id);
  const outcome: InspectionOutcome = { status: 'recorded', failedItems: failed.map((result) => result.itemId), faultRepairWorkflowIds };
  tracker.setData({ outcome });
  await tracker.finish('completed', STEPS.inspectionClosed.id);
  await condition(allHandlersFinished);
  return outcome;
}
