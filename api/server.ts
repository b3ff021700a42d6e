import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import type { Database } from '../db/client';
import type { TemporalSettings } from '../worker/config';
import { createApp } from './app';
import { apiSettings, type ApiContext } from './context';

export async function connectApiContext(db: Database, temporal: TemporalSettings, env: NodeJS.ProcessEnv = process.env): Promise<ApiContext & { close(): Promise<void> }> {
  const connection = await Connection.connect({ address: temporal.address });
  return {
    db,
    temporal: new Client({ connection, namespace: temporal.namespace }),
    taskQueue: temporal.taskQueue,
    settings: apiSettings(env),
    close: () => connection.close(),
  };
}

export function listen(ctx: ApiContext, port: number, host: string, uiDir?: string): Promise<Server> {
  const app = createApp(ctx, { uiDir });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
