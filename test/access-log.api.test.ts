/**
 * The access log of personal data (P5.3c): reads append chained rows in the same request, the log
 * refuses changes, `verify` names the first row changed behind the trigger's back, and the anomaly
 * rules start one review process per user, rule and window.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../config';
import { listen } from '../api/server';
import { accessAlerts, accessLog, processInstances, tasks } from '../db/schema';
import { faultInput } from './support/fault-scenarios';
import { signIn, type HttpResponse } from './support/http-client';
import { withDatabase } from './support/global-setup';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

let stack: ApiTestStack;
/** The API with the rules tightened: more than 3 people within an hour; every hour is a shift. */
let baseUrl: string;
/** The API with a staff shift that is hours away from now, so every staff read is off shift. */
let offShiftUrl: string;
const servers: Server[] = [];
/** Superuser connection to the test's database: what an attacker with the server's keys holds. */
let superuser: postgres.Sql;
/** The test database, for the verify command line. */
let databaseUrl: string;

async function listenWith(env: NodeJS.ProcessEnv): Promise<string> {
  const server = await listen({ ...stack.ctx, settings: { ...stack.ctx.settings, accessLog: loadConfig(env).api.accessLog } }, 0, '127.0.0.1');
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

/** A two-hour shift starting two hours from now in the community's time zone. */
function shiftAwayFromNow(): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const now = Number(parts.find((part) => part.type === 'hour')!.value) * 60 + Number(parts.find((part) => part.type === 'minute')!.value);
  const hhmm = (minute: number) => `${String(Math.floor((minute % 1440) / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${hhmm(now + 120)}-${hhmm(now + 240)}`;
}

