import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_TITLES, type Role } from '../contracts/permissions';
import { USER_OF_ROLE } from './support/demo-users';
import { openTask } from './support/fault-scenarios';
import { anonymous, signIn, type HttpResponse, type SignedInClient } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

/**
 * The standard "bad input gets a clear 4xx with the field at fault, never a 500", checked on every route the
 * API's own OpenAPI document lists: each is called by a demo user its access admits, with ids that do not exist,
 * query strings of the wrong kind, and bodies of the wrong shape. The callers ask in zh-CN, as the UI does by
 * default, and every refusal must come back in it: title, detail and the message of each field at fault.
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
/** The UI's default language, which it sends as Accept-Language. */
const UI_LANGUAGE = 'zh-CN';
const CHINESE = /[\u4e00-\u9fff]/;
/** Three English words in a row: a sentence left untranslated (an id such as no-such-id is one word). */
const ENGLISH_SENTENCE = /[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}/;
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
    client = await signIn(stack.baseUrl, username, undefined, UI_LANGUAGE);
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

/** A problem in Chinese through and through, each field at fault named, as the UI shows it. */
function expectChinese(label: string, response: HttpResponse) {
  const problem = response.body as { title: string; detail: string; code: string; errors?: Array<{ field: string; message: string }> };
  expect(response.contentType, label).toMatch(/^application\/problem\+json\b/);
  for (const text of [problem.title, problem.detail]) {
    expect(text, label).toMatch(CHINESE);
    expect(text, label).not.toMatch(ENGLISH_SENTENCE);
  }
  expect(problem.code, label).toMatch(/^[a-z]+\.[a-z-]+$/);
  for (const fault of problem.errors ?? []) {
    expect(fault.field, label).toMatch(/\S/);
    expect(fault.message, label).toMatch(CHINESE);
    expect(fault.message, label).not.toMatch(ENGLISH_SENTENCE);
  }
}

function expectRefused(call: RouteCall, what: string, response: HttpResponse) {
  const label = `${call.method.toUpperCase()} ${call.path} with ${what}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`;
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.contentType, label).toMatch(/^application\/problem\+json\b/);
  if (response.status === 400) expect((response.body.errors as Array<{ field: string }>).length, label).toBeGreaterThan(0);
  expectChinese(label, response);
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
    expect(response.body.errors).toEqual([{ field: '(body)', message: expect.stringMatching(CHINESE) }]);
    // Asked in English (or in no language: devices, scripts), the same refusal is in English.
    for (const language of ['en', undefined]) {
      const english = await anonymous(stack.baseUrl, language).post(withUnknownIds(call.path), '{"reportId": ');
      expect(english.body.errors).toEqual([{ field: '(body)', message: 'malformed JSON' }]);
      expect(english.body).toMatchObject({ title: 'Invalid request', detail: expect.stringMatching(/JSON/), code: response.body.code });
    }
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
        if (response.status >= 400) expectChinese(label, response);
      }
    }
  });
});

describe('the refusals the UI meets, in its language: sign-in, roles, a task form the process refuses', () => {
  it('not signed in and a wrong password say so in Chinese, and what to do', async () => {
    const visitor = anonymous(stack.baseUrl, UI_LANGUAGE);
    const signedOut = await visitor.get(`${API}/auth/me`);
    expect(signedOut.status).toBe(401);
    expectChinese('GET /auth/me signed out', signedOut);
    expect(signedOut.body.detail).toMatch(/登录/);
    const wrong = await visitor.post(`${API}/auth/login`, { username: 'tech1', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expectChinese('a wrong password', wrong);
    expect(wrong.body.code).toBe('auth.wrong-credentials');
  });

  it('a role refusal names, in Chinese, the roles to ask', async () => {
    const owner = await signIn(stack.baseUrl, 'owner-zhang', undefined, UI_LANGUAGE);
    const refused = await owner.get(`${API}/processes`);
    expect(refused.status).toBe(403);
    expectChinese('GET /processes as an owner', refused);
    expect(refused.body.detail).toContain(ROLE_TITLES.auditor['zh-CN']);
  });

  it("a task form the process refuses names each field at fault, in the caller's language", async () => {
    const owner = await signIn(stack.baseUrl, 'owner-zhang', undefined, UI_LANGUAGE);
    const reported = await owner.post(`${API}/faults`, {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-101' },
      system: 'cctv',
      symptoms: '大堂摄像头黑屏',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const diagnosis = await openTask(stack.db, reported.body.workflowId, 'diagnoseFault');
    const invalid = { payload: { cause: 'x', faultClass: 'minor' } };
    const [chinese, english] = await Promise.all(
      [UI_LANGUAGE, 'en'].map(async (language) => (await signIn(stack.baseUrl, 'tech1', undefined, language)).post(`${API}/tasks/${diagnosis.id}/complete`, invalid)),
    );
    expect(chinese.status, JSON.stringify(chinese.body)).toBe(422);
    expectChinese('an invalid diagnosis', chinese);
    const fields = ['payload.cause', 'payload.faultClass', 'payload.repairPlan'];
    expect(chinese.body.errors.map((fault: { field: string }) => fault.field).sort()).toEqual(fields);
    expect(english.status).toBe(422);
    expect(english.body.errors.map((fault: { field: string }) => fault.field).sort()).toEqual(fields);
    for (const fault of english.body.errors as Array<{ message: string }>) expect(fault.message).not.toMatch(CHINESE);
    expect(english.body.title).toBe('Unprocessable content');
  });
});
