/**
 * Issue 10: the worker killed (SIGKILL) in the middle of a step of every process, and started again. Every process of
 * workflows/processes.ts runs at once, driven over the HTTP API by the demo users whose work it is; the worker dies
 * several times, each time while the steps chosen for that kill (one random step of each process type, from a printed
 * seed) are under way. Afterwards every process has completed as it should, and every record (the tables) and every
 * device command (the simulator's state) is there exactly once.
 */
import { Client, Connection } from '@temporalio/client';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ApiContext } from '../api/context';
import { DeviceGateway } from '../api/devices/gateway';
import { installDeviceGateway } from '../api/devices/registry';
import { inspectionScheduleId } from '../api/use-cases/inspection-schedules';
import { listen } from '../api/server';
import { loadConfig } from '../config';
import { closeDatabase, openDatabase, type Database } from '../db/client';
import {
  accessAlerts,
  accessPeople,
  accessRevocations,
  acceptanceReports,
  acceptanceSignatures,
  alarmIncidents,
  annualPlans,
  ballots,
  bidScores,
  bids,
  committeeFilings,
  credentialDevices,
  credentials,
  dataChangeHistory,
  dataChanges,
  deliveries,
  deviceEvents,
  faceDeletionDevices,
  faceDeletions,
  inspectionRecords,
  ownerFeedback,
  ownerFeedbackMessages,
  announcementReads,
  announcements,
  ownerVotes,
  panelMembers,
  planProjects,
  processInstances,
  procurementContracts,
  procurements,
  progressReports,
  qualificationReviews,
  repairRecords,
  stepEvents,
  supplierEvaluations,
  tasks,
  trainingRecords,
  units,
  upgradeDevices,
  vehiclePlates,
  vendors,
  visitorPasses,
} from '../db/schema';
import { DEMO_USERS } from '../db/seed/demo-community';
import { reportedModel } from '../db/seed/demo-devices';
import { readDeviceFirmware } from '../domain/device-firmware';
import { GOVERNANCE_DEMO_USERS } from '../db/seed/governance-demo';
import { pointDemoDevicesAt } from '../db/seed/devices';
import { spawnSimulator, type SimulatorProcess } from '../scripts/device-simulator/spawn';
import { backupFaultRepairId, type BackupOutcome } from '../workflows/backup/messages';
import { PROCESSES, type ProcessName } from '../workflows/processes';
import { DIAGNOSIS, REPAIR, TEST_TIMINGS } from './support/fault-scenarios';
import { ACCEPTANCE_TEST_TIMINGS, CHECKLIST_PASS, DELIVERY_TEST_TIMINGS, EVALUATION, EVALUATION_TEST_TIMINGS, plan, TEAM } from './support/delivery-scenarios';
import { BUDGET, CONTRIBUTION, PLAN, testGovernanceSettings } from './support/governance-scenarios';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually } from './support/poll';
import { spawnWorker, type StewardProcess } from './support/processes';
import { CCTV_SUPPLIERS, CONTRACT, PANEL, scoresFor } from './support/procurement-scenarios';
import { MACHINE } from './support/config';
import { createTestDatabase, type TestDatabase } from './support/stack';
import { firmwareRelease, registerFirmware } from './support/firmware';
import { upgradePlan } from './support/upgrade-scenarios';
import { NEEDS, SECURITY_COURSE } from './support/training-scenarios';
import { chooseKillSteps, processOfStep, seededRandom, Stepper, WorkerKiller, type ScenarioPlan } from './support/worker-kills';

const API = '/api/v1';
/** Kills at most: each lands in the steps chosen for it. */
const KILLS = 5;
/** A step's task may open only after a kill's recovery (a workflow task timing out, an activity's 30 s). */
const STEP_WAIT_MS = 120_000;
/** Every process at once, with up to five worker restarts of up to 30 s each on a loaded machine. */
const ALL_SCENARIOS_MS = 600_000;
/** Deadlines that must not pass during the test, however slow the machine. */
const LONG_MS = 3_600_000;
/** A tiny JPEG: the simulator stores its bytes, never shows it. */
const FACE = `data:image/jpeg;base64,${Buffer.from('\xff\xd8\xff\xe0face-of-the-test\xff\xd9', 'latin1').toString('base64')}`;

let database: TestDatabase;
let apiDb: Database;
let connection: Connection;
let client: Client;
let server: Server;
let gateway: DeviceGateway;
let simulator: SimulatorProcess;
let worker: StewardProcess;
let baseUrl: string;
const taskQueue = `worker-kill-${randomUUID()}`;
const prefix = `k${randomUUID().slice(0, 8)}-`;
/** The demo users who act in the scenarios. */
const USERS = ['admin', 'checker', 'owner-zhang', 'owner-li', 'developer', 'tech1', 'techsup', 'monitor', 'guard1', 'secsup', 'hr', 'finance', 'procure', 'manager', 'committee', 'vendor-anxin', 'vendor-cctv', 'vendor-huaan'];
const people = new Map<string, SignedInClient>();
/** Every workflow the test drove, with the process it is an instance of. */
const instances = new Map<string, ProcessName>();
/** How an instance ends in its projection when not `completed` (a drill that fails by design). */
const endings = new Map<string, 'failed'>();
const schedules: string[] = [];

const startWorker = () =>
  spawnWorker({
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: taskQueue,
    // Procurement ends at its contract here: project delivery has its own scenario.
    PROCUREMENT_START_DELIVERY: 'off',
    LOG_LEVEL: 'WARN',
  });

