import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase, openDatabase, closeDatabase } from '../../db/client';
import { startEmbeddedPostgres } from '../../scripts/dev-services/embedded-postgres';
import { startTemporalDevServer } from '../../scripts/dev-services/temporal-cli';
import { bundleWorkflows } from '../../worker/worker';
import { MACHINE } from './config';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    /** A server URL whose database the tests clone their own databases from. */
    postgresAdminUrl: string;
    templateDatabase: string;
    workflowBundlePath: string;
    scratchDir: string;
  }
}

/**
 * One real Temporal dev server, one real PostgreSQL (embedded unless TEST_DATABASE_URL names a
 * server), a migrated template database, and the workflow bundle, shared by every test file.
 */
export default async function setup(project: TestProject) {
  const scratchDir = await mkdtemp(path.join(tmpdir(), 'steward-test-'));
  // Run as root, the embedded server drops to a `postgres` user that must reach its data folder.
  await chmod(scratchDir, 0o755);
  const [temporal, database, bundle] = await Promise.all([
    startTemporalDevServer({ cli: MACHINE.temporalCli }),
    MACHINE.test.databaseUrl ? null : startEmbeddedPostgres(path.join(scratchDir, 'postgres'), 'postgres', { temporary: true }),
    bundleWorkflows(),
  ]);
  const adminUrl = MACHINE.test.databaseUrl ?? database!.url;
  const templateDatabase = `steward_template_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${templateDatabase}`);
  await admin.unsafe(`create database ${templateDatabase}`);
  const template = openDatabase(withDatabase(adminUrl, templateDatabase), { max: 1 });
  await migrateDatabase(template);
  await closeDatabase(template);

  const workflowBundlePath = path.join(scratchDir, 'workflow-bundle.js');
  await writeFile(workflowBundlePath, bundle.code);

  project.provide('temporalAddress', temporal.address);
  project.provide('postgresAdminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('scratchDir', scratchDir);

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`steward_t%_${process.pid}%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end();
    await temporal.stop();
    await database?.stop();
    await rm(scratchDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