beforeAll(async () => {
  stack = await startApiTestStack();
  baseUrl = await listenWith({ ACCESS_ANOMALY_PEOPLE_LIMIT: '3', ACCESS_ANOMALY_PEOPLE_WINDOW_MINUTES: '60', ACCESS_STAFF_HOURS: '00:00-24:00' });
  offShiftUrl = await listenWith({ ACCESS_STAFF_HOURS: shiftAwayFromNow(), ACCESS_ROLE_HOURS: '' });
  const [{ name }] = await stack.db.$client<Array<{ name: string }>>`select current_database() as name`;
  databaseUrl = withDatabase(inject('postgresAdminUrl'), name);
  superuser = postgres(databaseUrl, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await superuser?.end();
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  if (stack) {
    const alerts = await stack.db.select({ workflowId: accessAlerts.workflowId }).from(accessAlerts);
    await Promise.all(alerts.map(({ workflowId }) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  }
  await stack?.stop();
});

const rowsOf = (actorId: string) => stack.db.select().from(accessLog).where(eq(accessLog.actorId, actorId)).orderBy(desc(accessLog.id));
const alertsOf = (actorId: string) => stack.db.select().from(accessAlerts).where(eq(accessAlerts.actorId, actorId));

function expectProblem(response: HttpResponse, status: number, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toMatch(/^application\/problem\+json\b/);
  if (field) expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toContain(field);
}

/** The database's refusal, as PostgreSQL raised it. */
async function refusal(statement: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await statement;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the statement was not refused');
}

describe('reads of personal data', () => {
  it('a guard reading a person adds one row naming the person, the guard, the role, the route and the address', async () => {
    const guard = await signIn(baseUrl, 'guard1');
    const auditor = await signIn(baseUrl, 'auditor');
    const before = await rowsOf('u-guard1');

    const read = await guard.get(`${API}/access/people/ap-li`);
    expect(read.status).toBe(200);
    const after = await rowsOf('u-guard1');
    expect(after).toHaveLength(before.length + 1);

    const logged = await auditor.get(`${API}/access-log?actor=u-guard1&subject=ap-li`);
    expect(logged.status).toBe(200);
    expect(logged.body.items[0]).toMatchObject({
      id: after[0].id,
      actorId: 'u-guard1',
      actorRoles: ['guard'],
      kind: 'person-record',
      scope: 'record',
      recordIds: ['ap-li'],
      subjectIds: ['ap-li'],
      route: 'GET /api/v1/access/people/:personId',
    });
    expect(logged.body.items[0].actorName).toContain('Sun Qiang');
    expect(logged.body.items[0].ip).toMatch(/127\.0\.0\.1$/);
    expect(logged.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.now() - Date.parse(logged.body.items[0].at)).toBeLessThan(60_000);
  });

  it('a list read names everyone listed; a refused or missing read is not logged', async () => {
    const guard = await signIn(baseUrl, 'guard1');
    const owner = await signIn(baseUrl, 'owner-li');
    const count = (await rowsOf('u-guard1')).length;

    expect((await guard.get(`${API}/access/people/ap-nobody`)).status).toBe(404);
    expect((await owner.get(`${API}/access/people/ap-zhang`)).status).toBe(403);
    expect(await rowsOf('u-guard1')).toHaveLength(count);
    expect(await rowsOf('u-owner-li')).toHaveLength(0);

    const list = await guard.get(`${API}/access/people`);
    expect(list.status).toBe(200);
    const [row] = await rowsOf('u-guard1');
    expect(row).toMatchObject({ kind: 'person-record', scope: 'list', route: 'GET /api/v1/access/people' });
    expect(row.subjectIds.sort()).toEqual(list.body.items.map((person: { id: string }) => person.id).sort());

    expect((await owner.get(`${API}/access/people/ap-li`)).status).toBe(200);
    const [own] = await rowsOf('u-owner-li');
    expect(own).toMatchObject({ actorRoles: ['owner'], kind: 'person-record', subjectIds: ['ap-li'] });
  });

  it('a read that cannot be logged is not served, for JSON and for downloads', async () => {
    const guard = await signIn(baseUrl, 'guard1');
    const auditor = await signIn(baseUrl, 'auditor');
    const fault = await stack.client.workflow.start('faultRepair', { taskQueue: stack.taskQueue, workflowId: `fault-repair-access-log-${Date.now()}`, args: [faultInput()] });
    try {
      await eventually(async () => ((await auditor.raw(`${API}/processes/${fault.workflowId}/history`)).status === 200 ? true : undefined));
      await superuser.unsafe('alter table access_log add constraint access_log_test_refuses check (false) not valid');
      try {
        const person = await guard.get(`${API}/access/people/ap-li`);
        expectProblem(person, 500);
        expect(JSON.stringify(person.body)).not.toContain('Li Na');

        const history = await auditor.raw(`${API}/processes/${fault.workflowId}/history`);
        expect(history.status).toBe(500);
        expect(history.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(history.headers.get('content-disposition')).toBeNull();
        expect(await history.text()).not.toContain('workflowExecutionStartedEventAttributes');
      } finally {
        await superuser.unsafe('alter table access_log drop constraint access_log_test_refuses');
      }
      const served = await auditor.raw(`${API}/processes/${fault.workflowId}/history`);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-disposition')).toContain('attachment');
      const [row] = await rowsOf('u-auditor');
      expect(row).toMatchObject({ kind: 'process-history', scope: 'export', recordIds: [fault.workflowId], route: 'GET /api/v1/processes/:workflowId/history' });
    } finally {
      await fault.terminate('test done');
    }
  });
});

describe('the log is append-only and hash-chained', () => {
  it("refuses UPDATE, DELETE and TRUNCATE on the application's connection", async () => {
    const guard = await signIn(baseUrl, 'guard1');
    expect((await guard.get(`${API}/access/people/ap-zhang`)).status).toBe(200);
    const [row] = await rowsOf('u-guard1');
    const app = stack.db.$client;

    for (const [statement, operation] of [
      [app`update access_log set ip = '203.0.113.9' where id = ${row.id}`, 'UPDATE'],
      [app`delete from access_log where id = ${row.id}`, 'DELETE'],
      [app`truncate access_log`, 'TRUNCATE'],
    ] as const) {
      const error = await refusal(statement);
      expect(error.code).toBe('P0001');
      expect(error.message).toBe(`access_log is append-only: ${operation} refused`);
    }
    const [unchanged] = await stack.db.select().from(accessLog).where(eq(accessLog.id, row.id));
    expect(unchanged).toEqual(row);

    // Nor can a writer pick its own place in the chain.
    const forged = await refusal(app`insert into access_log (id, actor_id, actor_roles, kind, scope, record_ids, subject_ids, route, prev_hash, hash)
      values (${row.id - 1}, 'u-guard1', '{guard}', 'person-record', 'record', '{ap-li}', '{ap-li}', 'GET /forged', '', '')`);
    expect(forged.message).toMatch(/^access_log ids only grow/);
  });

  it('verify names the first row a superuser changed or removed behind the trigger, in the API and the CLI', async () => {
    const guard = await signIn(baseUrl, 'guard2');
    const auditor = await signIn(baseUrl, 'auditor');
    for (const personId of ['ap-zhang', 'ap-li', 'ap-wang']) expect((await guard.get(`${API}/access/people/${personId}`)).status).toBe(200);
    const [third, second] = await rowsOf('u-guard2');
    const cli = () =>
      promisify(execFile)('npx', ['tsx', 'scripts/access-log-verify.ts'], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: databaseUrl } }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );

    const intact = await auditor.get(`${API}/access-log/verify`);
    expect(intact.status).toBe(200);
    const [{ total }] = await stack.db.select({ total: sql<number>`count(*)::int` }).from(accessLog);
    expect(intact.body).toMatchObject({ intact: true, rows: total, firstBroken: null });

    const asSuperuser = (statement: string) =>
      superuser.begin(async (tx) => {
        await tx.unsafe('set local session_replication_role = replica');
        await tx.unsafe(statement);
      });

    await asSuperuser(`update access_log set subject_ids = '{ap-tech1}' where id = ${second.id}`);
    const changed = await auditor.get(`${API}/access-log/verify`);
    expect(changed.body).toMatchObject({ intact: false, firstBroken: { id: second.id, reason: 'content' } });
    const changedCli = await cli();
    expect(changedCli.code).toBe(1);
    expect(changedCli.stdout).toContain(`BROKEN at row ${second.id}: its hash does not match its content`);

    await asSuperuser(`update access_log set subject_ids = '{ap-li}' where id = ${second.id}`);
    expect((await auditor.get(`${API}/access-log/verify`)).body).toMatchObject({ intact: true, firstBroken: null });

    await asSuperuser(`create table access_log_removed as select * from access_log where id = ${second.id}; delete from access_log where id = ${second.id}`);
    const removed = await auditor.get(`${API}/access-log/verify`);
    expect(removed.body).toMatchObject({ intact: false, rows: total - 1, firstBroken: { id: third.id, reason: 'link' } });

    await asSuperuser('insert into access_log select * from access_log_removed; drop table access_log_removed');
    const restored = await cli();
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`access log intact: ${total} rows`);
  });

  it('only auditors and admins read the log; bad filters are 400 naming the field', async () => {
    const guard = await signIn(baseUrl, 'guard1');
    const auditor = await signIn(baseUrl, 'auditor');
    expectProblem(await guard.get(`${API}/access-log`), 403);
    expectProblem(await guard.get(`${API}/access-log/verify`), 403);
    expectProblem(await auditor.get(`${API}/access-log?from=yesterday`), 400, 'query.from');
    expectProblem(await auditor.get(`${API}/access-log?cursor=abc`), 400, 'query.cursor');
    expectProblem(await auditor.get(`${API}/access-log?from=2027-01-02T00:00:00Z&to=2027-01-01T00:00:00Z`), 400, 'query.to');
    expectProblem(await auditor.get(`${API}/access-log?kind=diary`), 400, 'query.kind');

    const first = await auditor.get(`${API}/access-log?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const next = await auditor.get(`${API}/access-log?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0].id).toBeLessThan(first.body.items[1].id);
    const window = await auditor.get(`${API}/access-log?actor=u-guard1&from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`);
    expect(window.body.items.length).toBeGreaterThan(0);
    expect(window.body.items.every((item: { actorId: string }) => item.actorId === 'u-guard1')).toBe(true);
  });
});

