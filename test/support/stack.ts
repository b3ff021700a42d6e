import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import postgres from 'postgres';
import { inject } from 'vitest';
import { listen } from '../../api/server';
import type { ApiContext } from '../../api/context';
import { loadConfig, type Config } from '../../config';
import { closeDatabase, openDatabase, type Database } from '../../db/client';
import { seedDemoCommunity } from '../../db/seed/demo-community';
import { installKeyring, keyringFrom } from '../../db/sealed/keyring';
import type { BackupSettings } from '../../integrations/backups/settings';
import type { FaultRepairTimings } from '../../workflows/fault-repair/messages';
import { createStewardWorker } from '../../worker/worker';
import { TEST_TIMINGS } from './fault-scenarios';
import { withDatabase } from './global-setup';

Runtime.install({ logger: new DefaultLogger('WARN') });
// The development key in data/keys, as `npm start` uses (a test of its own may install another).
installKeyring(keyringFrom(loadConfig({}).keys));


export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A database of the test's own, cloned from the migrated template and loaded with the demo community. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `steward_t${randomUUID().slice(0, 8)}_${inject('templateDatabase').split('_').pop()}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}" template ${inject('templateDatabase')}`);
  const url = withDatabase(adminUrl, name);
  const db = openDatabase(url, { max: 5 });
  await seedDemoCommunity(db);
  return {
    url,
    db,
    async drop() {
      await closeDatabase(db);
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}


export interface TestStack {
  db: Database;
  client: Client;
  taskQueue: string;
  /** The defaults and the test's own variables (`env`): what the worker and the API run with. */
  config: Config;
  /** A worker on the stack's own task queue; each can run once (runUntil or run). */
  createWorker(): Promise<Worker>;
  /** A worker running until the returned stop is called. */
  runWorker(): Promise<() => Promise<void>>;
  stop(): Promise<void>;
}

/** What a stack may be started on besides the defaults. */
export interface StackOptions {
  /** A database the test made itself (a backup stack's archiving cluster) instead of a clone of the template; stop calls its `drop`. */
  database?: TestDatabase;
  /** The backup tools' settings for the worker (none: its backup steps refuse). */
  backups?: BackupSettings;
}

export async function startTestStack(address = inject('temporalAddress'), env: Record<string, string> = {}, options: StackOptions = {}): Promise<TestStack & { database: TestDatabase }> {
  const config = loadConfig(env);
  const database = options.database ?? (await createTestDatabase());
  const connection = await Connection.connect({ address });
  const nativeConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${randomUUID()}`;
  const createWorker = () =>
    createStewardWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      db: database.db,
      settings: { ...config.worker.activities, backups: options.backups ?? config.worker.activities.backups },
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
  return {
    database,
    db: database.db,
    client: new Client({ connection }),
    taskQueue,
    config,
    createWorker,
    async runWorker() {
      const worker = await createWorker();
      const running = worker.run();
      return async () => {
        worker.shutdown();
        await running;
      };
    },
    async stop() {
      await connection.close();
      await nativeConnection.close();
      await database.drop();
    },
  };
}

export interface ApiTestStack extends TestStack {
  baseUrl: string;
  ctx: ApiContext;
  /** The test's own database: its URL lets a spawned API or worker process use it. */
  database: TestDatabase;
}

/**
 * The stack plus a running worker and the HTTP API (and the UI when built) on a free port. Replay verdicts
 * replay against the bundle the workers run, not one the API would build itself; staff are on shift round
 * the clock, so no off-shift access alert depends on the hour the tests run at.
 */
export async function startApiTestStack(timings: Partial<FaultRepairTimings> = {}, uiDir?: string, env: Record<string, string> = {}, options: StackOptions = {}): Promise<ApiTestStack> {
  // Without the backup tools (options.backups) an upgrade plan takes no backup of Steward's data; a test with them turns it on.
  const stack = await startTestStack(undefined, { WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'), ACCESS_STAFF_HOURS: '00:00-24:00', UPGRADE_BACKS_UP_STEWARD: options.backups ? 'on' : 'off', ...env }, options);
  const worker = await stack.createWorker();
  const running = worker.run();
  const ctx: ApiContext = {
    db: stack.db,
    temporal: stack.client,
    taskQueue: stack.taskQueue,
    // The backup steps run on the stack's own worker, as on a single-machine `npm start`.
    settings: { ...stack.config.api, faultRepair: { ...TEST_TIMINGS, ...timings }, backups: { ...stack.config.api.backups, toolsTaskQueue: stack.taskQueue } },
  };
  const server: Server = await listen(ctx, 0, '127.0.0.1', uiDir);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ...stack,
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await stack.stop();
    },
  };
}

export { eventually } from './poll';
