import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';
import type { Server } from 'node:http';
import type { Database } from '../db/client';
import type { TemporalSettings } from '../config';
import { createApp } from './app';
import { consoleHub } from './devices/console-hub';
import { taskStream } from './http/task-stream';
import { notificationStream } from './http/notification-stream';
import type { ApiContext, ApiSettings } from './context';

/** A few quick tries, not the client's default of ten over some 20 s: a request must not hang on a Temporal that is down. */
export const apiConnectionOptions = (address: string): ConnectionOptions => ({ address, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 3 }))] });

export async function connectApiContext(db: Database, temporal: TemporalSettings, settings: ApiSettings): Promise<ApiContext & { close(): Promise<void> }> {
  const connection = await Connection.connect(apiConnectionOptions(temporal.address));
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
    // Past this, new connections are closed at once: sockets must not grow until the process runs out of files.
    server.maxConnections = ctx.settings.admission.maxConnections;
    server.once('error', reject);
  });
}

/** How long requests under way may take to finish once the API stops, before their connections are dropped. */
export const REQUEST_GRACE_MS = 10_000;

/**
 * Stops the API cleanly: no new requests, the consoles', worklists' and notification centres' live streams ended (they would hold the server open
 * for ever), idle keep-alive connections closed, and requests under way given `graceMs` to finish.
 */
export async function closeServer(server: Server, ctx: ApiContext, graceMs = REQUEST_GRACE_MS): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.all([consoleHub(ctx).close(), taskStream(ctx).close(), notificationStream(ctx).close()]);
  server.closeIdleConnections();
  const drop = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(drop);
}
