/**
 * /healthz says the process lives without asking anything; /readyz asks PostgreSQL and Temporal and, when one
 * is down, answers 503 with Retry-After and names it. The "down" instances are APIs whose database or
 * Temporal address has nothing listening (a closed loopback port), the rest of the stack real.
 */
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../api/context';
import { apiConnectionOptions, listen } from '../api/server';
import { closeDatabase, openDatabase, type Database } from '../db/client';
import { freePort } from '../scripts/dev-services/ports';
import { signIn } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

let stack: ApiTestStack;
const servers: Server[] = [];
const databases: Database[] = [];
const connections: Connection[] = [];

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await Promise.all(databases.map((db) => closeDatabase(db)));
  await Promise.all(connections.map((connection) => connection.close()));
  await stack?.stop();
});

/** Another API on the real stack, with its database or Temporal replaced by an address where nothing listens. */
async function apiWith(down: { database?: boolean; temporal?: boolean }): Promise<string> {
  const ctx: ApiContext = { ...stack.ctx };
  if (down.database) {
    const db = openDatabase(`postgres://postgres@127.0.0.1:${await freePort()}/steward`, { max: 1 });
    databases.push(db);
    ctx.db = db;
  }
  if (down.temporal) {
    const connection = Connection.lazy(apiConnectionOptions(`127.0.0.1:${await freePort()}`));
    connections.push(connection);
    ctx.temporal = new Client({ connection });
  }
  const server = await listen(ctx, 0, '127.0.0.1');
  servers.push(server);
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

describe('health and readiness', () => {
  it('an instance with its dependencies up is alive and ready', async () => {
    const alive = await fetch(`${stack.baseUrl}/healthz`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: 'alive' });
    const ready = await fetch(`${stack.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, dependencies: { database: 'up', temporal: 'up' } });
  });

  it('names the dependency that is down, with 503 and Retry-After, and stays alive', async () => {
    const withoutDatabase = await apiWith({ database: true });
    const answer = await fetch(`${withoutDatabase}/readyz`);
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(await answer.json()).toEqual({ ready: false, dependencies: { database: 'down', temporal: 'up' } });
    expect((await fetch(`${withoutDatabase}/healthz`)).status).toBe(200);

    const withoutTemporal = await apiWith({ temporal: true });
    const started = Date.now();
    const second = await fetch(`${withoutTemporal}/readyz`);
    expect(second.status).toBe(503);
    expect(await second.json()).toEqual({ ready: false, dependencies: { database: 'up', temporal: 'down' } });
    // A probe answers within its 2 s bound, not after a client's default deadline.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('answers requests 503 with Retry-After naming the dependency that is down, at once, not after a client timeout', async () => {
    const withoutDatabase = await apiWith({ database: true });
    const first = await timed(() => fetch(`${withoutDatabase}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'resident1', password: 'x' }) }));
    expect(first.response.status).toBe(503);
    expect(first.response.headers.get('retry-after')).toBe('5');
    expect(await first.response.json()).toMatchObject({ status: 503, errors: [{ field: 'database', message: 'unreachable' }] });
    expect(first.ms).toBeLessThan(5_000);
    // Known down: the next request is refused before it touches anything.
    const next = await timed(() => fetch(`${withoutDatabase}/api/v1/tasks`));
    expect(next.response.status).toBe(503);
    expect(next.ms).toBeLessThan(500);

    const withoutTemporal = await apiWith({ temporal: true });
    const owner = await signIn(withoutTemporal, 'tech1');
    const report = await timed(() => owner.post('/api/v1/faults', FAULT));
    expect(report.response.status).toBe(503);
    expect(report.response.body.errors).toEqual([{ field: 'temporal', message: 'unreachable' }]);
    expect(report.ms).toBeLessThan(5_000);
    const again = await timed(() => owner.post('/api/v1/faults', FAULT));
    expect(again.response.status).toBe(503);
    expect(again.ms).toBeLessThan(500);
    // Reading what PostgreSQL holds goes on while Temporal is down; nothing of the refused reports was written.
    expect((await owner.get('/api/v1/tasks')).status).toBe(200);
    expect((await owner.get('/api/v1/faults')).body.items).toEqual([]);
  });
});

const FAULT = { reportId: randomUUID(), occurredAt: new Date().toISOString(), location: { buildingId: 'b1' }, system: 'cctv', symptoms: 'Camera shows no picture' };

async function timed<T>(call: () => Promise<T>): Promise<{ response: T; ms: number }> {
  const started = Date.now();
  const response = await call();
  return { response, ms: Date.now() - started };
}
