/**
 * The unit register as administrators page through it (issue 12): keyset pages in unit-id order that together hold
 * every unit once, a search by part of a number, owners counted but not named, the buildings for a new unit; bad
 * paging is a 400 naming the field, and only data-review readers see it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, type HttpResponse, type SignedInClient } from './support/http-client';
import { startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
let admin: SignedInClient;

beforeAll(async () => {
  stack = await startApiTestStack();
  admin = await signIn(stack.baseUrl, 'admin');
});
afterAll(async () => {
  await stack?.stop();
});

function expectProblem(response: HttpResponse, status: number, code: string, field?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.body.code).toBe(code);
  if (field) expect((response.body.errors ?? []).map((error: { field: string }) => error.field)).toContain(field);
}

describe('the unit register (GET /units)', () => {
  it('pages through every unit once in unit-id order, and finds units by part of their number', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: HttpResponse = await admin.get(`${API}/units?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...response.body.items.map((unit: { unitId: string }) => unit.unitId));
      cursor = response.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(seen);
    for (const unitId of ['b1-101', 'b1-201', 'b1-302', 'b2-101', 'b2-302']) expect(seen).toContain(unitId);

    const found = await admin.get(`${API}/units?number=20&buildingId=b1`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((unit: { unitId: string }) => unit.unitId)).toEqual(expect.arrayContaining(['b1-201', 'b1-202']));
    for (const unit of found.body.items) expect(unit).toMatchObject({ buildingId: 'b1', buildingName: '1号楼 Building 1', number: expect.stringContaining('20') });
    const coOwned = found.body.items.find((unit: { unitId: string }) => unit.unitId === 'b1-201');
    // The co-owners are counted; who they are is on the unit's own page.
    expect(coOwned).toMatchObject({ ownerCount: 2, use: 'residential', deliveryStatus: 'sold-delivered', active: true });
    expect(JSON.stringify(found.body)).not.toContain('李娜');

    const wildcard = await admin.get(`${API}/units?number=${encodeURIComponent('%')}`);
    expect(wildcard.body.items).toEqual([]);
  });

  it('refuses a bad cursor or limit naming the field, and anyone who may not read master data', async () => {
    expectProblem(await admin.get(`${API}/units?cursor=${encodeURIComponent('B1 101')}`), 400, 'request.query-invalid', 'query.cursor');
    expectProblem(await admin.get(`${API}/units?limit=500`), 400, 'request.query-invalid', 'query.limit');
    const guard = await signIn(stack.baseUrl, 'guard1');
    expectProblem(await guard.get(`${API}/units`), 403, 'auth.needs-role');
    expectProblem(await guard.get(`${API}/buildings`), 403, 'auth.needs-role');
  });

  it('lists the buildings a new unit may be entered in', async () => {
    const response = await admin.get(`${API}/buildings`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual(expect.arrayContaining([{ buildingId: 'b1', name: '1号楼 Building 1' }, { buildingId: 'b2', name: '2号楼 Building 2' }]));
  });
});
