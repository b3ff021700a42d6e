import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  makeContinueAsNewFunc,
  ParentClosePolicy,
  patched,
  proxyLocalActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import { ALARM_TYPE_LABELS, titleReference, zhOf } from '../../contracts/labels';
import type { createAlarmLinkageActivities } from '../../activities/alarm-linkage';
import type { createFaultRepairActivities } from '../../activities/fault-repair';
import type { FaultRepairInput } from '../fault-repair/messages';
import { localActivityOptions } from '../lib/activities';
import { HumanTasks } from '../lib/human-task';
import type { Actor } from '../lib/messages';
import { ProcessTracker } from '../lib/progress';
import {
  acknowledgeForm,
  alarmEventsSignal,
  arrivalForm,
  assignGuardUpdate,
  findingsForm,
  type AlarmEvents,
  type AlarmIncidentResume,
  type AlarmLinkageInput,
  type AlarmLinkageOutcome,
  type IncidentTimelineEntry,
} from './messages';
import { ALARM_LINKAGE_STEPS as STEPS } from './steps';

const { dispatchRoster, projectIncident, releaseCorrelation } = proxyLocalActivities<ReturnType<typeof createAlarmLinkageActivities>>(localActivityOptions());
// The call-up is a few ISAPI requests that take milliseconds: local, so the incident's first moments are one
// workflow task, with no activity task and no second workflow task through the server. Three tries, not retried until
// they pass as other activities are: the incident follows the guard's acknowledgement only after them, and it goes
// on without its cameras (the step shows failed) rather than wait on a dead camera.
const { callUpZoneCameras } = proxyLocalActivities<ReturnType<typeof createAlarmLinkageActivities>>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});
// A notification is one idempotent row: local, so a dispatch costs no extra round trip through the server.
const { notify } = proxyLocalActivities<ReturnType<typeof createFaultRepairActivities>>(localActivityOptions());

const DISPATCH_PRIORITY = 90;
/** Active event ids an incident remembers to count each once (a few minutes of a detector repeating every 50 ms). */
const COUNTED_EVENTS_KEPT = 5_000;
/** Past this many history events an incident continues as new (Temporal warns at 10,240 and ends a run at 51,200). */
const CONTINUE_AFTER_EVENTS = 10_000;

type Incident = AlarmIncidentResume['incident'] & { outcome: AlarmLinkageOutcome | null; closedAt: string | null };

/**
 * Alarm linkage, P4.2c with P3.1b: one incident per active alarm of a zone and type, however often the
 * detector repeats (the listener signals repeats here). Cameras are called up and the zone's guard is
 * dispatched at once; an unacknowledged dispatch is re-notified, then widened to the next guard and the
 * security supervisor. The incident stays latched until a person records the findings. A detector that
 * repeats for hours keeps the history growing: past `continueAfterEvents` the incident continues as new while it
 * waits for a person, carrying its state, its open task and its ladder's times (`resume`).
 */
