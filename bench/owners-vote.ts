/**
 * A 10,000-owner vote: ballots cast over the API at a fixed rate (open loop), the cast → participation
 * figure latency, every ballot counted once, and the final tally time.
 *
 *   npm run bench:vote
 *   BENCH_OWNERS=100000 BENCH_RATE=500 npm run bench:vote
 *
 * Three processes, as production runs them: the API (`api/main.ts`, spawned with the bench's database and
 * Temporal), the worker (in the bench's process, which also loads the roll and checks the count) and the
 * owners' side (bench/lib/ballot-sender.ts), so neither the sender nor the worker takes the API's CPU.
 *
 * Env: BENCH_OWNERS (voters on the roll, default 10000), BENCH_RATE (ballots per second, default 50), BENCH_SOCKETS
 * (the sender's pool of keep-alive connections, default 64), BENCH_VOTING_SECONDS (the voting period, default the
 * sending time + 10 % + 30 s; ballots the API takes after it are refused), BENCH_API_CPU_PROF (a folder: the API process
 * writes a V8 CPU profile there when it stops), BENCH_DATABASE_URL (use that server instead of an embedded
 * PostgreSQL; the bench makes a database of its own on it).
 *
 * The roll: 80 % owners of one unit, 10 % owners of two units, 10 % co-owned units (two owners, one ballot),
 * and the developer with 300 unsold units (one voter). Every voter casts once, a 75/20/5 for/against/abstain mix.
 *
 * Targets: cast → participation figure p99 ≤ 100 ms (at 500 ballots/s); final tally ≤ 1 s.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { and, eq, sql } from 'drizzle-orm';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createOwnersVoteActivities } from '../activities/owners-vote';
import type { Database } from '../db/client';
import { ballots, owners, ownerVotes, sessions, stepEvents, unitOwners, units, users } from '../db/schema';
import { startTemporalDevServer } from '../scripts/dev-services/temporal-cli';
import { createStewardWorker } from '../worker/worker';
import type { OwnersVoteOutcome } from '../workflows/owners-vote/messages';
import { decideVote } from '../workflows/owners-vote/tally';
import { cpuMsOfPid, spawnApiProcess } from './lib/api-process';
import type { BallotCommand, BallotReport } from './lib/ballot-sender';
import { envNumber, envText, fmt, log, machineNote, onCleanup, printTable, processCpuMs, runBench, saveResults, sleep, STEWARD_DEFAULTS, summarize, TEMPORAL_CLI } from './lib/common';
import { startDemoDatabase } from './lib/demo-database';
import { signIn } from './lib/open-loop';

const OWNERS = envNumber('BENCH_OWNERS', 10_000);
const RATE = envNumber('BENCH_RATE', 50);
/**
 * The sender's connection pool (BENCH_SOCKETS), as a load balancer in front of one API instance keeps it: under
 * what one route admits (API_ROUTE_CONCURRENCY + API_ROUTE_QUEUE, 216), so that beyond the API's pace ballots
 * wait in the pool. A larger pool turns the excess into 503s, each retried a second later: at 500 ballots/s
 * with 256 sockets the API spent most of its time refusing (docs/benchmarks.md).
 */
const MAX_SOCKETS = envNumber('BENCH_SOCKETS', 64);
/**
 * The voting period (BENCH_VOTING_SECONDS): by default the sending time and a margin; longer when the API is
 * expected to take the ballots slower than they are sent (the tally waits for the deadline all the same).
 */
const VOTING_SECONDS = envNumber('BENCH_VOTING_SECONDS', Math.ceil((OWNERS / RATE) * 1.1) + 30);
/** Where the API process writes its CPU profile (BENCH_API_CPU_PROF); none when empty. */
const API_CPU_PROF = envText('BENCH_API_CPU_PROF', '');
const TARGET_P99_MS = 100;
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

/** Sends the ballots from a process of its own (bench/lib/ballot-sender.ts); its pid is for the CPU figures. */
function startSender(): { pid: number; send(command: BallotCommand): Promise<BallotReport> } {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./lib/ballot-sender.ts', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  onCleanup('stop ballot sender', async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  });
  return {
    pid: child.pid!,
    send: (command) =>
      new Promise((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as BallotReport));
        child.once('exit', (code) => reject(new Error(`the ballot sender exited (${code}) without a report`)));
        child.stdin!.end(`${JSON.stringify(command)}\n`);
      }),
  };
}

