/**
 * A 10,000-owner vote: ballots cast over the API at a fixed rate (open loop), the cast → participation
 * figure latency, and the final tally time.
 *
 *   npm run bench:vote
 *
 * Env: BENCH_OWNERS (voters on the roll, default 10000), BENCH_RATE (ballots per second, default 50), BENCH_SOCKETS
 * (the sender's connection pool, default 256),
 * BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL; the bench makes a database of its own on it).
 *
 * The roll: 80 % owners of one unit, 10 % owners of two units, 10 % co-owned units (two owners, one ballot),
 * and the developer with 300 unsold units (one voter). Every voter casts once, a 75/20/5 for/against/abstain mix.
 *
 * Targets: cast → participation figure p99 ≤ 300 ms at 50 ballots/s; final tally ≤ 1 s.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { and, eq } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createOwnersVoteActivities } from '../activities/owners-vote';
import type { ApiContext } from '../api/context';
import { listen } from '../api/server';
import type { Database } from '../db/client';
import { owners, ownerVotes, sessions, stepEvents, unitOwners, units, users } from '../db/schema';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { createStewardWorker } from '../worker/worker';
import { decideVote } from '../workflows/owners-vote/tally';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, sleep, STEWARD_DEFAULTS, summarize, TEMPORAL_CLI } from './lib/common';
import { startDemoDatabase } from './lib/demo-database';
import { baseUrlOf, signIn } from './lib/open-loop';

const OWNERS = envNumber('BENCH_OWNERS', 10_000);
const RATE = envNumber('BENCH_RATE', 50);
/** The sender's connection pool (BENCH_SOCKETS). */
const MAX_SOCKETS = envNumber('BENCH_SOCKETS', 256);
const TARGET_P99_MS = 300;
const TARGET_TALLY_MS = 1_000;
const CHUNK = 2_000;

interface Voter {
  castingOwnerId: string;
  userId: string;
  cookie: string;
}

/** Owners, units and one signed-in user per voter, written in bulk; sessions are inserted directly (no password hashing). */
async function loadCommunity(db: Database): Promise<Voter[]> {
  const ownerRows: Array<typeof owners.$inferInsert> = [{ id: 'bo-developer', name: 'Bench developer', kind: 'developer' }];
  const unitRows: Array<typeof units.$inferInsert> = [];
  const links: Array<typeof unitOwners.$inferInsert> = [];
  const voters: Voter[] = [];
  const unit = (id: string, index: number) => unitRows.push({ id, buildingId: 'b1', number: id, exclusiveArea: (60 + (index % 90) + (index % 7) * 0.25).toFixed(2) });
  for (let i = 0; i < OWNERS - 1; i++) {
    const ownerId = `bo-${i}`;
    ownerRows.push({ id: ownerId, name: `Bench owner ${i}` });
    unit(`bu-${i}`, i);
    links.push({ unitId: `bu-${i}`, ownerId });
    if (i % 10 === 1) {
      unit(`bu-${i}-b`, i + 3);
      links.push({ unitId: `bu-${i}-b`, ownerId });
    }
    if (i % 10 === 2) {
      ownerRows.push({ id: `${ownerId}-co`, name: `Bench co-owner ${i}` });
      links.push({ unitId: `bu-${i}`, ownerId: `${ownerId}-co` });
    }
    voters.push({ castingOwnerId: ownerId, userId: `bu-user-${i}`, cookie: '' });
  }
  for (let d = 0; d < 300; d++) {
    unit(`bu-dev-${d}`, d);
    links.push({ unitId: `bu-dev-${d}`, ownerId: 'bo-developer' });
  }
  voters.push({ castingOwnerId: 'bo-developer', userId: 'bu-user-developer', cookie: '' });
  const expires = new Date(Date.now() + 24 * 3600_000);
  const sessionRows = voters.map((voter) => {
    const token = randomBytes(24).toString('base64url');
    voter.cookie = `steward_session=${token}`;
    return { tokenHash: createHash('sha256').update(token).digest('hex'), userId: voter.userId, expiresAt: expires };
  });
  const userRows = voters.map((voter) => ({
    id: voter.userId,
    username: voter.userId,
    passwordHash: 'bench-no-password',
    displayName: voter.userId,
    roles: ['owner'],
    ownerId: voter.castingOwnerId,
  }));
  for (const [table, rows] of [
    [owners, ownerRows],
    [units, unitRows],
    [unitOwners, links],
    [users, userRows],
    [sessions, sessionRows],
  ] as const) {
    for (let i = 0; i < rows.length; i += CHUNK) await db.insert(table).values(rows.slice(i, i + CHUNK) as never);
  }
  return voters;
}

