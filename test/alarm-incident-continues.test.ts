/**
 * A detector that repeats for hours while nobody handles the alarm must not take its incident to Temporal's
 * history limit: the incident continues as new while it waits for a person, and stays one incident on the
 * console, the worklist and the instance page, with one count.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { alarmIncidents, deviceEvents, notifications, processInstances, stepEvents, tasks } from '../db/schema';
import { alarmEventsSignal, type AlarmLinkageOutcome, type IncidentTimelineEntry } from '../workflows/alarm-linkage/messages';
import { startDeviceTestStack, type DeviceTestStack } from './support/devices';
import { signIn } from './support/http-client';
import { eventually } from './support/poll';

const ACKNOWLEDGE_MS = 4_000;
/** Low, so the incident continues many times within the test (the default is 10,000). */
const HISTORY_EVENTS = 500;

let stack: DeviceTestStack;

beforeAll(async () => {
  stack = await startDeviceTestStack({
    settings: { incidentHistoryEvents: HISTORY_EVENTS, alarm: { acknowledgeMs: ACKNOWLEDGE_MS, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 } },
  });
});
afterAll(async () => {
  await stack?.stop();
});

/** The runs of a workflow id, oldest first, followed back from the newest through each run's predecessor. */
async function runChain(client: Client, workflowId: string): Promise<string[]> {
  const runs: string[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    runs.unshift(runId);
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

describe('an incident whose detector keeps repeating', () => {
  it('An incident fed 20,000 repeats: it continues as new and ends with the right count and one row', async () => {
    const workflowId = `${stack.settings.workflowIdPrefix}alarm-z-b1-lobby-fielddetection-1`;
    const handle = stack.client.workflow.getHandle(workflowId);
    // Should it fail, every run's history is kept to replay (a nondeterminism was seen once in CI) and the newest run's
    // workflow-task failures are printed.
    onTestFailed(async () => {
      const runs = await runChain(stack.client, workflowId).catch(() => []);
      const histories = await Promise.all(runs.map(async (runId) => ({ runId, history: await stack.client.workflow.getHandle(workflowId, runId).fetchHistory() })));
      const file = join(tmpdir(), `alarm-incident-continues-${Date.now()}.json`);
      await writeFile(file, JSON.stringify(histories));
      const newest = histories.at(-1)?.history.events ?? [];
      const failures = newest.filter((event) => event.workflowTaskFailedEventAttributes).map((event) => event.workflowTaskFailedEventAttributes?.failure?.message);
      console.error(`[alarm-incident-continues] ${runs.length} runs kept in ${file}; newest run: ${newest.length} events; workflow-task failures: ${JSON.stringify(failures.slice(0, 5))}`);
    });
    const incident = async () => (await stack.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId)))[0];
    const timelineOf = async () => ((await incident())?.timeline ?? []) as IncidentTimelineEntry[];
    const openTask = (stepId: string) =>
      eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

    // Repeats straight to the incident, in many small signals (the gateway would fold a burst into a few), with
    // event ids of their own far above the stored events' ids.
    let nextEventId = 1_000_000_000;
    let signalled = 0;
    const feed = async (signals: number, parallel = 8) => {
      let left = signals;
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          while (left > 0) {
            left -= 1;
            const activeEventIds = Array.from({ length: 10 }, () => nextEventId++);
            await handle.signal(alarmEventsSignal, {
              deviceId: 'cam-b1-lobby',
              activeCount: activeEventIds.length,
              firstSequence: null,
              lastSequence: null,
              lastOccurredAt: new Date().toISOString(),
              lastState: 'active',
              activeEventIds,
            });
            signalled += activeEventIds.length;
          }
        }),
      );
    };
    /** Feeds until the incident runs in a new run: the human step now open is handed over at least once. */
    const feedUntilContinued = async () => {
      const before = (await handle.describe()).runId;
      await eventually(async () => {
        await feed(40);
        return (await handle.describe()).runId !== before ? true : undefined;
      }, 60_000);
    };
    const started = Date.now();

    // The device opens the incident; the guard is dispatched.
    expect((await stack.simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 50, intervalMs: 5 })).delivered).toBe(50);
    const dispatch = await openTask('dispatchGuard');
    const firstRunId = (await handle.describe()).runId;

    // 20,000 repeats while the dispatch waits (10,000 up to the re-notification, 10,000 up to the escalation), with
    // more from the device over the wire meanwhile.
    const [, burst] = await Promise.all([feed(1_000), stack.simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat: 100, intervalMs: 5 })]);
    expect(burst.delivered).toBe(100);
    // On a machine shared with other suites (one Temporal server for all), a history this long replays slowly.
    await eventually(async () => ((await timelineOf()).some((entry) => entry.what === 're-notified') ? true : undefined), 150_000);
    await feed(1_000);
    // Escalated in the history (the memo changes only with a workflow task the server accepted): the guard acts after
    // it. The console may show it a moment before, from an attempt the server then discarded.
    const escalatedInHistory = async () => {
      const { memo } = await handle.describe();
      return (memo?.progress as { steps?: Record<string, { status: string }> } | undefined)?.steps?.escalateDispatch?.status === 'completed';
    };
    await eventually(async () => ((await escalatedInHistory()) && (await timelineOf()).some((entry) => entry.what === 'escalated') ? true : undefined), 150_000);
    expect(signalled).toBe(20_000);
    expect((await handle.describe()).runId).not.toBe(firstRunId);

    // Closed through the worklist, each human step handed over to a new run while it waits; the guard acts while
    // the detector still repeats (a completion may meet a run that is just continuing).
    const guard = await signIn(stack.baseUrl, 'guard1');
    const [, acknowledged] = await Promise.all([feed(200), guard.post(`/api/v1/tasks/${dispatch.id}/complete`, { payload: { acknowledged: true } })]);
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    const arrival = await openTask('arriveOnSite');
    await feedUntilContinued();
    const [, onSite] = await Promise.all([feed(200), guard.post(`/api/v1/tasks/${arrival.id}/complete`, { payload: { onSite: true } })]);
    expect(onSite.status, JSON.stringify(onSite.body)).toBe(200);
    const findings = await openTask('recordFindings');
    await feedUntilContinued();
    const done = await guard.post(`/api/v1/tasks/${findings.id}/complete`, { payload: { verdict: 'false-alarm', actionsTaken: 'Detector misaligned by the wind; nobody on site' } });
    expect(done.status).toBe(200);
    const outcome = (await handle.result()) as AlarmLinkageOutcome;

    // One count: every distinct active event once, whether signalled here or stored from the device.
    const [{ stored }] = await stack.db
      .select({ stored: sql<number>`count(*)::int` })
      .from(deviceEvents)
      .where(and(eq(deviceEvents.incidentWorkflowId, workflowId), eq(deviceEvents.state, 'active')));
    expect(stored).toBe(150);
    expect(outcome).toEqual({ verdict: 'false-alarm', repeatCount: signalled + stored, faultRepairWorkflowId: null });

    // One incident on the console, with one timeline: re-notified and escalated once each, at the ladder's times (a
    // ladder that started over in a new run would re-notify again). How soon after its deadline the escalation comes
    // depends on the machine's load, not on the ladder: no upper bound.
    const incidents = await stack.db.select().from(alarmIncidents).where(and(eq(alarmIncidents.zoneId, 'z-b1-lobby'), eq(alarmIncidents.alarmType, 'fielddetection')));
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ status: 'closed', dispatchTaskId: dispatch.id, outcome: { repeatCount: signalled + stored } });
    const timeline = incidents[0].timeline as IncidentTimelineEntry[];
    expect(timeline.map((entry) => entry.what)).toEqual(['detected', 'dispatched', 'cameras-shown', 're-notified', 'escalated', 'acknowledged', 'on-site', 'findings', 'closed']);
    const at = (what: string) => Date.parse(timeline.find((entry) => entry.what === what)!.at);
    expect(at('re-notified') - at('dispatched')).toBeGreaterThanOrEqual(ACKNOWLEDGE_MS);
    expect(at('escalated') - at('dispatched')).toBeGreaterThanOrEqual(2 * ACKNOWLEDGE_MS);

    // One worklist row per human step; the dispatch row is the one the escalation widened.
    const rows = await stack.db.select().from(tasks).where(eq(tasks.workflowId, workflowId)).orderBy(asc(tasks.createdAt));
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      [`${workflowId}.dispatchGuard.1`, 'completed'],
      [`${workflowId}.arriveOnSite.1`, 'completed'],
      [`${workflowId}.recordFindings.1`, 'completed'],
    ]);
    expect(rows[0]).toMatchObject({ candidateUsers: ['u-guard1', 'u-guard2'], candidateRoles: ['security-supervisor'], completedBy: 'u-guard1' });
    const sent = await stack.db.select({ dedupeKey: notifications.dedupeKey }).from(notifications).where(like(notifications.dedupeKey, `${dispatch.id}.%`));
    expect(sent.map((notification) => notification.dedupeKey.slice(dispatch.id.length + 1)).sort()).toEqual(['dispatch', 'escalated', 'renotify.1']);

    // One instance, its steps numbered on across the runs: no second start, no gap, no step lost to a reused number.
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId));
    const steps = await stack.db.select().from(stepEvents).where(eq(stepEvents.workflowId, workflowId)).orderBy(asc(stepEvents.seq));
    expect(steps.map((step) => [step.seq, step.stepId, step.event, step.visit])).toEqual([
      [1, 'alarmDetected', 'completed', 1],
      [2, 'dispatchGuard', 'entered', 1],
      [3, 'callUpCameras', 'completed', 1],
      [4, 'renotifyGuard', 'completed', 1],
      [5, 'escalateDispatch', 'completed', 1],
      [6, 'dispatchGuard', 'completed', 1],
      [7, 'arriveOnSite', 'entered', 1],
      [8, 'arriveOnSite', 'completed', 1],
      [9, 'recordFindings', 'entered', 1],
      [10, 'recordFindings', 'completed', 1],
      [11, 'incidentClosed', 'completed', 1],
    ]);
    expect(instance).toMatchObject({ status: 'completed', lastSeq: 11, currentSteps: [] });
    expect(instance.startedAt.getTime()).toBeLessThanOrEqual(steps[0].at.getTime());

    // The chain of runs under the one workflow id: the dispatch's run continued at least once, then the arrival and the
    // findings were each handed over (how many more depends on how the server batches the signals).
    const runs = await runChain(stack.client, workflowId);
    expect(runs[0]).toBe(firstRunId);
    expect(runs.length).toBeGreaterThanOrEqual(4);

    // The auditor sees one incident: its page, and a history download and replay verdict over every run.
    const auditor = await signIn(stack.baseUrl, 'auditor');
    const page = await auditor.get(`/api/v1/processes/${encodeURIComponent(workflowId)}`);
    expect(page.status).toBe(200);
    expect(page.body.steps).toMatchObject({ dispatchGuard: { status: 'completed', visits: 1 }, incidentClosed: { status: 'completed', visits: 1 } });
    const download = await auditor.get(`/api/v1/processes/${encodeURIComponent(workflowId)}/history`);
    expect(download.status).toBe(200);
    const downloaded = download.body as { runs: Array<{ events: Array<{ eventType: string; workflowExecutionStartedEventAttributes?: { originalExecutionRunId: string } }> }> };
    expect(downloaded.runs.map((run) => run.events[0].workflowExecutionStartedEventAttributes?.originalExecutionRunId)).toEqual(runs);
    expect(downloaded.runs.slice(0, -1).map((run) => run.events.at(-1)!.eventType)).toEqual(runs.slice(0, -1).map(() => 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW'));
    expect(downloaded.runs.at(-1)!.events.at(-1)!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    const replayed = await auditor.post(`/api/v1/processes/${encodeURIComponent(workflowId)}/replay`);
    expect(replayed.body).toEqual({
      verdict: 'reproduces',
      events: downloaded.runs.reduce((events, run) => events + run.events.length, 0),
      runs: runs.length,
      historySource: 'temporal',
    });
    console.info(`[alarm-incident-continues] ${runs.length} runs, ${outcome.repeatCount} repeats, ${Math.round((Date.now() - started) / 1000)} s`);
  }, 420_000);
});
