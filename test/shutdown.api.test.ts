/**
 * Stopping the API (SIGTERM, Ctrl-C) goes through closeServer: an open console stream, which keeps its
 * connection open for ever, must not hold the stop up; the stream is ended and new requests are refused.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContext } from '../api/context';
import { closeServer, listen } from '../api/server';
import { USER_OF_ROLE } from './support/demo-users';
import { signIn } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

let stack: ApiTestStack;

beforeAll(async () => {
  stack = await startApiTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('stopping the API', () => {
  it('ends open console streams and stops well within the grace time', async () => {
    // An API of its own (its own console hub), so the stack's server is left alone.
    const ctx: ApiContext = { ...stack.ctx };
    const server: Server = await listen(ctx, 0, '127.0.0.1');
    const address = server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const operator = await signIn(baseUrl, USER_OF_ROLE['monitoring-operator']);
    const stream = await operator.raw('/api/v1/console/stream');
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: snapshot');

    const started = Date.now();
    await closeServer(server, ctx, 30_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(ended).toBe(true);
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow(TypeError);
  });
});