interface CastSample {
  scheduledMs: number;
  castMs: number;
  participationMs: number;
  status: number;
  seen: boolean;
  /** Answers 503/429 (shed) before the ballot and its participation read went through. */
  shed: number;
}

/**
 * The sender, in a worker thread of its own: ballot i is sent at t0 + i / rate whatever earlier ones
 * are doing; then the live participation is read. Latency counts from the scheduled time (no
 * coordinated omission) to the participation response that includes the ballot.
 */
const senderSource = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { baseUrl, voteId, rate, ballots, maxSockets } = workerData;
// A bounded pool, as a real client fleet behind a load balancer has: requests beyond it wait in the client, and
// their wait counts in the latency (measured from the scheduled time). Unbounded, the sender alone would exhaust
// the file descriptors of the process it shares with the API.
const agent = new http.Agent({ keepAlive: true, maxSockets });
const url = new URL(baseUrl);
const samples = [];
const t0 = performance.now() + 200;
let done = 0;
function request(method, path, cookie, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, agent, headers: { cookie, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, retryAfter: Number(res.headers['retry-after'] || 1), text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function one(i) {
  const scheduled = t0 + (i * 1000) / rate;
  const wait = scheduled - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const ballot = ballots[i];
  let status = 0, castMs = NaN, participationMs = NaN, seen = false, shed = 0;
  // A request the API sheds (503/429, or a connection it closed past its cap) is sent again after its Retry-After,
  // as a client should: repeating a ballot is harmless.
  const send = async (method, path, body) => {
    for (let attempt = 1; ; attempt += 1) {
      let response = null;
      try {
        response = await request(method, path, ballot.cookie, body);
      } catch (error) {
        if (attempt >= 60) throw error;
      }
      if (response && response.status !== 503 && response.status !== 429) return response;
      shed += 1;
      await new Promise((resolve) => setTimeout(resolve, 1000 * (response ? response.retryAfter : 1)));
    }
  };
  try {
    const cast = await send('POST', '/api/v1/votes/' + voteId + '/ballots', JSON.stringify({ choice: ballot.choice }));
    status = cast.status;
    const body = JSON.parse(cast.text);
    castMs = performance.now() - scheduled;
    const read = await send('GET', '/api/v1/votes/' + voteId + '/participation');
    const participation = JSON.parse(read.text);
    participationMs = performance.now() - scheduled;
    seen = read.status === 200 && body.participation && participation.heads >= body.participation.heads;
  } catch (error) {
    status = -1;
  }
  samples.push({ scheduledMs: scheduled - t0, castMs, participationMs, status, seen, shed });
  done += 1;
  if (done === ballots.length) parentPort.postMessage(samples);
}
for (let i = 0; i < ballots.length; i++) void one(i);
`;

function sendBallots(baseUrl: string, voteId: string, ballots: Array<{ cookie: string; choice: string }>): Promise<CastSample[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(senderSource, { eval: true, workerData: { baseUrl, voteId, rate: RATE, ballots, maxSockets: MAX_SOCKETS } });
    worker.once('message', (samples: CastSample[]) => {
      resolve(samples);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function main(): Promise<void> {
  log(`Owners' vote bench: ${OWNERS} voters, ${RATE} ballots/s. ${machineNote()}`);
  const { db } = await startDemoDatabase('steward_bench_vote', { max: 10 });
  // The bench's roll only: the demo community's units leave the register.
  await db.delete(unitOwners);
  const started = performance.now();
  const voters = await loadCommunity(db);
  log(`Loaded ${voters.length} voters in ${fmt((performance.now() - started) / 1000)} s`);

  const temporal = await startTemporalDevServer({ cli: TEMPORAL_CLI, log });
  onCleanup('stop Temporal dev server', () => temporal.stop());
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const connection = await Connection.connect({ address: temporal.address });
  onCleanup('close connections', async () => {
    await connection.close();
    await nativeConnection.close();
  });
  const taskQueue = 'bench-vote';
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities });
  const running = worker.run();
  onCleanup('stop worker', async () => {
    worker.shutdown();
    await running;
  });
  const votingSeconds = Math.ceil(voters.length / RATE) + 30;
  const settings = structuredClone(STEWARD_DEFAULTS.api);
  settings.governance.vote = { noticeMs: 1_000, votingMs: votingSeconds * 1_000, objectionMs: 1_000 };
  const ctx: ApiContext = { db, temporal: new Client({ connection }), taskQueue, settings };
  const server = await listen(ctx, 0, '127.0.0.1');
  onCleanup('close API', () => new Promise<void>((resolve) => server.close(() => resolve())));
  const baseUrl = baseUrlOf(server);

  const committee = await signIn(baseUrl, 'committee', 'steward-demo');
  const voteId = `bench-${Date.now()}`;
  const requested = await fetch(`${baseUrl}/api/v1/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: committee },
    body: JSON.stringify({ voteId, title: 'Bench vote', description: 'A 10,000-owner vote', item: 9 }),
  });
  if (requested.status !== 201) throw new Error(`vote request failed: ${requested.status} ${await requested.text()}`);
  const { workflowId } = (await requested.json()) as { workflowId: string };
  const freezeStarted = performance.now();
  for (;;) {
    const [vote] = await db.select({ status: ownerVotes.status }).from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
    if (vote?.status === 'open') break;
    await sleep(100);
  }
  const freezeStep = await waitForStep(db, workflowId, 'freezeVoterRoll');
  log(`Voting open (roll frozen in ${fmt(freezeStep)} ms; notice + freeze ${fmt(performance.now() - freezeStarted, 0)} ms); casting ${voters.length} ballots…`);

  const choices = ['for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'for', 'against', 'against', 'against', 'against', 'abstain'];
  const samples = await sendBallots(
    baseUrl,
    voteId,
    voters.map((voter, index) => ({ cookie: voter.cookie, choice: choices[index % choices.length] })),
  );
  const failed = samples.filter((sample) => sample.status !== 200 || !sample.seen);
  const castToParticipation = summarize(samples.filter((s) => s.status === 200).map((s) => s.participationMs));
  const cast = summarize(samples.filter((s) => s.status === 200).map((s) => s.castMs));
  const elapsed = Math.max(...samples.map((s) => s.scheduledMs)) / 1000;
  const shedBallots = samples.filter((sample) => sample.shed > 0).length;
  log(`Sent ${samples.length} ballots over ${fmt(elapsed)} s (${fmt(samples.length / elapsed)} /s), ${failed.length} failed, ${shedBallots} (${fmt((100 * shedBallots) / samples.length)} %) shed at least once and sent again`);

  // The tally as the workflow runs it at the deadline, timed from its step events…
  const handle = ctx.temporal.workflow.getHandle(workflowId);
  const outcome = await handle.result();
  const tallyStep = await waitForStep(db, workflowId, 'tallyVotes');
  // …and directly: closing, summing the ballots, the ballots' digest and the pure decision.
  const activities = createOwnersVoteActivities({ db });
  const direct: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const counted = await activities.closeVoting({ voteId });
    decideVote(9, counted.totals);
    direct.push(performance.now() - t);
  }
  const tally = summarize(direct);

  console.log();
  printTable(
    ['measure', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target'],
    [
      ['cast → participation figure', castToParticipation.n, fmt(castToParticipation.p50), fmt(castToParticipation.p95), fmt(castToParticipation.p99), fmt(castToParticipation.max), `p99 ≤ ${TARGET_P99_MS} ms`],
      ['cast (POST ballot)', cast.n, fmt(cast.p50), fmt(cast.p95), fmt(cast.p99), fmt(cast.max), ''],
      ['final tally (workflow step)', 1, fmt(tallyStep), '', '', '', `≤ ${TARGET_TALLY_MS} ms`],
      ['final tally (direct, 5 runs)', tally.n, fmt(tally.p50), '', '', fmt(tally.max), `≤ ${TARGET_TALLY_MS} ms`],
      ['roll freeze (workflow step)', 1, fmt(freezeStep), '', '', '', ''],
    ],
  );
  console.log();
  log(`Outcome ${outcome.outcome}: ${JSON.stringify(outcome.result.participating)} of ${JSON.stringify(outcome.result.totals.roll)}`);
  const met = castToParticipation.p99 <= TARGET_P99_MS && tallyStep <= TARGET_TALLY_MS && failed.length === 0;
  log(met ? 'Targets met.' : 'Targets NOT met.');
  const file = await saveResults('owners-vote', { owners: voters.length, rate: RATE, castToParticipation, cast, tallyStepMs: tallyStep, tallyDirect: tally, freezeStepMs: freezeStep, failed: failed.length, shedBallots, machine: machineNote() });
  log(`Raw results: ${file}`);
}

/** How long a step took, from its entered to its completed step event. */
async function stepTimes(db: Database, workflowId: string, stepId: string): Promise<number> {
  const events = await db.select().from(stepEvents).where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.stepId, stepId)));
  const entered = events.find((event) => event.event === 'entered');
  const completed = events.find((event) => event.event === 'completed');
  return entered && completed ? completed.at.getTime() - entered.at.getTime() : Number.NaN;
}

/** The step's duration once its completion is recorded (the projection is written just after the status). */
async function waitForStep(db: Database, workflowId: string, stepId: string): Promise<number> {
  for (;;) {
    const ms = await stepTimes(db, workflowId, stepId);
    if (Number.isFinite(ms)) return ms;
    await sleep(100);
  }
}

runBench(main);
