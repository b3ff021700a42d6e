import { Client, Connection } from '@temporalio/client';
import type { Server } from 'node:http';
import type { Database } from '../db/client';
import type { TemporalSettings } from '../config';
import { createApp } from './app';
import type { ApiContext, ApiSettings } from './context';

export async function connectApiContext(db: Database, temporal: TemporalSettings, settings: ApiSettings): Promise<ApiContext & { close(): Promise<void> }> {
  const connection = await Connection.connect({ address: temporal.address });
  return {
    db,
    temporal: new Client({ connection, namespace: temporal.namespace }),
    taskQueue: temporal.taskQueue,
    settings,
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