/** CPU seconds per process over a window: the API, the sender, this process (worker, checks), PostgreSQL's backends of the bench database. */
function cpuMeter(pids: { api: number; sender: number }, database: string) {
  const read = () => ({ api: cpuMsOfPid(pids.api), sender: cpuMsOfPid(pids.sender), bench: (process.cpuUsage().user + process.cpuUsage().system) / 1000, postgres: processCpuMs(database) });
  const before = read();
  return () => {
    const after = read();
    return { api: (after.api - before.api) / 1000, sender: (after.sender - before.sender) / 1000, bench: (after.bench - before.bench) / 1000, postgres: (after.postgres - before.postgres) / 1000 };
  };
}

/** How PostgreSQL tells the API's connections from the bench's own. */
const API_APPLICATION_NAME = 'steward-bench-vote-api';

function withApplicationName(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set('application_name', name);
  return named.toString();
}

/**
 * Where the API's database sessions spend the casting window: every 200 ms, what each of its connections is
 * doing (running, waiting for a lock, for the WAL, for the API's next query), as shares of all samples.
 */
function waitSampler(db: Database, applicationName: string) {
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const sampling = (async () => {
    while (!stopped) {
      const rows = await db.$client.unsafe<Array<{ what: string; n: number }>>(
        `select case when state = 'active' then coalesce(wait_event_type || ':' || wait_event, 'running') else state end as what, count(*)::int as n
         from pg_stat_activity where datname = current_database() and application_name = $1 group by 1`,
        [applicationName],
      );
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + row.n);
      samples += 1;
      await sleep(200);
    }
  })();
  return async () => {
    stopped = true;
    await sampling;
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => [what, { share: n / total, meanConnections: n / samples }]));
  };
}

