import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiContext } from '../api/context';
import { loadConfig, type Config } from '../config';
import { closeDatabase, migrateDatabase, openDatabase, type Database } from '../db/client';
import { seedDemoCommunity } from '../db/seed/demo-community';
import { installKeyring, keyringFrom } from '../db/sealed/keyring';
import { createStewardWorker } from '../worker/worker';
import { startEmbeddedPostgres } from './dev-services/embedded-postgres';
import { startTemporalDevServer } from './dev-services/temporal-cli';

/** What every scenario gets: the seeded database, a client and the queue the worker polls, and the same as an API context. */
export interface RecordingEnv {
  db: Database;
  client: Client;
  taskQueue: string;
  ctx: ApiContext;
  /** For a scenario that runs a worker of its own (other code, another task queue). */
  nativeConnection: NativeConnection;
  /** The defaults every recording runs with (no environment but the Temporal CLI's and RECORD_OUT_DIR). */
  config: Config;
}

/** Where a history goes, relative to the replay folder and without `.json`: `<process>/<name>`. */
type HistoryPath = string;

/** One run of a workflow that continued as new (a workflow id alone names its last run). */
export interface RunOf {
  workflowId: string;
  runId: string;
}

/**
 * A scenario drives one or more workflows to their end and says which to record: one workflow id
 * (recorded under the scenario's own key) or several, each under its own path.
 */
export type Scenario<Extra> = (env: RecordingEnv & Extra) => Promise<string | Record<HistoryPath, string | RunOf>>;

interface TearDown {
  /** Runs after the last scenario, before the connections close. */
  tearDown?: () => Promise<void>;
}

export interface HistoryRecording<Extra extends object> {
  /** Lands in every recorded history (WorkflowExecutionStarted), so each script keeps its own. */
  taskQueue?: string;
  /** After migration and seed, before the worker starts: seed changes, the device simulator; what it returns joins the env. */
  setUp?: (env: RecordingEnv) => Promise<Extra & TearDown>;
  /** Run in order; each key is the history's path unless the scenario names its own. */
  scenarios: Record<HistoryPath, Scenario<Extra>>;
}

const environment = loadConfig();
/** The checkout's root folder. */
const repoRoot = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');
// RECORD_OUT_DIR lets a recording be checked somewhere else without touching the committed histories.
const replayDir = environment.scripts.recordOutDir ?? fileURLToPath(new URL('../test/replay/', import.meta.url));
// Histories record the configured durations: they are recorded with the defaults, whatever this shell sets.
const config = loadConfig({});

/**
 * Records histories into test/replay/<process>/<name>.json for the replay test, against a throwaway
 * Temporal dev server and PostgreSQL. Run again when a change is meant to alter histories, behind patched().
 */
export function recordHistories<Extra extends object = object>(recording: HistoryRecording<Extra>): void {
  record(recording).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

async function record<Extra extends object>({ taskQueue = 'record-histories', setUp, scenarios }: HistoryRecording<Extra>): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  installKeyring(keyringFrom(config.keys));
  const scratch = await mkdtemp(path.join(tmpdir(), 'steward-record-'));
  await chmod(scratch, 0o755);
  const [temporal, postgres] = await Promise.all([startTemporalDevServer({ cli: environment.temporalCli }), startEmbeddedPostgres(path.join(scratch, 'postgres'), 'steward', { temporary: true })]);
  const db = openDatabase(postgres.url);
  try {
    await migrateDatabase(db);
    await seedDemoCommunity(db);
    const connection = await Connection.connect({ address: temporal.address });
    const nativeConnection = await NativeConnection.connect({ address: temporal.address });
    const client = new Client({ connection });
    const base: RecordingEnv = { db, client, taskQueue, ctx: { db, temporal: client, taskQueue, settings: config.api }, nativeConnection, config };
    const { tearDown, ...extra } = setUp ? await setUp(base) : ({} as Extra & TearDown);
    const env = { ...base, ...(extra as Extra) };
    const worker = await createStewardWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, settings: config.worker.activities });
    await worker.runUntil(async () => {
      for (const [key, scenario] of Object.entries(scenarios)) {
        const recorded = await scenario(env);
        for (const [name, run] of Object.entries(typeof recorded === 'string' ? { [key]: recorded } : recorded)) {
          await writeHistory(client, name, typeof run === 'string' ? { workflowId: run } : run);
        }
      }
    });
    await tearDown?.();
    await nativeConnection.close();
    await connection.close();
  } finally {
    await closeDatabase(db);
    await postgres.stop();
    await temporal.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}

async function writeHistory(client: Client, name: HistoryPath, { workflowId, runId }: { workflowId: string; runId?: string }): Promise<void> {
  await client.workflow.getHandle(workflowId).result();
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const file = path.join(replayDir, `${name}.json`);
  await mkdir(path.dirname(file), { recursive: true });
  // The workflow id travels with the history: task ids embed it, so replay must use the same one. Failures' stack
  // traces name files relative to the checkout: the recording machine's folders stay out of the repository.
  const recorded = historyToJSON(history).split(JSON.stringify(`${repoRoot}${path.sep}`).slice(1, -1)).join('');
  await writeFile(file, `{"workflowId":${JSON.stringify(workflowId)},"history":${recorded}}\n`);
  console.log(`recorded ${name} (${history.events?.length} events)`);
}