export async function alarmLinkage(input: AlarmLinkageInput): Promise<AlarmLinkageOutcome> {
  const { zoneId, alarmType, timings, resume } = input;
  const { workflowId } = workflowInfo();
  const title = `${alarmType} @ ${zoneId}`;
  // The guard's tasks: the alarm type in zh-CN and the zone, which the worklist names.
  const taskTitle = `${zhOf(ALARM_TYPE_LABELS, alarmType)} · ${titleReference('zone', zoneId)}`;
  const tracker = new ProcessTracker({ process: 'alarm-linkage', title, startedBy: null }, { zoneId, alarmType }, resume?.progress);
  // The open task a previous run handed over keeps its form, built again from its step.
  const formOf = (stepId: string): z.ZodType => (stepId === STEPS.dispatchGuard.id ? acknowledgeForm : stepId === STEPS.arriveOnSite.id ? arrivalForm() : findingsForm());
  const tasks = new HumanTasks('alarm-linkage', tracker, resume && { state: resume.tasks, formOf });

  const openedAt = resume?.openedAt ?? new Date().toISOString();
  const incident: Incident = resume
    ? { ...resume.incident, outcome: null, closedAt: null }
    : {
        status: 'open',
        repeatCount: 0,
        detectorState: 'active',
        lastEventAt: openedAt,
        assignedGuard: null,
        dispatchTaskId: null,
        cameras: [],
        timeline: [],
        outcome: null,
        closedAt: null,
      };
  let version = resume?.version ?? 0;
  /** The human step the incident waits for: where a next run picks it up. */
  let phase: AlarmIncidentResume['phase'] = resume?.phase ?? 'dispatch';
  let roster: string[] = resume?.roster ?? [];
  let acknowledgedBy: Actor | null = resume?.acknowledgedBy ?? null;
  let onSiteBy: Actor | null = resume?.onSiteBy ?? null;
  /** The history length of the workflow task that last assigned a guard: no continuing in it (see HumanTasks). */
  let assignedIn = -1;

  // The active events already counted, the most recent ones: a batch is signalled again only shortly after
  // its first delivery (the gateway died before recording it), so a bounded memory suffices.
  const counted = new Set<number>(resume?.counted);
  const apply = (events: AlarmEvents) => {
    if (events.activeEventIds) {
      const fresh = events.activeEventIds.filter((id) => !counted.has(id));
      if (fresh.length === 0 && events.activeEventIds.length > 0) return;
      for (const id of fresh) counted.add(id);
      for (const id of counted) {
        if (counted.size <= COUNTED_EVENTS_KEPT) break;
        counted.delete(id);
      }
      incident.repeatCount += fresh.length;
    } else incident.repeatCount += events.activeCount;
    incident.detectorState = events.lastState;
    if (events.lastOccurredAt > incident.lastEventAt) incident.lastEventAt = events.lastOccurredAt;
    tracker.setData({ repeatCount: incident.repeatCount, detectorState: incident.detectorState });
  };
  // Every change of the incident is published to the console's projection at once, in the flow's own order.
  // No side coroutine: local activities running concurrently could complete in another order on replay.
  // The live repeat count is the listener's to keep (it counts stored events); this count is the history's.
  const publish = async () => {
    version += 1;
    await projectIncident({ workflowId, zoneId, alarmType, openedAt, version, ...incident });
  };
  const mark = async (entry: Omit<IncidentTimelineEntry, 'at'>, publishNow = true) => {
    incident.timeline.push({ at: new Date().toISOString(), ...entry });
    if (publishNow) await publish();
  };
  // A detector going inactive only updates the count and state: the incident stays latched until handled.
  // The first events arrive as the signal of signalWithStart, so they are counted by the handler too.
  setHandler(alarmEventsSignal, apply);

  // Incidents recorded (or started) before runs could continue never do: they replay as they ran.
  if (patched('alarm-incident-continues-as-new')) {
    const continueAfterEvents = input.continueAfterEvents ?? CONTINUE_AFTER_EVENTS;
    tasks.continueWhen({
      due: () => {
        const { continueAsNewSuggested, historyLength } = workflowInfo();
        return historyLength > assignedIn && (continueAsNewSuggested || historyLength >= continueAfterEvents);
      },
      continue: () => {
        const { outcome: _outcome, closedAt: _closedAt, ...open } = incident;
        const next: AlarmIncidentResume = {
          phase,
          openedAt,
          version,
          incident: open,
          counted: [...counted],
          roster,
          acknowledgedBy,
          onSiteBy,
          tasks: tasks.state(),
          progress: tracker.state(),
        };
        // The memo carries the step marks the path is rebuilt from; a run that moves no step would have none.
        return makeContinueAsNewFunc<typeof alarmLinkage>({ memo: workflowInfo().memo })({ ...input, resume: next });
      },
    });
  }

  if (!resume) {
    // The first moments' three step events (detected, dispatch entered, cameras shown) are written together, with
    // one local activity once the cameras are up, instead of one each; the guard's task does not wait for them.
    tracker.deferWrites();
    await tracker.pass(STEPS.alarmDetected.id, null, { deviceId: input.firstEvent.deviceId });
    roster = await dispatchRoster({ zoneId });
    // Published with the dispatch and the cameras a moment later: one projection write for the incident's first moments.
    await mark({ what: 'detected', detail: { deviceId: input.firstEvent.deviceId } }, false);
  }

  // The call-up takes milliseconds: its step is recorded once it is done (or entered and failed).
  const showCameras = async () => {
    try {
      incident.cameras = await callUpZoneCameras({ zoneId });
    } catch (error) {
      // No camera must hold up the guard: the step shows failed and the dispatch goes on.
      if (!(error instanceof ActivityFailure)) throw error;
      await mark({ what: 'cameras-shown', detail: { error: error.cause?.message ?? error.message } });
      await tracker.enter(STEPS.callUpCameras.id);
      await tracker.fail(STEPS.callUpCameras.id, { error: error.cause?.message ?? error.message });
      return;
    }
    await mark({ what: 'cameras-shown', detail: { cameras: incident.cameras.map((camera) => camera.deviceId) } });
    await tracker.pass(STEPS.callUpCameras.id, null, { cameras: incident.cameras.length });
  };

  const openDispatch = async (first: string | undefined) => {
    const task = await tasks.open({
      stepId: STEPS.dispatchGuard.id,
      title: taskTitle,
      form: acknowledgeForm,
      // With no roster for the zone, every guard is a candidate.
      candidateRoles: first ? [] : ['guard'],
      candidateUsers: first ? [first] : [],
      dueInMs: timings.acknowledgeMs,
      priority: DISPATCH_PRIORITY,
      context: { zoneId, alarmType, openedAt },
    });
    incident.status = 'dispatched';
    incident.assignedGuard = first ?? null;
    incident.dispatchTaskId = task.id;
    // Published with the cameras a few milliseconds later (one projection write); the worklist row is already there.
    await mark({ what: 'dispatched', detail: { guard: first ?? null } }, false);
    return task;
  };

  if (phase === 'dispatch') {
    const [first, next] = roster;
    // A next run adopts the dispatch as it stands: the row, its candidates, the ladder's reminders and deadline.
    const task = tasks.adopt<z.output<typeof acknowledgeForm>>(STEPS.dispatchGuard.id) ?? (await openDispatch(first));
    const tell = (users: string[], roles: string[], key: string, message: string) =>
      notify({ workflowId, dedupeKey: `${task.id}.${key}`, recipientUsers: users, recipientRoles: roles, message });

    setHandler(assignGuardUpdate, async ({ guardUserId, actor }) => {
      await task.addCandidates({ users: [guardUserId] });
      incident.assignedGuard = guardUserId;
      await mark({ what: 'assigned', actor: actor.displayName, detail: { guard: guardUserId } });
      await tell([guardUserId], [], `assigned.${guardUserId}`, `Alarm ${title}: you are assigned by ${actor.displayName}`);
      assignedIn = workflowInfo().historyLength;
      return { guardUserId };
    });

    if (!resume) {
      // In sequence, not in parallel (replay safety, see publish): the guard's task first, then the cameras, a few
      // milliseconds later; the acknowledgement timer runs from the dispatch.
      await showCameras();
      await tracker.flush();
      await tell(first ? [first] : [], first ? [] : ['guard'], 'dispatch', `Alarm ${title}: go now and acknowledge`);
    }
    const acknowledged = await task.completionWithLadder({
      deadlineMs: 2 * timings.acknowledgeMs,
      remindEveryMs: timings.acknowledgeMs,
      remind: async (reminder) => {
        await tell(first ? [first] : [], first ? [] : ['guard'], `renotify.${reminder}`, `Alarm ${title}: still not acknowledged`);
        await mark({ what: 're-notified', detail: { guard: first ?? null, reminder } });
        await tracker.pass(STEPS.renotifyGuard.id, null, { reminder });
      },
      escalate: async () => {
        const users = next ? [next] : [];
        await task.addCandidates({ users, roles: ['security-supervisor'] });
        await tell(users, ['security-supervisor'], 'escalated', `Alarm ${title}: not acknowledged by ${first ?? 'any guard'}`);
        if (next) incident.assignedGuard = next;
        await mark({ what: 'escalated', detail: { nextGuard: next ?? null, supervisor: 'security-supervisor' } });
        await tracker.pass(STEPS.escalateDispatch.id, null, { nextGuard: next ?? null });
      },
    });
    incident.status = 'acknowledged';
    incident.assignedGuard = acknowledged.actor.userId;
    await mark({ what: 'acknowledged', actor: acknowledged.actor.displayName });
    acknowledgedBy = acknowledged.actor;
    phase = 'arrival';
  }

  const guard = acknowledgedBy!;
  const context = { zoneId, alarmType, openedAt, guard: guard.displayName, cameras: incident.cameras };

  if (phase === 'arrival') {
    const task =
      tasks.adopt<z.output<ReturnType<typeof arrivalForm>>>(STEPS.arriveOnSite.id) ??
      (await tasks.open({
        stepId: STEPS.arriveOnSite.id,
        title: taskTitle,
        form: arrivalForm(),
        candidateRoles: ['security-supervisor'],
        candidateUsers: [guard.userId],
        dueInMs: timings.arriveOnSiteDueMs,
        priority: DISPATCH_PRIORITY,
        context,
      }));
    const arrival = (await task.completion())!;
    incident.status = 'on-site';
    await mark({ what: 'on-site', actor: arrival.actor.displayName });
    onSiteBy = arrival.actor;
    phase = 'findings';
  }

  const findingsTask =
    tasks.adopt<z.output<ReturnType<typeof findingsForm>>>(STEPS.recordFindings.id) ??
    (await tasks.open({
      stepId: STEPS.recordFindings.id,
      title: taskTitle,
      form: findingsForm(),
      candidateRoles: ['security-supervisor'],
      candidateUsers: [onSiteBy!.userId],
      dueInMs: timings.findingsDueMs,
      priority: DISPATCH_PRIORITY,
      context,
    }));
  const findings = (await findingsTask.completion())!;
  await mark({ what: 'findings', actor: findings.actor.displayName, detail: { verdict: findings.payload.verdict, actionsTaken: findings.payload.actionsTaken } });

  let faultRepairWorkflowId: string | null = null;
  if (findings.payload.openFaultRepair) {
    await tracker.enter(STEPS.openFaultRepair.id);
    faultRepairWorkflowId = `fault-repair-${workflowId}`;
    const repair: FaultRepairInput = {
      report: {
        occurredAt: openedAt,
        location: { zoneId },
        system: input.system,
        symptoms: findings.payload.repairSymptoms!,
        source: 'staff',
        reporter: { userId: findings.actor.userId, displayName: findings.actor.displayName },
      },
      timings: input.faultRepairTimings,
      priority: 70,
    };
    // The repair outlives the incident: it is the technicians' process from here on.
    await startChild('faultRepair', { workflowId: faultRepairWorkflowId, args: [repair], parentClosePolicy: ParentClosePolicy.ABANDON });
    await mark({ what: 'repair-opened', detail: { workflowId: faultRepairWorkflowId } });
    await tracker.complete(STEPS.openFaultRepair.id, findings.actor.displayName, { workflowId: faultRepairWorkflowId });
  }

  // From here the zone's next alarm of this type is a new incident; reports until now still count here.
  await releaseCorrelation({ zoneId, alarmType, workflowId });
  incident.outcome = { verdict: findings.payload.verdict, repeatCount: incident.repeatCount, faultRepairWorkflowId };
  incident.status = 'closed';
  incident.closedAt = new Date().toISOString();
  await mark({ what: 'closed', actor: findings.actor.displayName });
  tracker.setData({ outcome: incident.outcome });
  await tracker.finish('completed', STEPS.incidentClosed.id, findings.actor.displayName);
  await condition(allHandlersFinished);
  return { ...incident.outcome, repeatCount: incident.repeatCount };
}