async function main(): Promise<void> {
  log(`Owners' vote bench: ${OWNERS} voters, ${RATE} ballots/s, ${MAX_SOCKETS} sockets, voting open ${VOTING_SECONDS} s. ${machineNote()}`);
  const database = await startDemoDatabase('steward_bench_vote', { max: 10 });
  const { db } = database;
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
  const temporalClient = new Client({ connection });
  const taskQueue = 'bench-vote';
  const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: STEWARD_DEFAULTS.worker.activities });
  const running = worker.run();
  onCleanup('stop worker', async () => {
    worker.shutdown();
    await running;
  });
  const api = await spawnApiProcess(
    {
      DATABASE_URL: withApplicationName(database.url, API_APPLICATION_NAME),
      STEWARD_MIGRATE: 'off',
      STEWARD_SEED_DEMO: 'off',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: taskQueue,
      VOTE_NOTICE_DAYS: '1s',
      VOTE_VOTING_DAYS: `${VOTING_SECONDS}s`,
      VOTE_OBJECTION_DAYS: '1s',
      // The demo devices send nothing here: no repair is opened for them during the run.
      DEVICE_STALE_SECONDS: '1h',
      DEVICE_DOWN_SECONDS: '2h',
    },
    API_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${API_CPU_PROF}`] : [],
  );
  const { baseUrl } = api;
  log(`API process ${api.pid} on ${baseUrl}`);

  const committee = await signIn(baseUrl, 'committee', 'steward-demo');
  const voteId = `bench-${Date.now()}`;
  const requested = await fetch(`${baseUrl}/api/v1/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: committee },
    body: JSON.stringify({ voteId, title: 'Bench vote', description: `A ${voters.length}-owner vote`, item: 9 }),
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
  const sent = voters.map((voter, index) => ({ cookie: voter.cookie, choice: choices[index % choices.length] }));
  const sender = startSender();
  const cpu = cpuMeter({ api: api.pid, sender: sender.pid }, database.name);
  const waits = waitSampler(db, API_APPLICATION_NAME);
  const report = await sender.send({ baseUrl, voteId, rate: RATE, maxSockets: MAX_SOCKETS, ballots: sent });
  const cpuSeconds = cpu();
  const apiSessions = await waits();
  const num = (value: number | null) => (value === null ? Number.NaN : value);
  const indices = sent.map((_, index) => index);
  const accepted = indices.filter((i) => report.status[i] === 200);
  const failed = indices.filter((i) => report.status[i] !== 200 || report.seen[i] !== 1);
  const castToParticipation = summarize(accepted.map((i) => num(report.participationMs[i])));
  const cast = summarize(accepted.map((i) => num(report.castMs[i])));
  const windowSeconds = accepted.reduce((last, i) => Math.max(last, report.scheduledMs[i] + num(report.participationMs[i])), 0) / 1000;
  const shedBallots = indices.filter((i) => report.shed[i] > 0).length;
  const shedAnswers = report.shed.reduce((sum, n) => sum + n, 0);
  log(
    `Sent ${sent.length} ballots, ${accepted.length} accepted (${accepted.filter((i) => report.repeated[i]).length} as repeats), ${failed.length} failed; ` +
      `last answer ${fmt(windowSeconds)} s after the first send (${fmt(accepted.length / windowSeconds)} ballots/s); ` +
      `${shedBallots} ballots (${fmt((100 * shedBallots) / sent.length, 2)} %) shed at least once, ${shedAnswers} 503/429 answers; ` +
      `sender lag p99 ${fmt(report.sendLagP99Ms)} ms, at most ${report.maxInFlight} in flight`,
  );
  for (const example of report.errorExamples) log(`  failed: ${example}`);
  log(`CPU seconds while casting: API ${fmt(cpuSeconds.api)}, sender ${fmt(cpuSeconds.sender)}, bench (worker) ${fmt(cpuSeconds.bench)}, PostgreSQL backends ${fmt(cpuSeconds.postgres)}`);
  log(`The API's database connections while casting (mean busy at once, by state or wait): ${Object.entries(apiSessions).map(([what, { meanConnections }]) => `${what} ${fmt(meanConnections, 2)}`).join(', ')}`);

  // The tally as the workflow runs it at the deadline, timed from its step events…
  log('Waiting for the deadline and the tally…');
  const outcome = await temporalClient.workflow.getHandle<() => Promise<OwnersVoteOutcome>>(workflowId).result();
  const tallyStep = await waitForStep(db, workflowId, 'tallyVotes');
  const counted = await countedOnce(db, voteId, outcome, accepted.filter((i) => !report.repeated[i]).map((i) => sent[i].choice));
  // …and directly: closing, summing the ballots, the ballots' digest and the pure decision.
  const activities = createOwnersVoteActivities({ db });
  const direct: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const closed = await activities.closeVoting({ voteId });
    decideVote(9, closed.totals);
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
  log(
    `Counted: ${counted.sentNew} new ballots accepted, ${counted.ballotRows} rows in ballots, ${counted.participatingHeads} participating heads, ` +
      `${counted.tallyHeads} heads in the tally (by choice ${JSON.stringify(counted.tallyByChoice)}, sent ${JSON.stringify(counted.sentByChoice)}): ` +
      (counted.once ? 'every ballot counted once.' : 'MISMATCH.'),
  );
  const met = castToParticipation.p99 <= TARGET_P99_MS && tallyStep <= TARGET_TALLY_MS && failed.length === 0 && counted.once;
  log(met ? 'Targets met.' : 'Targets NOT met.');
  if (API_CPU_PROF) log(`The API's CPU profile is written to ${API_CPU_PROF} when it stops.`);
  const file = await saveResults('owners-vote', {
    owners: voters.length,
    rate: RATE,
    sockets: MAX_SOCKETS,
    sent: sent.length,
    accepted: accepted.length,
    failed: failed.length,
    errorExamples: report.errorExamples,
    shedBallots,
    shedAnswers,
    windowSeconds,
    sendLagP99Ms: report.sendLagP99Ms,
    maxInFlight: report.maxInFlight,
    counted,
    castToParticipation,
    cast,
    tallyStepMs: tallyStep,
    tallyDirect: tally,
    freezeStepMs: freezeStep,
    cpuSeconds,
    apiSessions,
    machine: machineNote(),
  });
  log(`Raw results: ${file}`);
}

/**
 * Every accepted ballot counted once: the new ballots the API accepted, the rows in the ballots table, the
 * vote's live participation and the workflow's tally agree, by choice too.
 */
async function countedOnce(db: Database, voteId: string, outcome: OwnersVoteOutcome, acceptedChoices: string[]) {
  const [{ rows }] = await db.select({ rows: sql<number>`count(*)::int` }).from(ballots).where(eq(ballots.voteId, voteId));
  const [vote] = await db.select({ heads: ownerVotes.participatingHeads }).from(ownerVotes).where(eq(ownerVotes.voteId, voteId));
  const { totals } = outcome.result;
  const tallyByChoice = { for: totals.for.heads, against: totals.against.heads, abstain: totals.abstain.heads };
  const sentByChoice = { for: 0, against: 0, abstain: 0 };
  for (const choice of acceptedChoices) sentByChoice[choice as keyof typeof sentByChoice] += 1;
  const tallyHeads = tallyByChoice.for + tallyByChoice.against + tallyByChoice.abstain;
  const sentNew = acceptedChoices.length;
  const once =
    rows === sentNew && vote.heads === sentNew && tallyHeads === sentNew && (Object.keys(sentByChoice) as Array<keyof typeof sentByChoice>).every((choice) => sentByChoice[choice] === tallyByChoice[choice]);
  return { sentNew, ballotRows: rows, participatingHeads: vote.heads, tallyHeads, tallyByChoice, sentByChoice, once };
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
