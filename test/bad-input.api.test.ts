import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../contracts/permissions';
import { USER_OF_ROLE } from './support/demo-users';
import { signIn, type HttpResponse, type SignedInClient } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

/**
 * The standard "bad input gets a clear 4xx with the field at fault, never a 500", checked on every route the
 * API's own OpenAPI document lists: each is called by a demo user its access admits, with ids that do not exist,
 * query strings of the wrong kind, and bodies of the wrong shape.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
}

interface Operation {
  'x-access': 'public' | 'signed-in' | Role[];
  parameters: Array<{ name: string; in: 'path' | 'query'; schema: JsonSchema }>;
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface RouteCall {
  method: string;
  path: string;
  operation: Operation;
}

/** A value of another kind than the schema asks for. */
function wrongKindFor(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return 12345;
    case 'number':
    case 'integer':
      return 'not-a-number';
    case 'boolean':
      return 'yes';
    case 'array':
      return 'not-a-list';
    default:
      return { unexpected: true };
  }
}

const API = '/api/v1';
let stack: ApiTestStack;
let calls: RouteCall[];
const clients = new Map<string, SignedInClient>();

/** A signed-in user the route admits; routes for any signed-in user get the admin. */
async function callerFor(operation: Operation): Promise<SignedInClient> {
  const access = operation['x-access'];
  const roles = access === 'public' || access === 'signed-in' ? ['admin' as Role] : access;
  const username = USER_OF_ROLE[roles[0]];
  let client = clients.get(username);
  if (!client) {
    client = await signIn(stack.baseUrl, username);
    clients.set(username, client);
  }
  return client;
}

/** Rows that a start, a task, a ballot, a bid, a credential or an upload would add. */
async function writtenRows() {
  const [row] = await stack.db.execute<Record<string, string>>(sql`select
    (select count(*) from process_instances) as processes, (select count(*) from tasks) as tasks,
    (select count(*) from ballots) as ballots, (select count(*) from bids) as bids,
    (select count(*) from credentials) as credentials, (select count(*) from attachments) as attachments`);
  return row;
}

const withUnknownIds = (path: string) => path.replace(/\{\w+\}/g, 'no-such-id');

function expectRefused(call: RouteCall, what: string, response: HttpResponse) {
  const label = `${call.method.toUpperCase()} ${call.path} with ${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.contentType, label).toMatch(/^application\/problem\+json\b/);
  if (response.status === 400) expect((response.body.errors as Array<{ field: string }>).length, label).toBeGreaterThan(0);
}

beforeAll(async () => {
  stack = await startApiTestStack();
  const document = (await (await fetch(`${stack.baseUrl}/api/docs`)).json()) as { paths: Record<string, Record<string, Operation>> };
  calls = Object.entries(document.paths)
    .filter(([path]) => path !== `${API}/auth/logout`) // it would end the callers' sessions
    .flatMap(([path, operations]) => Object.entries(operations).map(([method, operation]) => ({ method, path, operation })));
});
afterAll(async () => {
  await stack?.stop();
});

describe('bad input on every route: a 4xx problem naming the field, never a 500', () => {
  it('bodies of the wrong shape are refused before anything is written', async () => {
    const withBody = calls.filter((call) => call.operation.requestBody);
    expect(withBody.length).toBeGreaterThan(20);
    const before = await writtenRows();
    for (const call of withBody) {
      const client = await callerFor(call.operation);
      const path = withUnknownIds(call.path);
      const schema = call.operation.requestBody!.content['application/json'].schema;
      const wrongKinds = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, wrongKindFor(property)]));
      for (const [what, body] of [
        ['a list for a body', []],
        ['a string for a body', JSON.stringify('text')],
        ['every field of the wrong kind', wrongKinds],
      ] as const) {
        const response = call.method === 'put' ? await client.put(path, body) : await client.post(path, body);
        expectRefused(call, what, response);
      }
    }
    expect(await writtenRows()).toEqual(before);
  });

  it('malformed JSON is a 400 naming the body', async () => {
    const call = calls.find((candidate) => candidate.method === 'post' && candidate.operation.requestBody)!;
    const client = await callerFor(call.operation);
    // A string body goes out as it is.
    const response = await client.post(withUnknownIds(call.path), '{"reportId": ');
    expectRefused(call, 'malformed JSON', response);
    expect(response.body.errors).toEqual([{ field: '(body)', message: 'malformed JSON' }]);
  });

  it('unknown ids and query strings of the wrong kind are refused or answered, never a 500', async () => {
    const reads = calls.filter((call) => call.method === 'get' && !call.operation.responses['200']?.content?.['text/event-stream']);
    expect(reads.length).toBeGreaterThan(20);
    for (const call of reads) {
      const client = await callerFor(call.operation);
      const query = call.operation.parameters.filter((parameter) => parameter.in === 'query').map((parameter) => `${parameter.name}=${encodeURIComponent(String(wrongKindFor(parameter.schema)))}`);
      for (const path of [withUnknownIds(call.path), `${withUnknownIds(call.path)}?${query.join('&')}`]) {
        const response = await client.get(path);
        const label = `GET ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
        expect(response.status, label).toBeLessThan(500);
        if (response.status >= 400) expect(response.contentType, label).toMatch(/^application\/problem\+json\b/);
      }
    }
  });
});
