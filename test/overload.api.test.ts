/**
 * Beyond capacity, a route sheds load instead of piling up work: a bounded number of its requests run, a bounded
 * number wait their turn, and the rest are answered 503 with Retry-After at once (or once they have waited too
 * long). Driven over real HTTP against the API's own gate and problem handler.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admissionGates } from '../api/http/admission';
import { problemHandler } from '../api/http/problem';

let server: Server;
let baseUrl: string;
/** Requests of the held route wait here until the test lets them go. */
const held: Array<() => void> = [];
let served = 0;

beforeAll(async () => {
  const app = express();
  app.use(admissionGates([{ method: 'get', path: '/held' }], { concurrency: 2, queue: 3, maxWaitMs: 1_500 }));
  app.get('/held', (_req, res) => {
    held.push(() => {
      served += 1;
      res.json({ served });
    });
  });
  app.get('/other', (_req, res) => {
    res.json({ other: true });
  });
  app.use(problemHandler);
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('load shedding per route', () => {
  it('runs 2, queues 3 and refuses the rest with 503 and Retry-After; the queue is served as turns free up; other routes are not held up', async () => {
    const requests = Array.from({ length: 8 }, () => fetch(`${baseUrl}/held`));
    await until(() => held.length === 2);
    // The refused ones are answered while the first two still run.
    const refused: Response[] = [];
    const settled = requests.map(async (request) => {
      const response = await request;
      if (response.status === 503) refused.push(response);
      return response;
    });
    await until(() => refused.length === 3);
    for (const response of refused) {
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ status: 503, errors: [{ field: '/held', message: 'overloaded' }] });
    }
    expect((await fetch(`${baseUrl}/other`)).status).toBe(200);
    // Each finished request lets one waiting request in.
    for (let next = 0; next < 5; next += 1) {
      await until(() => held.length > next);
      held[next]();
    }
    const statuses = (await Promise.all(settled)).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 503, 503, 503]);
    expect(served).toBe(5);
  });

  it('refuses a request that waited longer than the longest wait', async () => {
    held.length = 0;
    const running = [fetch(`${baseUrl}/held`), fetch(`${baseUrl}/held`)];
    await until(() => held.length === 2);
    const started = Date.now();
    const waited = await fetch(`${baseUrl}/held`);
    expect(waited.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    held.forEach((release) => release());
    expect((await Promise.all(running)).map((response) => response.status)).toEqual([200, 200]);
  });
});