describe('anomaly rules', () => {
  it('reading more than N people within the window starts one review for the security supervisor; more reads start no other', async () => {
    const hr = await signIn(baseUrl, 'hr');
    const secsup = await signIn(baseUrl, 'secsup');
    const auditor = await signIn(baseUrl, 'auditor');
    for (const personId of ['ap-zhang', 'ap-li', 'ap-wang', 'ap-li']) expect((await hr.get(`${API}/access/people/${personId}`)).status).toBe(200);
    expect(await alertsOf('u-hr')).toEqual([]);

    // The fourth distinct person passes the limit of three; the alert is raised before the answer.
    expect((await hr.get(`${API}/access/people/ap-tech1`)).status).toBe(200);
    const [alert] = await alertsOf('u-hr');
    expect(alert).toMatchObject({ rule: 'many-people', observed: 4, threshold: 3, started: true, finding: null });
    const task = await eventually(async () => {
      const [open] = await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, alert.workflowId), eq(tasks.status, 'open')));
      return open;
    });
    expect(task).toMatchObject({ process: 'access-anomaly', stepId: 'reviewAnomaly', candidateRoles: ['security-supervisor'] });
    expect(task.context).toMatchObject({ rule: 'many-people', userId: 'u-hr', observed: 4, threshold: 3 });

    for (const personId of ['ap-guard1', 'ap-zhang', 'ap-tech1']) expect((await hr.get(`${API}/access/people/${personId}`)).status).toBe(200);
    expect(await alertsOf('u-hr')).toHaveLength(1);
    const anomalies = async () => {
      const found: string[] = [];
      for await (const execution of stack.client.workflow.list({ query: `WorkflowType = 'accessAnomaly' AND TaskQueue = '${stack.taskQueue}'` })) found.push(execution.workflowId);
      return found;
    };
    expect(await eventually(async () => ((await anomalies()).length > 0 ? anomalies() : undefined))).toEqual([alert.workflowId]);
    const reviews = await stack.db.select().from(tasks).where(and(eq(tasks.process, 'access-anomaly'), sql`${tasks.context}->>'userId' = 'u-hr'`));
    expect(reviews.map((review) => review.id)).toEqual([task.id]);

    // The supervisor finds it in the worklist; opening it is itself a logged read of hr's record.
    const worklist = await secsup.get(`${API}/tasks`);
    expect(worklist.body.items.map((item: { id: string }) => item.id)).toContain(task.id);
    expect((await secsup.get(`${API}/tasks/${task.id}`)).status).toBe(200);
    const [opened] = await rowsOf('u-secsup');
    expect(opened).toMatchObject({ kind: 'task-context', scope: 'record', recordIds: [task.id], subjectIds: ['u-hr'] });

    expectProblem(await secsup.post(`${API}/tasks/${task.id}/complete`, { payload: { finding: 'misuse' } }), 422, 'payload.note');
    const done = await secsup.post(`${API}/tasks/${task.id}/complete`, { payload: { finding: 'legitimate', note: 'Annual staff records check' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await stack.client.workflow.getHandle(alert.workflowId).result();
    const listed = await auditor.get(`${API}/access-log/alerts`);
    expect(listed.body.items.find((item: { id: string }) => item.id === alert.id)).toMatchObject({ rule: 'many-people', actorId: 'u-hr', finding: 'legitimate', note: 'Annual staff records check' });
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, alert.workflowId));
    expect(instance).toMatchObject({ process: 'access-anomaly', status: 'completed' });
  });

  it('a staff read outside the shift raises one off-shift alert per window; an owner reading their own record raises none', async () => {
    const admin = await signIn(offShiftUrl, 'admin');
    const owner = await signIn(offShiftUrl, 'owner-zhang');
    expect((await admin.get(`${API}/access/people/ap-zhang`)).status).toBe(200);
    expect(await alertsOf('u-admin')).toMatchObject([{ rule: 'off-shift', started: true }]);
    expect((await admin.get(`${API}/access/people/ap-li`)).status).toBe(200);
    expect(await alertsOf('u-admin')).toHaveLength(1);

    expect((await owner.get(`${API}/access/people/ap-zhang`)).status).toBe(200);
    expect(await rowsOf('u-owner-zhang')).toMatchObject([{ kind: 'person-record', subjectIds: ['ap-zhang'] }]);
    expect(await alertsOf('u-owner-zhang')).toEqual([]);
  });
});