/** A one-minute shift for HR twelve hours from now: HR's reads are off shift, everyone else's are not. */
function offShiftHours(): string {
  const minute = (new Date().getUTCHours() * 60 + new Date().getUTCMinutes() + 720) % 1440;
  const clock = (value: number) => `${String(Math.floor(value / 60)).padStart(2, '0')}:${String(value % 60).padStart(2, '0')}`;
  return `${clock(minute)}-${clock(minute + 1)}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  apiDb = openDatabase(database.url, { max: 10 });
  connection = await Connection.connect({ address: inject('temporalAddress') });
  client = new Client({ connection });
  const config = loadConfig({
    WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
    TZ_COMMUNITY: 'UTC',
    ACCESS_STAFF_HOURS: '00:00-24:00',
    ACCESS_ROLE_HOURS: `hr=${offShiftHours()}`,
  });
  const governance = testGovernanceSettings(30);
  const ctx: ApiContext = {
    db: apiDb,
    temporal: client,
    taskQueue,
    settings: {
      ...config.api,
      // Completions wait for a worker that was just killed: this API serves every request rather than shed load.
      admission: { ...config.api.admission, concurrency: 64, maxWaitMs: 60_000 },
      faultRepair: { ...TEST_TIMINGS, repairSlaMs: LONG_MS },
      // This test's workers hold no backup tools (test/backups.test.ts runs them): a drill fails for want of them.
      backups: { ...config.api.backups, toolsTaskQueue: taskQueue },
      // Effective plans record their projects only: procurement has its own scenario.
      governance: { ...governance, procurementWorkflowType: null },
      delivery: { ...DELIVERY_TEST_TIMINGS, reportEveryMs: 1_000, reportReminderMs: LONG_MS, reportDueMs: LONG_MS, milestoneGraceMs: LONG_MS, acceptance: ACCEPTANCE_TEST_TIMINGS },
      supplierEvaluation: { ...config.api.supplierEvaluation, timings: EVALUATION_TEST_TIMINGS },
      suppliers: { ...config.api.suppliers, qualification: { reviewDueSeconds: 3600, requalifyAfterSeconds: 365 * 86_400, passMark: 60 } },
      devices: {
        ...config.api.devices,
        alarm: { acknowledgeMs: LONG_MS, arriveOnSiteDueMs: LONG_MS, findingsDueMs: LONG_MS },
        staleAfterMs: LONG_MS,
        downAfterMs: 2 * LONG_MS,
        workflowIdPrefix: prefix,
      },
      // A worker lost inside a device's step is noticed in 2 s; the devices write and reboot in seconds.
      upgrades: { ...config.api.upgrades, rebootTimeoutMs: 60_000, heartbeatWaitMs: 30_000, pollIntervalMs: 200, heartbeatTimeoutMs: 2_000 },
      // Without backup tools a plan takes no backup of Steward's data (test/device-upgrade.test.ts runs one with them).
      upgradeBacksUpSteward: false,
    },
  };
  server = await listen(ctx, 0, '127.0.0.1');
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  gateway = installDeviceGateway(ctx, new DeviceGateway(ctx, ctx.settings.devices));
  gateway.start();
  simulator = await spawnSimulator({ STEWARD_EVENTS_URL: `${baseUrl}/api/v1/device-events`, HEARTBEAT_SECONDS: '0' });
  await pointDemoDevicesAt(apiDb, simulator.url);
  worker = await startWorker();
  for (const username of USERS) people.set(username, await signIn(baseUrl, username));
});

afterAll(async () => {
  await Promise.all([...instances.keys()].map((workflowId) => client?.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await Promise.all(schedules.map((scheduleId) => client?.schedule.getHandle(scheduleId).delete().catch(() => undefined)));
  await worker?.stop();
  await simulator?.stop();
  await gateway?.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await connection?.close();
  if (apiDb) await closeDatabase(apiDb);
  await database?.drop();
});

// ---- driving the processes as their people do ----

const as = (username: string) => {
  const http = people.get(username);
  if (!http) throw new Error(`no demo user ${username}`);
  return http;
};
const usernameOf = (userId: string) => [...DEMO_USERS, ...GOVERNANCE_DEMO_USERS].find((user) => user.id === userId)!.username;

function track(workflowId: string, process: ProcessName, ending?: 'failed'): string {
  instances.set(workflowId, process);
  if (ending) endings.set(workflowId, ending);
  return workflowId;
}

/** A request that must succeed as it is: the test never sends one again. */
async function send(username: string, method: 'post' | 'put' | 'get', path: string, body?: unknown, status = method === 'post' ? 201 : 200) {
  const http = as(username);
  const response = method === 'get' ? await http.get(`${API}${path}`) : await http[method](`${API}${path}`, body);
  expect(response.status, `${username} ${method.toUpperCase()} ${path}: ${JSON.stringify(response.body)}`).toBe(status);
  return response.body;
}

/** Completes a task once, as the person: the completion must be taken the first time, whatever the worker went through. */
const complete = (username: string, taskId: string, payload: unknown) => send(username, 'post', `/tasks/${encodeURIComponent(taskId)}/complete`, { payload }, 200);

/** The open tasks of a step, once the process has written `count` of them. */
function openTasks(workflowId: string, stepId: string, count = 1) {
  return eventually(
    async () => {
      const rows = await database.db
        .select()
        .from(tasks)
        .where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open')));
      return rows.length >= count ? rows : undefined;
    },
    STEP_WAIT_MS,
    150,
  );
}
const openTask = async (workflowId: string, stepId: string) => (await openTasks(workflowId, stepId))[0];
const ownTask = (rows: Array<typeof tasks.$inferSelect>, username: string) => rows.find((row) => row.candidateUsers.includes(`u-${username}`))!;

const until = <T>(probe: () => Promise<T | undefined>) => eventually(probe, STEP_WAIT_MS, 150);
const resultOf = <T = Record<string, unknown>>(workflowId: string) => client.workflow.getHandle(workflowId).result() as Promise<T>;

/** The worklist rows of an instance per step, every one completed. */
async function expectTasks(workflowId: string, perStep: Record<string, number>) {
  const rows = await database.db.select().from(tasks).where(eq(tasks.workflowId, workflowId));
  const counted: Record<string, number> = {};
  for (const row of rows) counted[row.stepId] = (counted[row.stepId] ?? 0) + 1;
  expect(counted, `tasks of ${workflowId}`).toEqual(perStep);
  expect(rows.filter((row) => row.status !== 'completed').map((row) => row.id)).toEqual([]);
}

/** What a simulated device holds, read back over the simulator's control API. */
interface DeviceState {
  firmwareVersion: string;
  flashes: number;
  users: Array<{ employeeNo: string; pin: string | null }>;
  cards: Array<{ cardNo: string; employeeNo: string }>;
  faces: Array<{ employeeNo: string }>;
  plates: Array<{ plate: string; list: 'allow' | 'refuse' }>;
}
const deviceState = (deviceId: string) => simulator.control('GET', `/_sim/devices/${deviceId}/state`) as Promise<DeviceState>;
async function heldBy(deviceId: string, personId: string) {
  const state = await deviceState(deviceId);
  return {
    users: state.users.filter((user) => user.employeeNo === personId).length,
    pin: state.users.find((user) => user.employeeNo === personId)?.pin ?? null,
    cards: state.cards.filter((card) => card.employeeNo === personId).map((card) => card.cardNo),
    faces: state.faces.filter((face) => face.employeeNo === personId).length,
  };
}
/** Never enrolled there. */
const nothing = { users: 0, pin: null, cards: [], faces: 0 };
/** Enrolled, then every credential revoked: the person's entry stays on the door, with no way in. */
const noWayIn = { users: 1, pin: null, cards: [], faces: 0 };

async function registerResident(unitId: string, name: string): Promise<string> {
  return (await send('admin', 'post', '/access/people', { personId: randomUUID(), kind: 'resident', name, unitId })).id as string;
}

async function enrol(personId: string, credential: Record<string, unknown>) {
  const body = await send('admin', 'post', `/access/people/${personId}/credentials`, { credentialId: randomUUID(), credential });
  return { workflowId: track(body.workflowId, 'credential-enrolment'), credentialId: body.credentialId as string };
}

// ---- the scenarios: every process of workflows/processes.ts, each step acting on the process it names ----

interface Scenario extends ScenarioPlan {
  run(s: Stepper, killer: WorkerKiller): Promise<void>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'fault repair',
    steps: ['fault-repair report', 'fault-repair diagnose', 'fault-repair repair', 'fault-repair verify'],
    async run(s) {
      const reportId = randomUUID();
      const workflowId = track(`fault-repair-${reportId}`, 'fault-repair');
      const report = { reportId, occurredAt: new Date().toISOString(), location: { buildingId: 'b1', unitId: 'b1-101' }, system: 'cctv', symptoms: 'Lobby camera shows a black image' };
      await s.step('fault-repair report', () => send('owner-zhang', 'post', '/faults', report));
      const diagnosis = await openTask(workflowId, 'diagnoseFault');
      await s.step('fault-repair diagnose', () => complete('tech1', diagnosis.id, DIAGNOSIS.general));
      const repair = await openTask(workflowId, 'repairFault');
      await s.step('fault-repair repair', () => complete('tech1', repair.id, REPAIR));
      const verification = await openTask(workflowId, 'verifyRepair');
      await s.step('fault-repair verify', () => complete('owner-zhang', verification.id, { accepted: true }));
      expect(await resultOf(workflowId)).toMatchObject({ repairedBy: 'in-house', reworkCount: 0 });
      await expectTasks(workflowId, { diagnoseFault: 1, repairFault: 1, verifyRepair: 1 });
      expect(await database.db.select().from(repairRecords).where(eq(repairRecords.workflowId, workflowId))).toHaveLength(1);
    },
  },
  {
    name: 'alarm incident',
    steps: ['alarm-linkage raise', 'alarm-linkage acknowledge', 'alarm-linkage repeat', 'alarm-linkage arrive', 'alarm-linkage findings'],
    async run(s) {
      const workflowId = track(`${prefix}alarm-z-b1-lobby-fielddetection-1`, 'alarm-linkage');
      const raise = async (repeat: number) => expect((await simulator.control('POST', '/_sim/devices/cam-b1-lobby/alarm', { repeat, intervalMs: 5 })).delivered).toBe(repeat);
      // A device's event is acknowledged once stored; it is the incident's once signalled (its row then names the incident).
      const signalled = (count: number) =>
        until(async () => ((await database.db.select({ id: deviceEvents.id }).from(deviceEvents).where(eq(deviceEvents.incidentWorkflowId, workflowId))).length === count ? true : undefined));
      await s.step('alarm-linkage raise', () => raise(3));
      await signalled(3);
      const dispatch = await openTask(workflowId, 'dispatchGuard');
      const guard = usernameOf(dispatch.candidateUsers[0]);
      await s.step('alarm-linkage acknowledge', () => complete(guard, dispatch.id, { acknowledged: true }));
      // The detector goes on while the guard is on the way: these repeats join the same incident.
      await s.step('alarm-linkage repeat', () => raise(2));
      await signalled(5);
      const arrival = await openTask(workflowId, 'arriveOnSite');
      await s.step('alarm-linkage arrive', () => complete(guard, arrival.id, { onSite: true }));
      const findings = await openTask(workflowId, 'recordFindings');
      await s.step('alarm-linkage findings', () => complete(guard, findings.id, { verdict: 'false-alarm', actionsTaken: 'Checked the lobby: a cleaner at night' }));
      expect(await resultOf(workflowId)).toEqual({ verdict: 'false-alarm', repeatCount: 5, faultRepairWorkflowId: null });
      await expectTasks(workflowId, { dispatchGuard: 1, arriveOnSite: 1, recordFindings: 1 });
      const [incident] = await database.db.select().from(alarmIncidents).where(eq(alarmIncidents.workflowId, workflowId));
      expect(incident).toMatchObject({ status: 'closed', repeatCount: 5 });
      const events = await database.db.select({ sequence: deviceEvents.sequence }).from(deviceEvents).where(eq(deviceEvents.incidentWorkflowId, workflowId)).orderBy(asc(deviceEvents.sequence));
      expect(events.map((event) => event.sequence)).toEqual([1, 2, 3, 4, 5]);
    },
  },
  {
    name: 'credentials',
    steps: ['credential-enrolment card', 'credential-enrolment pin'],
    async run(s) {
      const personId = await registerResident('b2-301', '住户 吴 Resident Wu');
      const card = await s.step('credential-enrolment card', () => enrol(personId, { kind: 'card', cardNo: '30000001' }));
      expect(await resultOf(card.workflowId)).toMatchObject({ status: 'active', enrolled: ['door-b2'], failed: [] });
      const pin = await s.step('credential-enrolment pin', () => enrol(personId, { kind: 'pin', pin: '482916' }));
      expect(await resultOf(pin.workflowId)).toMatchObject({ status: 'active', enrolled: ['door-b2'], failed: [] });
      expect(await heldBy('door-b2', personId)).toEqual({ users: 1, pin: '482916', cards: ['30000001'], faces: 0 });
      expect(await heldBy('door-b1', personId)).toEqual(nothing);
      const rows = await database.db.select().from(credentials).where(eq(credentials.personId, personId));
      expect(rows.map((row) => [row.kind, row.status]).sort()).toEqual([
        ['card', 'active'],
        ['pin', 'active'],
      ]);
      const placed = await database.db.select().from(credentialDevices).where(inArray(credentialDevices.credentialId, rows.map((row) => row.id)));
      expect(placed.map((row) => [row.deviceId, row.state])).toEqual([
        ['door-b2', 'enrolled'],
        ['door-b2', 'enrolled'],
      ]);
    },
  },
  {
    name: 'moving out',
    steps: ['credential-enrolment card', 'access-revocation move out'],
    async run(s) {
      const personId = await registerResident('b1-102', '住户 郑 Resident Zheng');
      const card = await s.step('credential-enrolment card', () => enrol(personId, { kind: 'card', cardNo: '30000002' }));
      expect(await resultOf(card.workflowId)).toMatchObject({ status: 'active', enrolled: ['door-b1'] });
      expect((await heldBy('door-b1', personId)).cards).toEqual(['30000002']);
      const { workflowId } = await s.step('access-revocation move out', () => send('admin', 'post', `/access/people/${personId}/leave`, { requestId: randomUUID(), reason: 'moved-out' }));
      track(workflowId, 'access-revocation');
      expect(await resultOf(workflowId)).toMatchObject({ credentialsRevoked: 1, failed: [] });
      // Moved out: not even the person's entry stays on the door.
      expect(await heldBy('door-b1', personId)).toEqual({ ...noWayIn, users: 0 });
      expect(await database.db.select().from(accessRevocations).where(eq(accessRevocations.personId, personId))).toMatchObject([{ workflowId, credentialsRevoked: 1, devicesFailed: [] }]);
      expect((await database.db.select().from(credentials).where(eq(credentials.personId, personId))).map((row) => row.status)).toEqual(['revoked']);
      expect((await database.db.select().from(accessPeople).where(eq(accessPeople.id, personId)))[0].status).toBe('left');
    },
  },
  {
    name: 'face withdrawn',
    steps: ['credential-enrolment card', 'credential-enrolment face', 'face-deletion withdraw consent'],
    async run(s) {
      await send('owner-li', 'post', '/access/people/ap-li/consent', { method: 'self' });
      const card = await s.step('credential-enrolment card', () => enrol('ap-li', { kind: 'card', cardNo: '30000003' }));
      expect(await resultOf(card.workflowId)).toMatchObject({ status: 'active', enrolled: ['door-b1'] });
      const face = await s.step('credential-enrolment face', () => enrol('ap-li', { kind: 'face', faceImage: FACE }));
      expect(await resultOf(face.workflowId)).toMatchObject({ status: 'active', enrolled: ['door-b1'] });
      expect(await heldBy('door-b1', 'ap-li')).toMatchObject({ faces: 1, cards: ['30000003'] });
      const withdrawn = await s.step('face-deletion withdraw consent', () => send('owner-li', 'post', '/access/people/ap-li/consent/withdraw', { deletionId: randomUUID() }, 200));
      const workflowId = track(withdrawn.deletionWorkflowId, 'face-deletion');
      // Every door that takes faces is told, whether or not it held this one.
      expect(await resultOf(workflowId)).toMatchObject({ status: 'completed', deletedFrom: ['door-b1', 'door-b2'], failed: [], imagesErased: 1 });
      expect(await heldBy('door-b1', 'ap-li')).toEqual({ users: 1, pin: null, cards: ['30000003'], faces: 0 });
      expect(await heldBy('door-b2', 'ap-li')).toEqual(nothing);
      const [deletion] = await database.db.select().from(faceDeletions).where(eq(faceDeletions.workflowId, workflowId));
      expect(deletion).toMatchObject({ status: 'completed', imagesErased: 1 });
      const devices = await database.db.select().from(faceDeletionDevices).where(eq(faceDeletionDevices.deletionId, deletion.id)).orderBy(asc(faceDeletionDevices.deviceId));
      expect(devices.map((row) => [row.deviceId, row.result])).toEqual([
        ['door-b1', 'deleted'],
        ['door-b2', 'deleted'],
      ]);
    },
  },
  {
    name: 'visitor pass',
    steps: ['visitor-pass issue', 'visitor-pass while valid'],
    async run(s) {
      // Valid for 20 s from when it is issued (the step may wait for its kill first).
      const pass = await s.step('visitor-pass issue', () =>
        send('admin', 'post', '/access/visitor-passes', {
          passId: randomUUID(),
          visitorName: '访客 冯 Visitor Feng',
          hostUnitId: 'b1-101',
          validUntil: new Date(Date.now() + 20_000).toISOString(),
          credential: { kind: 'card', cardNo: '40000001' },
        }),
      );
      const workflowId = track(pass.workflowId, 'visitor-pass');
      await until(async () => ((await database.db.select().from(credentials).where(eq(credentials.id, pass.credentialId)))[0]?.status !== 'enrolling' ? true : undefined));
      // The pass's durable timer runs: the worker may die while it waits.
      await s.step('visitor-pass while valid', async () => undefined);
      expect(await resultOf(workflowId)).toMatchObject({ ended: 'expired', enrolled: ['door-b1'], revoked: ['door-b1'], failed: [] });
      const [stored] = await database.db.select().from(visitorPasses).where(eq(visitorPasses.workflowId, workflowId));
      expect(stored.status).toBe('expired');
      expect(await heldBy('door-b1', stored.personId)).toEqual(noWayIn);
      expect((await database.db.select().from(credentials).where(eq(credentials.id, pass.credentialId)))[0].status).toBe('revoked');
    },
  },
  {
    name: 'plate list',
    steps: ['plate-list allow', 'plate-list refuse'],
    async run(s) {
      const allowed = await s.step('plate-list allow', () => send('admin', 'post', '/access/plates', { plate: '粤B12345', list: 'allow' }));
      const refused = await s.step('plate-list refuse', () => send('admin', 'post', '/access/plates', { plate: '粤B54321', list: 'refuse', note: 'Blocked the fire lane' }));
      for (const { workflowId } of [allowed, refused]) expect(await resultOf(track(workflowId, 'plate-list'))).toEqual({ pushedTo: ['barrier-gate'], failed: [] });
      const plates = (await deviceState('barrier-gate')).plates.map(({ plate, list }) => [plate, list]).sort();
      expect(plates).toEqual([
        ['粤B12345', 'allow'],
        ['粤B54321', 'refuse'],
      ]);
      expect((await database.db.select().from(vehiclePlates).orderBy(asc(vehiclePlates.plate))).map((row) => [row.plate, row.syncState])).toEqual([
        ['粤B12345', 'synced'],
        ['粤B54321', 'synced'],
      ]);
    },
  },
  {
    name: 'inspection',
    steps: ['inspection run', 'inspection checklist'],
    async run(s) {
      const planId = `kill-${randomUUID().slice(0, 8)}`;
      await send('techsup', 'post', '/inspections/plans', {
        id: planId,
        title: 'Lobby camera check',
        checklist: [{ id: 'lobby-camera', text: 'Lobby camera: clear picture', system: 'cctv', deviceId: 'cam-b1-lobby' }],
        cycleSeconds: 7 * 86_400,
        dueWithinSeconds: 3_600,
        responsibleRole: 'technician',
      });
      schedules.push(inspectionScheduleId(planId));
      await s.step('inspection run', () => send('techsup', 'post', `/inspections/plans/${planId}/run`, undefined, 202));
      const workflowId = await until(async () => (await database.db.select().from(inspectionRecords).where(eq(inspectionRecords.planId, planId)))[0]?.workflowId);
      track(workflowId, 'inspection');
      const checklist = await openTask(workflowId, 'performInspection');
      await s.step('inspection checklist', () => complete('tech1', checklist.id, { 'result_lobby-camera': 'pass' }));
      expect(await resultOf(workflowId)).toEqual({ status: 'recorded', failedItems: [], faultRepairWorkflowIds: [] });
      await expectTasks(workflowId, { performInspection: 1 });
      expect((await database.db.select().from(inspectionRecords).where(eq(inspectionRecords.planId, planId))).map((row) => [row.workflowId, row.status])).toEqual([[workflowId, 'completed']]);
    },
  },
  {
    name: 'supplier qualification',
    steps: ['supplier-qualification register', 'supplier-qualification review'],
    async run(s) {
      const supplierId = `v-kill-${randomUUID().slice(0, 8)}`;
      const documents = [{ documentId: randomUUID(), kind: 'business-licence', title: 'Business licence', expiresOn: '2099-12-31' }];
      const { workflowId } = await s.step('supplier-qualification register', () => send('procure', 'post', '/suppliers', { supplierId, name: `Supplier ${supplierId}`, documents }));
      track(workflowId, 'supplier-qualification');
      const review = await openTask(workflowId, 'reviewQualification');
      await s.step('supplier-qualification review', () => complete('techsup', review.id, { qualification: 90, reputation: 80, technicalStrength: 70, afterSales: 80 }));
      expect(await resultOf(workflowId)).toMatchObject({ decision: 'qualified', total: 80 });
      await expectTasks(workflowId, { reviewQualification: 1 });
      expect(await database.db.select().from(qualificationReviews).where(eq(qualificationReviews.workflowId, workflowId))).toHaveLength(1);
      expect((await database.db.select().from(vendors).where(eq(vendors.id, supplierId)))[0].qualificationStatus).toBe('qualified');
    },
  },
  {
    name: 'registry sweep',
    steps: ['supplier-requalification sweep', 'supplier-qualification re-qualify'],
    async run(s) {
      // A due date of its own (a random past day): the sweep's child is named after it on the shared Temporal server.
      const dueAt = new Date(Date.UTC(2000, 0, 1) + Math.floor(Math.random() * 9_000) * 86_400_000);
      await database.db.update(vendors).set({ requalifyDueAt: dueAt }).where(eq(vendors.id, 'v-smart-home'));
      const sweepId = track(`supplier-requalification-kill-${randomUUID()}-sweep`, 'supplier-requalification');
      await s.step('supplier-requalification sweep', () =>
        client.workflow.start('supplierRequalification', { taskQueue, workflowId: sweepId, args: [{ reviewDueSeconds: 3600, requalifyAfterSeconds: 365 * 86_400, passMark: 60 }] }),
      );
      const childId = track(`supplier-qualification-v-smart-home-due-${dueAt.toISOString().slice(0, 10)}`, 'supplier-qualification');
      expect(await resultOf(sweepId)).toMatchObject({ started: [childId] });
      const review = await openTask(childId, 'reviewQualification');
      await s.step('supplier-qualification re-qualify', () => complete('techsup', review.id, { qualification: 80, reputation: 80, technicalStrength: 80, afterSales: 80 }));
      expect(await resultOf(childId)).toMatchObject({ decision: 'qualified' });
      expect(await database.db.select().from(qualificationReviews).where(eq(qualificationReviews.workflowId, childId))).toMatchObject([{ kind: 'requalification', vendorId: 'v-smart-home' }]);
    },
  },
  {
    name: 'procurement',
    steps: [
      'procurement start',
      'procurement bids sealed',
      'procurement panel',
      'procurement declare techsup',
      'procurement declare finance',
      'procurement declare manager',
      'procurement score techsup',
      'procurement score finance',
      'procurement score manager',
      'procurement contract',
    ],
    async run(s, killer) {
      const projectId = `kill-${randomUUID().slice(0, 8)}`;
      const { workflowId } = await s.step('procurement start', () =>
        send('procure', 'post', '/procurements', { projectId, title: 'Replace the lobby cameras', estimate: 80_000, system: 'cctv', bidWindowSeconds: 8 }),
      );
      track(workflowId, 'procurement');
      const status = async () => (await database.db.select().from(procurements).where(eq(procurements.workflowId, workflowId)))[0];
      // The bid deadline is set before the invitations go out: a worker dying inside that activity (its 30 s) would eat
      // the bid window, so no kill lands between the method and the invitations (nor is the method a step to kill in).
      let inviting = false;
      killer.holdWhile('procurement inviting', async () => inviting);
      const method = await openTask(workflowId, 'chooseMethod');
      inviting = true;
      await complete('procure', method.id, { method: 'inquiry', invitedVendorIds: [...CCTV_SUPPLIERS] });
      await until(async () => ((await status())?.bidDeadline ? true : undefined));
      inviting = false;
      const prices = [78_000, 76_000, 82_000];
      const bidIds: string[] = [];
      for (const [index, vendor] of ['vendor-anxin', 'vendor-cctv', 'vendor-huaan'].entries()) {
        const bid = { bidId: randomUUID(), priceYuan: prices[index], technicalProposal: '4 MP domes, NVR with 30 days', deliveryDate: '2027-03-01', afterSalesTerms: '3 years on site' };
        bidIds.push((await send(vendor, 'post', `/procurements/${workflowId}/bids`, bid)).bidId);
      }
      // Sealed until the deadline's durable timer fires.
      await s.step('procurement bids sealed', async () => undefined);
      const panel = await openTask(workflowId, 'appointPanel');
      await s.step('procurement panel', () => complete('procure', panel.id, { memberUserIds: PANEL.map((username) => `u-${username}`) }));
      const declarations = await openTasks(workflowId, 'declareInterests', PANEL.length);
      for (const member of PANEL) await s.step(`procurement declare ${member}`, () => complete(member, ownTask(declarations, member).id, { conflict: false }));
      const scoring = await openTasks(workflowId, 'scoreBids', PANEL.length);
      const opened = await database.db.select({ id: bids.id }).from(bids).where(eq(bids.procurementWorkflowId, workflowId));
      expect(opened.map((bid) => bid.id).sort()).toEqual([...bidIds].sort());
      // The form numbers the bids in opening order (the opening is recorded in the process's data).
      const order = ((await database.db.select().from(processInstances).where(eq(processInstances.workflowId, workflowId)))[0].data as { bids: Array<{ bidId: string }> }).bids.map((bid) => bid.bidId);
      for (const member of PANEL) await s.step(`procurement score ${member}`, () => complete(member, ownTask(scoring, member).id, scoresFor(order, order.indexOf(bidIds[1]))));
      const draft = await openTask(workflowId, 'draftContract');
      await s.step('procurement contract', () => complete('procure', draft.id, { ...CONTRACT, priceYuan: 76_000 }));
      expect(await resultOf(workflowId)).toMatchObject({ status: 'contracted', method: 'inquiry', vendorId: 'v-cctv', priceYuan: 76_000 });
      await expectTasks(workflowId, { chooseMethod: 1, appointPanel: 1, declareInterests: 3, scoreBids: 3, draftContract: 1 });
      expect((await status()).status).toBe('contracted');
      expect(await database.db.select().from(procurementContracts).where(eq(procurementContracts.procurementWorkflowId, workflowId))).toMatchObject([{ vendorId: 'v-cctv' }]);
      expect(await database.db.select().from(panelMembers).where(eq(panelMembers.procurementWorkflowId, workflowId))).toHaveLength(3);
      expect(await database.db.select().from(bidScores).where(eq(bidScores.procurementWorkflowId, workflowId))).toHaveLength(9);
    },
  },
  {
    name: 'delivery and acceptance',
    steps: [
      'project-delivery start',
      'project-delivery plan',
      'project-delivery report',
      'project-acceptance team',
      'project-acceptance check',
      'project-acceptance sign techsup',
      'project-acceptance sign guard1',
      'project-acceptance sign committee',
      'project-acceptance settle',
    ],
    async run(s) {
      const id = randomUUID().slice(0, 8);
      const request = { contractId: `contract-kill-${id}`, projectId: `project-kill-${id}`, vendorId: 'v-access-control', title: `Face gates ${id}`, deliveryDate: new Date(Date.now() + 30 * 86_400_000).toISOString() };
      const { workflowId } = await s.step('project-delivery start', () => send('techsup', 'post', '/deliveries', request));
      track(workflowId, 'project-delivery');
      const acceptanceId = track(workflowId.replace(/^project-delivery-/, 'project-acceptance-'), 'project-acceptance');
      const planning = await openTask(workflowId, 'planImplementation');
      await s.step('project-delivery plan', () => complete('techsup', planning.id, plan([86_400])));
      const report = await openTask(workflowId, 'reportProgress');
      await s.step('project-delivery report', () => complete('tech1', report.id, { summary: 'All gates live', percentComplete: 100, milestonesReached: ['Milestone 1'], deliveryComplete: true }));
      const team = await openTask(acceptanceId, 'formTeam');
      await s.step('project-acceptance team', () => complete('techsup', team.id, TEAM));
      const check = await openTask(acceptanceId, 'inspectDelivery');
      await s.step('project-acceptance check', () => complete('techsup', check.id, CHECKLIST_PASS));
      const signing = await openTasks(acceptanceId, 'signAcceptance', 3);
      for (const member of ['techsup', 'guard1', 'committee']) {
        await s.step(`project-acceptance sign ${member}`, () => complete(member, ownTask(signing, member).id, { signedAs: as(member).user.displayName }));
      }
      const settlement = await openTask(acceptanceId, 'settleWithSupplier');
      await s.step('project-acceptance settle', () => complete('finance', settlement.id, { invoiceNumber: `INV-${id}`, amount: 180_000 }));
      expect(await resultOf(workflowId)).toMatchObject({ acceptanceWorkflowId: acceptanceId, reports: 1, overdueMilestones: [] });
      expect(await resultOf(acceptanceId)).toMatchObject({ rounds: 1, settledBy: as('finance').user.displayName });
      await expectTasks(workflowId, { planImplementation: 1, reportProgress: 1 });
      await expectTasks(acceptanceId, { formTeam: 1, inspectDelivery: 1, signAcceptance: 3, settleWithSupplier: 1 });
      expect((await database.db.select().from(deliveries).where(eq(deliveries.workflowId, workflowId)))[0]).toMatchObject({ acceptanceWorkflowId: acceptanceId });
      expect(await database.db.select().from(progressReports).where(eq(progressReports.workflowId, workflowId))).toHaveLength(1);
      expect(await database.db.select().from(acceptanceReports).where(eq(acceptanceReports.workflowId, acceptanceId))).toHaveLength(1);
      expect(await database.db.select().from(acceptanceSignatures).where(eq(acceptanceSignatures.workflowId, acceptanceId))).toHaveLength(3);
    },
  },
  {
    name: 'supplier evaluation',
    steps: ['supplier-evaluation start', 'supplier-evaluation technology', 'supplier-evaluation users'],
    async run(s) {
      const { workflowId } = await s.step('supplier-evaluation start', () => send('manager', 'post', '/supplier-evaluations', { requestId: randomUUID(), vendorId: 'v-network' }));
      track(workflowId, 'supplier-evaluation');
      const technology = await openTask(workflowId, 'evaluateByTechnology');
      await s.step('supplier-evaluation technology', () => complete('tech1', technology.id, EVALUATION.good));
      const users = await openTask(workflowId, 'evaluateByUsers');
      await s.step('supplier-evaluation users', () => complete('monitor', users.id, EVALUATION.good));
      expect(await resultOf(workflowId)).toMatchObject({ result: 'good' });
      await expectTasks(workflowId, { evaluateByTechnology: 1, evaluateByUsers: 1 });
      expect(await database.db.select().from(supplierEvaluations).where(eq(supplierEvaluations.workflowId, workflowId))).toHaveLength(1);
    },
  },
  {
    name: 'annual plan',
    steps: [
      'annual-plan start',
      'annual-plan contribute security',
      'annual-plan contribute monitoring',
      'annual-plan draft',
      'annual-plan budget',
      'annual-plan approve',
      'committee-filing acknowledge',
    ],
    async run(s) {
      const year = 2031;
      const { workflowId } = await s.step('annual-plan start', () => send('manager', 'post', '/plans', { planId: randomUUID(), year }));
      track(workflowId, 'annual-plan');
      const contributions = await openTasks(workflowId, 'contributeToPlan', 2);
      const contribution = (role: string) => contributions.find((task) => task.candidateRoles.includes(role))!.id;
      await s.step('annual-plan contribute security', () => complete('guard1', contribution('guard'), CONTRIBUTION));
      await s.step('annual-plan contribute monitoring', () => complete('monitor', contribution('monitoring-operator'), { needs: 'Alarm console upgrade' }));
      // No major project: nothing for the owners to vote on (the owners' vote has its own scenario).
      const minorPlan = { ...PLAN, projects: PLAN.projects.map(({ title, priority, estimateYuan, schedule }) => ({ title, priority, estimateYuan, schedule, major: false })) };
      const draft = await openTask(workflowId, 'draftPlan');
      await s.step('annual-plan draft', () => complete('techsup', draft.id, minorPlan));
      const budget = await openTask(workflowId, 'draftBudget');
      await s.step('annual-plan budget', () => complete('finance', budget.id, BUDGET));
      const approval = await openTask(workflowId, 'approvePlan');
      await s.step('annual-plan approve', () => complete('manager', approval.id, { decision: 'approved' }));
      const filingId = track(`committee-filing-${workflowId}-1`, 'committee-filing');
      const acknowledgement = await openTask(filingId, 'acknowledgeFiling');
      await s.step('committee-filing acknowledge', () => complete('committee', acknowledgement.id, { decision: 'acknowledged' }));
      const receiptNumber = `BA-${year}-001`;
      expect(await resultOf(filingId)).toMatchObject({ status: 'acknowledged', receiptNumber });
      const outcome = await resultOf<{ receiptNumber: string; projects: Array<{ status: string }> }>(workflowId);
      expect(outcome).toMatchObject({ year, receiptNumber });
      expect(outcome.projects.map((project) => project.status)).toEqual(['ready-for-procurement', 'ready-for-procurement', 'ready-for-procurement']);
      await expectTasks(workflowId, { contributeToPlan: 2, draftPlan: 1, draftBudget: 1, approvePlan: 1 });
      await expectTasks(filingId, { acknowledgeFiling: 1 });
      expect((await database.db.select().from(annualPlans).where(eq(annualPlans.workflowId, workflowId))).map((row) => row.status)).toEqual(['effective']);
      expect((await database.db.select().from(committeeFilings).where(eq(committeeFilings.planWorkflowId, workflowId))).map((row) => [row.status, row.receiptNumber])).toEqual([['acknowledged', receiptNumber]]);
      expect(await database.db.select().from(planProjects).where(eq(planProjects.planWorkflowId, workflowId))).toHaveLength(3);
    },
  },
  {
    name: 'training cycle',
    steps: ['training-cycle start', 'training-cycle needs', 'training-cycle draft', 'training-cycle approve', 'training-cycle session', 'training-cycle exam', 'training-cycle practical'],
    async run(s) {
      const { workflowId } = await s.step('training-cycle start', () => send('hr', 'post', '/training-cycles', { cycleId: randomUUID(), year: 2032 }));
      track(workflowId, 'training-cycle');
      const needs = await openTask(workflowId, 'analyseNeeds');
      await s.step('training-cycle needs', () => complete('hr', needs.id, NEEDS));
      const draft = await openTask(workflowId, 'draftTrainingPlan');
      const plan = { objectives: ['全员通过信息安全培训'], courses: [{ ...SECURITY_COURSE, startsAt: new Date().toISOString(), attendees: ['u-tech1'] }] };
      await s.step('training-cycle draft', () => complete('hr', draft.id, plan));
      const approval = await openTask(workflowId, 'approveTrainingPlan');
      await s.step('training-cycle approve', () => complete('manager', approval.id, { decision: 'approved' }));
      const session = await openTask(workflowId, 'recordSession');
      await s.step('training-cycle session', () => complete('hr', session.id, { attendance: [{ userId: 'u-tech1', attended: true }] }));
      const exam = await openTask(workflowId, 'takeExam');
      await s.step('training-cycle exam', () => complete('tech1', exam.id, { q1: '工作需要', q2: '会' }));
      const practical = await openTask(workflowId, 'scorePractical');
      await s.step('training-cycle practical', () => complete('secsup', practical.id, { scores: [{ userId: 'u-tech1', score: 80 }] }));
      expect(await resultOf(workflowId)).toEqual({ year: 2032, courses: 1, completed: 1 });
      await expectTasks(workflowId, { analyseNeeds: 1, draftTrainingPlan: 1, approveTrainingPlan: 1, recordSession: 1, takeExam: 1, scorePractical: 1 });
      const records = await database.db.select().from(trainingRecords).where(eq(trainingRecords.workflowId, workflowId));
      expect(records.map((record) => [record.userId, record.kind, record.score]).sort()).toEqual([
        ['u-tech1', 'attendance', null],
        ['u-tech1', 'completion', null],
        ['u-tech1', 'exam', 100],
        ['u-tech1', 'practical', 80],
      ]);
    },
  },
  {
    name: "owners' vote",
    steps: ['owners-vote while voting'],
    async run(s, killer) {
      const voteId = `kill-${randomUUID().slice(0, 8)}`;
      const vote = async () => (await database.db.select().from(ownerVotes).where(eq(ownerVotes.voteId, voteId)))[0];
      // Its activities time out after 2 minutes: no kill inside one (the deadlines are the vote's own, published up front).
      let requested = false;
      const soon = (at: Date | null) => !at || at.getTime() - Date.now() < 1_500;
      killer.holdWhile("owners' vote in an activity", async () => {
        if (!requested) return false;
        const row = await vote();
        if (!row) return true;
        if (row.status === 'notice') return soon(row.opensAt);
        if (row.status === 'open') return soon(row.closesAt);
        if (row.status === 'objection-period') return soon(row.objectionEndsAt);
        return row.status === 'counting';
      });
      requested = true;
      const { workflowId } = await send('committee', 'post', '/votes', { voteId, title: 'Install EV chargers in the car park', description: 'EV chargers on level B1, as discussed', item: 9 });
      track(workflowId, 'owners-vote');
      await until(async () => ((await vote())?.status === 'open' ? true : undefined));
      for (const owner of ['owner-zhang', 'owner-li', 'committee', 'developer']) await send(owner, 'post', `/votes/${voteId}/ballots`, { choice: 'for' }, 200);
      // The ballots are in PostgreSQL; the process waits on its deadline's durable timer.
      await s.step('owners-vote while voting', async () => undefined);
      expect(await resultOf(workflowId)).toMatchObject({ voteId, outcome: 'passed', objections: 0 });
      expect((await vote()).status).toBe('final');
      expect(await database.db.select().from(ballots).where(eq(ballots.voteId, voteId))).toHaveLength(4);
    },
  },
  {
    name: 'data review',
    steps: ['data-review submit', 'data-review return', 'data-review correct', 'data-review check', 'data-review approve'],
    async run(s) {
      const changeId = randomUUID();
      const { workflowId } = await s.step('data-review submit', () => send('admin', 'post', '/data-changes', { changeId, action: 'change', unitId: 'b2-202', unit: { exclusiveArea: 150.25 } }));
      track(workflowId, 'data-review');
      const check = await openTask(workflowId, 'checkChange');
      await s.step('data-review return', () => complete('checker', check.id, { decision: 'returned', reasons: 'The deed says 150.75 m²' }));
      await openTask(workflowId, 'correctChange');
      await until(async () => ((await database.db.select().from(dataChanges).where(eq(dataChanges.id, changeId)))[0]?.status === 'returned' ? true : undefined));
      await s.step('data-review correct', () => send('admin', 'put', `/data-changes/${changeId}`, { action: 'change', unitId: 'b2-202', unit: { exclusiveArea: 150.75 } }));
      const recheck = await until(async () => (await openTasks(workflowId, 'checkChange')).find((task) => task.id !== check.id));
      await s.step('data-review check', () => complete('checker', recheck.id, { decision: 'approved' }));
      const approval = await openTask(workflowId, 'approveChange');
      await s.step('data-review approve', () => complete('manager', approval.id, { decision: 'approved' }));
      expect(await resultOf(workflowId)).toMatchObject({ status: 'applied', revision: 2 });
      await expectTasks(workflowId, { checkChange: 2, correctChange: 1, approveChange: 1 });
      expect((await database.db.select().from(units).where(eq(units.id, 'b2-202')))[0].exclusiveArea).toBe('150.75');
      const history = await database.db.select().from(dataChangeHistory).where(eq(dataChangeHistory.changeId, changeId));
      expect(history.map((entry) => [entry.outcome, entry.revision]).sort()).toEqual([
        ['applied', 2],
        ['returned', 1],
      ]);
    },
  },
  {
    name: 'device upgrade',
    steps: ['device-upgrade wave'],
    async run(s) {
      // Cameras no other scenario uses; slow to write, so the kill finds the wave at work.
      const cameras = ['cam-b2-lobby', 'cam-gate', 'cam-car-park'];
      for (const deviceId of cameras) await simulator.control('POST', `/_sim/devices/${deviceId}/firmware-faults`, { flashMs: 5_000, rebootMs: 600 });
      expect((await readDeviceFirmware(database.db, { deviceIds: cameras })).unread).toEqual([]);
      const before = new Map(await Promise.all(cameras.map(async (deviceId) => [deviceId, (await deviceState(deviceId)).flashes] as const)));
      const camera = await registerFirmware(as('vendor-cctv'), firmwareRelease('V5.8.0', ['camera']));
      const plan = upgradePlan({ title: 'Cameras V5.8.0', targets: [{ model: reportedModel('camera'), releaseId: camera.id }], deviceIds: cameras, canaryDeviceId: 'cam-b2-lobby', waveSize: 2 });
      const workflowId = track((await send('techsup', 'post', '/upgrade-plans', plan)).workflowId, 'device-upgrade');
      await complete('techsup', (await openTask(workflowId, 'reviewPlan')).id, { decision: 'approved' });
      // Sent, not seen writing: a kill earlier in the wave can leave a device written and rebooted before the new
      // worker's first look, so its writing is never seen.
      const wave = async () => (await database.db.select().from(upgradeDevices).where(and(eq(upgradeDevices.planId, plan.planId), eq(upgradeDevices.wave, 1)))).filter((row) => row.uploadSentAt);
      await until(async () => ((await wave()).length === 2 ? true : undefined));
      // The wave's devices write their images: the worker may die now.
      await s.step('device-upgrade wave', async () => undefined);
      expect(await resultOf(workflowId)).toMatchObject({ status: 'completed', upgraded: 3, failedDevices: [] });
      for (const deviceId of cameras) expect(await deviceState(deviceId), deviceId).toMatchObject({ firmwareVersion: 'V5.8.0', flashes: before.get(deviceId)! + 1 });
      await expectTasks(workflowId, { reviewPlan: 1 });
    },
  },
  {
    name: 'access anomaly',
    steps: ['access-anomaly read off shift', 'access-anomaly review'],
    async run(s) {
      await s.step('access-anomaly read off shift', () => send('hr', 'get', '/access/people/ap-tech1'));
      const workflowId = await until(async () => (await database.db.select().from(accessAlerts).where(eq(accessAlerts.actorId, 'u-hr')))[0]?.workflowId);
      track(workflowId, 'access-anomaly');
      const review = await openTask(workflowId, 'reviewAnomaly');
      await s.step('access-anomaly review', () => complete('secsup', review.id, { finding: 'legitimate', note: 'HR checked a leaver’s record' }));
      expect(await resultOf(workflowId)).toMatchObject({ finding: 'legitimate', reviewedBy: as('secsup').user.displayName });
      await expectTasks(workflowId, { reviewAnomaly: 1 });
      expect((await database.db.select().from(accessAlerts).where(eq(accessAlerts.actorId, 'u-hr'))).map((row) => [row.rule, row.finding])).toEqual([['off-shift', 'legitimate']]);
    },
  },
  {
    name: 'owner feedback',
    steps: ['owner-feedback submit', 'owner-feedback reply', 'owner-feedback reopen', 'owner-feedback follow up', 'owner-feedback confirm'],
    async run(s) {
      const feedbackId = randomUUID();
      const workflowId = track(`owner-feedback-${feedbackId}`, 'owner-feedback');
      await s.step('owner-feedback submit', () =>
        send('owner-zhang', 'post', '/owner-feedback', { feedbackId, category: 'complaint', text: '电梯间夜里灯一直不亮', place: { buildingId: 'b1', unitId: 'b1-102' } }),
      );
      // Nobody is in customer service here: the supervisors reply.
      const reply = await openTask(workflowId, 'firstReply');
      await s.step('owner-feedback reply', () => complete('secsup', reply.id, { reply: '已安排电工更换灯具', resolved: true }));
      const reopen = await openTask(workflowId, 'confirmResolution');
      await s.step('owner-feedback reopen', () => complete('owner-zhang', reopen.id, { confirmed: false, comment: '还是一闪一闪的' }));
      const followUp = await openTask(workflowId, 'followUp');
      await s.step('owner-feedback follow up', () => complete('techsup', followUp.id, { reply: '已更换镇流器', resolved: true }));
      const confirmation = await until(async () => (await openTasks(workflowId, 'confirmResolution')).find((task) => task.id !== reopen.id));
      await s.step('owner-feedback confirm', () => complete('owner-zhang', confirmation.id, { confirmed: true, rating: 5 }));
      expect(await resultOf(workflowId)).toMatchObject({ resolution: 'confirmed', rating: 5, reopenCount: 1 });
      await expectTasks(workflowId, { firstReply: 1, confirmResolution: 2, followUp: 1 });
      expect((await database.db.select().from(ownerFeedback).where(eq(ownerFeedback.workflowId, workflowId))).map((row) => [row.resolution, row.rating])).toEqual([['confirmed', 5]]);
      const thread = await database.db.select().from(ownerFeedbackMessages).where(eq(ownerFeedbackMessages.workflowId, workflowId)).orderBy(asc(ownerFeedbackMessages.at));
      expect(thread.map((message) => message.kind)).toEqual(['reply', 'reopened', 'reply', 'confirmed']);
    },
  },
  {
    name: 'announcement',
    steps: ['announcement draft', 'announcement return', 'announcement correct', 'announcement approve', 'announcement read'],
    async run(s) {
      const announcementId = randomUUID();
      const workflowId = track(`announcement-${announcementId}`, 'announcement');
      await s.step('announcement draft', () =>
        send('admin', 'post', '/announcements', { announcementId, title: '1号楼停水通知', body: '明日 9:00–12:00 停水，请提前储水。', audience: 'building', buildingId: 'b1' }),
      );
      const approval = await openTask(workflowId, 'approveAnnouncement');
      await s.step('announcement return', () => complete('manager', approval.id, { decision: 'returned', reasons: '请写明联系电话' }));
      const correction = await openTask(workflowId, 'correctAnnouncement');
      await s.step('announcement correct', () => complete('admin', correction.id, { title: '1号楼停水通知', body: '明日 9:00–12:00 停水。咨询电话 8888-0000。', pinned: true }));
      const second = await until(async () => (await openTasks(workflowId, 'approveAnnouncement')).find((task) => task.id !== approval.id));
      await s.step('announcement approve', () => complete('manager', second.id, { decision: 'approved' }));
      expect(await resultOf(workflowId)).toMatchObject({ status: 'published', returns: 1, audienceSize: 6 });
      await s.step('announcement read', () => send('owner-zhang', 'post', `/announcements/${encodeURIComponent(workflowId)}/read`, undefined, 200));
      await expectTasks(workflowId, { approveAnnouncement: 2, correctAnnouncement: 1 });
      expect((await database.db.select().from(announcements).where(eq(announcements.workflowId, workflowId))).map((row) => [row.pinned, row.audienceSize])).toEqual([[true, 6]]);
      expect(await database.db.select().from(announcementReads).where(eq(announcementReads.announcementId, workflowId))).toHaveLength(1);
    },
  },
  {
    name: 'backup',
    steps: ['backup drill'],
    async run(s) {
      // The tech supervisor asks for a drill; with no backup tools on these workers it fails, and its fault repair
      // opens once however the kill lands.
      const { workflowId } = await s.step('backup drill', () => send('techsup', 'post', '/backups', { kind: 'drill', requestId: randomUUID() }, 202));
      track(workflowId, 'backup', 'failed');
      const outcome = await resultOf<BackupOutcome>(workflowId);
      expect(outcome).toMatchObject({ kind: 'drill', status: 'failed', faultRepairWorkflowId: backupFaultRepairId(workflowId) });
      expect(outcome.problems).toEqual([expect.stringContaining('no backup configuration')]);
      const repairTasks = await until(async () => {
        const rows = await database.db.select().from(tasks).where(eq(tasks.workflowId, outcome.faultRepairWorkflowId!));
        return rows.length ? rows : undefined;
      });
      expect(repairTasks.map((task) => task.stepId)).toEqual(['diagnoseFault']);
      await client.workflow.getHandle(outcome.faultRepairWorkflowId!).terminate('the drill’s repair is not this test’s');
    },
  },
  {
    name: 'replay audit',
    steps: ['replay-audit start'],
    async run(s, killer) {
      const workflowId = track(`replay-audit-kill-${randomUUID()}`, 'replay-audit');
      // Its replay heartbeats with a 5-minute timeout: no kill while it runs.
      let running = false;
      killer.holdWhile('replay audit replaying', async () => running);
      // Started while the worker is dead, when it is the kill's step: the new worker takes it from its first task.
      await s.step('replay-audit start', async () => {
        running = true;
        await client.workflow.start('replayAudit', { taskQueue, workflowId, args: [{ lookbackMs: 600_000, reviewDueMs: LONG_MS }] });
      }, { whileDown: true });
      const outcome = await resultOf<{ replayed: number; divergenceCount: number; review: unknown }>(workflowId);
      running = false;
      // The histories of the processes that moved so far, kills and all, replay against the code.
      expect(outcome).toMatchObject({ divergenceCount: 0, review: null });
      expect(outcome.replayed).toBeGreaterThan(0);
    },
  },
];

describe('the worker killed in the middle of every process', () => {
  it('a task completed right after a restart is taken although the process is still catching up (UnknownTask)', async () => {
    // The fault repair's diagnosis is completed; its workflow task writes the repair's worklist row, then stops at
    // the next step event (a row of the same key held by an open transaction) and the worker is killed right there:
    // the row is open, but the process's history never recorded the repair task. The new worker replays to it only
    // after the completion arrives: the API must wait for it instead of answering 404.
    const reportId = randomUUID();
    const workflowId = track(`fault-repair-${reportId}`, 'fault-repair');
    await send('owner-zhang', 'post', '/faults', { reportId, occurredAt: new Date().toISOString(), location: { buildingId: 'b1', unitId: 'b1-102' }, system: 'cctv', symptoms: 'Gate camera flickers' });
    const diagnosis = await openTask(workflowId, 'diagnoseFault');
    const entered = await until(async () => (await database.db.select().from(stepEvents).where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.stepId, 'diagnoseFault'))))[0]);
    const blocker = postgres(database.url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const holding = blocker
      .begin(async (tx) => {
        await tx`insert into step_events (workflow_id, seq, step_id, event, visit, at) values (${workflowId}, ${entered.seq + 2}, 'held', 'entered', 1, now())`;
        await released;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    try {
      const diagnosed = complete('tech1', diagnosis.id, DIAGNOSIS.general);
      const repair = await openTask(workflowId, 'repairFault');
      await worker.kill();
      release();
      await holding;
      worker = await startWorker();
      const started = Date.now();
      await complete('tech1', repair.id, REPAIR);
      console.log(`[worker-kill] the repair's completion right after the restart took ${Date.now() - started} ms`);
      await diagnosed;
    } finally {
      release();
      await holding;
      await blocker.end();
    }
    // The worker died inside the workflow task that opened the repair (it timed out), after the repair's row was written.
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    expect((history.events ?? []).filter((event) => event.workflowTaskTimedOutEventAttributes).length).toBeGreaterThan(0);
    const held = await database.db.select().from(stepEvents).where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.seq, entered.seq + 2)));
    expect(held.map((event) => [event.stepId, event.event])).toEqual([['repairFault', 'entered']]);
    await complete('owner-zhang', (await openTask(workflowId, 'verifyRepair')).id, { accepted: true });
    expect(await resultOf(workflowId)).toMatchObject({ repairedBy: 'in-house', reworkCount: 0 });
    await expectTasks(workflowId, { diagnoseFault: 1, repairFault: 1, verifyRepair: 1 });
    expect(await database.db.select().from(repairRecords).where(eq(repairRecords.workflowId, workflowId))).toHaveLength(1);
  }, 120_000);

  it('every process completes, each record and device command exactly once', async () => {
    // Every process of the registry is driven by a scenario: a new process cannot be left out.
    const covered = new Set(SCENARIOS.flatMap((scenario) => scenario.steps.map(processOfStep)));
    expect(PROCESSES.map((definition) => definition.name).filter((name) => !covered.has(name))).toEqual([]);
    expect([...covered].filter((name) => !PROCESSES.some((definition) => definition.name === name))).toEqual([]);

    const seed = MACHINE.test.workerKillSeed ?? Math.floor(Math.random() * 2 ** 31);
    console.log(`[worker-kill] seed ${seed} (TEST_WORKER_KILL_SEED=${seed} runs these kills again)`);
    const random = seededRandom(seed);
    const { kills, count } = chooseKillSteps(SCENARIOS, random, KILLS);
    const expected = Array.from({ length: count }, (_, kill) => kills.reduce((sum, chosen) => sum + [...chosen.values()].filter((each) => each === kill).length, 0));
    const killer = new WorkerKiller(worker, startWorker, random, expected);
    const began = Date.now();
    const steppers = SCENARIOS.map((scenario, index) => new Stepper(scenario, kills[index], killer));
    const running = SCENARIOS.map((scenario, index) =>
      scenario.run(steppers[index], killer).catch((error: unknown) => {
        console.error(`[worker-kill] ${scenario.name} failed`, error);
        killer.abort(error);
        throw new Error(`${scenario.name}: ${(error as Error).message}`, { cause: error });
      }),
    );
    const killing = killer.run().finally(() => (worker = killer.current));
    const outcomes = await Promise.allSettled([...running, killing]);
    worker = killer.current;
    for (const record of killer.log) console.log(`[worker-kill] kill ${record.kill + 1} at ${record.at} ms (+${record.delayMs} ms, new worker in ${record.restartMs} ms): ${record.steps.join('; ')}`);
    console.log(`[worker-kill] ${SCENARIOS.length} scenarios, ${instances.size} processes, ${killer.log.length} kills in ${Date.now() - began} ms`);
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    expect(failures.map((failure) => failure.message)).toEqual([]);
    expect(killer.log).toHaveLength(count);
    expect(SCENARIOS.filter((_, index) => !steppers[index].finished).map((scenario) => scenario.name)).toEqual([]);

    // Every instance completed, in Temporal and in its projection; its step events each once, in order.
    const driven = [...instances.keys()];
    const rows = await database.db.select().from(processInstances).where(inArray(processInstances.workflowId, driven));
    expect(rows.map((row) => [row.workflowId, row.process, row.status]).sort()).toEqual(driven.map((workflowId) => [workflowId, instances.get(workflowId), endings.get(workflowId) ?? 'completed']).sort());
    expect(PROCESSES.map((definition) => definition.name).filter((name) => !rows.some((row) => row.process === name))).toEqual([]);
    for (const workflowId of driven) expect((await client.workflow.getHandle(workflowId).describe()).status.name, workflowId).toBe('COMPLETED');
    const sequences = await database.db
      .select({ workflowId: stepEvents.workflowId, seqs: sql<number[]>`array_agg(${stepEvents.seq} order by ${stepEvents.seq})` })
      .from(stepEvents)
      .where(inArray(stepEvents.workflowId, driven))
      .groupBy(stepEvents.workflowId);
    for (const { workflowId, seqs } of sequences) {
      expect(seqs, workflowId).toEqual(seqs.map((_, index) => index + 1));
      expect(rows.find((row) => row.workflowId === workflowId)?.lastSeq, workflowId).toBe(seqs.length);
    }
    expect(await database.db.select({ id: tasks.id }).from(tasks).where(and(inArray(tasks.workflowId, driven), eq(tasks.status, 'open')))).toEqual([]);
  }, ALL_SCENARIOS_MS);
});
