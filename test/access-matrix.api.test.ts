import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../contracts/permissions';
import { USER_OF_ROLE } from './support/demo-users';
import { signIn, type SignedInClient } from './support/http-client';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

/**
 * The role × route matrix, generated from the routes' own access declarations (the OpenAPI document
 * the API builds from them): every role calls every route and gets exactly what the declaration says,
 * 403 from the role check or an answer past it. Object-level rules (whose record it is) follow.
 */

interface Operation {
  'x-access': 'public' | 'signed-in' | Role[];
  parameters: Array<{ name: string; in: 'path' | 'query' }>;
  requestBody?: unknown;
}

const API = '/api/v1';
/** The role gate's own refusal (api/http/route.ts); object-level refusals say something else. */
const ROLE_REFUSAL = /^this needs one of the roles/;
/** Sign-in and sign-out change the caller's own session, not a record: they stay out of the matrix. */
const OWN_SESSION = new Set(['/auth/login', '/auth/logout']);
/** The query a list needs to be a valid request. */
const LIST_QUERY: Record<string, string> = { '/users': '?role=technician' };

let stack: ApiTestStack;
const clients = new Map<Role, SignedInClient>();

beforeAll(async () => {
  stack = await startApiTestStack();
  await Promise.all(ROLES.map(async (role) => clients.set(role, await signIn(stack.baseUrl, USER_OF_ROLE[role]))));
});
afterAll(async () => {
  await stack?.stop();
});

function admitted(operation: Operation): readonly Role[] {
  const access = operation['x-access'];
  return access === 'public' || access === 'signed-in' ? ROLES : access;
}

describe('role × route matrix', () => {
  it('each role gets exactly what each route declares: 403 from the role check, or an answer past it; lists answer 2xx', async () => {
    const document = (await (await fetch(`${stack.baseUrl}/api/docs`)).json()) as { paths: Record<string, Record<string, Operation>> };
    const mismatches: string[] = [];
    let checked = 0;
    for (const [template, operations] of Object.entries(document.paths)) {
      const route = template.slice(API.length);
      if (OWN_SESSION.has(route) || route.endsWith('/stream')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const path = template.replace(/\{(\w+)\}/g, () => `matrix-${randomUUID()}`) + (LIST_QUERY[route] ?? '');
        const allowed = admitted(operation);
        for (const role of ROLES) {
          const client = clients.get(role)!;
          const response = method === 'get' ? await client.get(path) : method === 'put' ? await client.put(path, {}) : await client.post(path, operation.requestBody ? {} : undefined);
          const gated = response.status === 403 && ROLE_REFUSAL.test(String(response.body?.detail));
          const listing = method === 'get' && !template.includes('{');
          // A user may hold several roles (the committee member is an owner too): any of them admits.
          const expected = client.user.roles.some((held) => allowed.includes(held as Role)) ? (listing ? '2xx' : 'past the role check') : 'role refusal';
          const actual = gated ? 'role refusal' : listing && response.status >= 200 && response.status < 300 ? '2xx' : response.status >= 500 ? `${response.status}` : 'past the role check';
          const ok = expected === actual || (expected === 'past the role check' && actual === '2xx');
          if (!ok) mismatches.push(`${role} ${method.toUpperCase()} ${route}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)?.slice(0, 120)}`);
          checked++;
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(60 * ROLES.length);
  });
});

describe('object-level access', () => {
  it("an owner reads their own fault and not another owner's, nor does a vendor", async () => {
    const li = await signIn(stack.baseUrl, 'owner-li');
    const reported = await li.post(`${API}/faults`, {
      reportId: randomUUID(),
      occurredAt: new Date().toISOString(),
      location: { buildingId: 'b1', unitId: 'b1-201' },
      system: 'access-control',
      symptoms: 'The door reader does not take my card',
      photo: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const faultId = reported.body.workflowId as string;
    try {
      // The report reaches the instance with the process's first transition.
      await eventually(async () => ((await li.get(`${API}/faults/${faultId}`)).body.report ? true : undefined));
      expect((await li.raw(`${API}/faults/${faultId}/photo`)).status).toBe(200);
      const zhang = clients.get('owner')!;
      expect((await zhang.get(`${API}/faults/${faultId}`)).status).toBe(404);
      expect((await zhang.raw(`${API}/faults/${faultId}/photo`)).status).toBe(404);
      expect((await zhang.post(`${API}/faults/${faultId}/rating`, { rating: 1 })).status).toBe(404);
      expect((await zhang.get(`${API}/faults?mine=false`)).body.items.map((item: { workflowId: string }) => item.workflowId)).not.toContain(faultId);
      // A vendor sees only faults it reported; this one is not theirs.
      expect((await clients.get('vendor')!.get(`${API}/faults/${faultId}`)).status).toBe(404);
    } finally {
      await stack.client.workflow.getHandle(faultId).terminate('test done').catch(() => undefined);
    }
  });
});
