import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnouncementDetail, AnnouncementSummary } from '../contracts/announcements';
import { announcementReads, announcements, notifications, tasks } from '../db/schema';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';

let stack: ApiTestStack;
const started: string[] = [];
const people: Record<string, SignedInClient> = {};

beforeAll(async () => {
  stack = await startApiTestStack();
  for (const username of ['admin', 'manager', 'owner-zhang', 'owner-li', 'owner-wang', 'developer']) people[username] = await signIn(stack.baseUrl, username);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const draft = (overrides: Record<string, unknown> = {}) => ({
  announcementId: randomUUID(),
  title: '1号楼停水通知',
  body: '因管道维修，1号楼明日 9:00–12:00 停水，请提前储水。',
  audience: 'building',
  buildingId: 'b1',
  ...overrides,
});

async function submit(username: string, body: Record<string, unknown>) {
  const response = await people[username].post(`${API}/announcements`, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  started.push(response.body.workflowId);
  return response.body.workflowId as string;
}

const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

async function complete(username: string, taskId: string, payload: unknown) {
  const response = await people[username].post(`${API}/tasks/${encodeURIComponent(taskId)}/complete`, { payload });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

const published = (workflowId: string) => eventually(async () => (await stack.db.select().from(announcements).where(eq(announcements.workflowId, workflowId)))[0]);

async function listed(username: string): Promise<AnnouncementSummary[]> {
  const response = await people[username].get(`${API}/announcements`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.items;
}

async function approve(workflowId: string) {
  await complete('manager', (await openTask(workflowId, 'approveAnnouncement')).id, { decision: 'approved' });
  return published(workflowId);
}

describe('community announcements (P4.1a)', () => {
  it('drafted, returned, corrected, approved and published to a building: its owners are told and read it; the read count goes up once per owner', async () => {
    const workflowId = await submit('admin', draft());
    const approval = await openTask(workflowId, 'approveAnnouncement');
    expect(approval.candidateRoles).toEqual(['management']);

    // Returning needs the reasons, named against their field.
    const unsaid = await people.manager.post(`${API}/tasks/${encodeURIComponent(approval.id)}/complete`, { payload: { decision: 'returned' } });
    expectProblem(unsaid, 422, 'task.form-invalid', 'payload.reasons');
    await complete('manager', approval.id, { decision: 'returned', reasons: '请写明停水原因和联系电话' });

    // Back to its drafter, with the draft to correct.
    const correction = await openTask(workflowId, 'correctAnnouncement');
    expect(correction.candidateUsers).toEqual(['u-admin']);
    await complete('admin', correction.id, { title: '1号楼停水通知（更正）', body: '因主管道维修，1号楼明日 9:00–12:00 停水。咨询电话 8888-0000。', pinned: true });

    const row = await approve(workflowId);
    expect(row).toMatchObject({ title: '1号楼停水通知（更正）', pinned: true, audience: 'building', buildingId: 'b1', drafterId: 'u-admin' });
    // The owners of b1's units with an account: 张明, 李娜, 王芳, 钱进, 陈刚, 赵丽 (not the developer, whose units are in b2).
    expect(row.audienceSize).toBe(6);
    const [told] = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, `${workflowId}.published`));
    expect(told.recipientRoles).toEqual([]);
    expect([...told.recipientUsers].sort()).toEqual(['u-committee', 'u-owner-chen', 'u-owner-li', 'u-owner-wang', 'u-owner-zhang', 'u-owner-zhao']);
    expect(told.link).toBe(`/announcements/${encodeURIComponent(workflowId)}`);

    // An owner of the building lists and reads it; reading again counts once.
    expect((await listed('owner-zhang')).find((item) => item.workflowId === workflowId)).toMatchObject({ pinned: true, read: false });
    const page = await people['owner-zhang'].get(`${API}/announcements/${encodeURIComponent(workflowId)}`);
    expect(page.status).toBe(200);
    expect((page.body as AnnouncementDetail).receipts).toBeNull();
    expect((await people['owner-zhang'].post(`${API}/announcements/${encodeURIComponent(workflowId)}/read`)).body).toEqual({ recorded: true });
    expect((await people['owner-zhang'].post(`${API}/announcements/${encodeURIComponent(workflowId)}/read`)).body).toEqual({ recorded: false });
    expect((await listed('owner-zhang')).find((item) => item.workflowId === workflowId)?.read).toBe(true);
    expect(await stack.db.select().from(announcementReads).where(eq(announcementReads.announcementId, workflowId))).toHaveLength(1);

    // The drafter and management see the receipts; a staff member's own opening is no owner's read.
    for (const username of ['admin', 'manager']) {
      const seen = await people[username].get(`${API}/announcements/${encodeURIComponent(workflowId)}`);
      expect((seen.body as AnnouncementDetail).receipts).toEqual({ readCount: 1, audienceSize: 6 });
    }
    expect((await people.manager.post(`${API}/announcements/${encodeURIComponent(workflowId)}/read`)).body).toEqual({ recorded: false });

    // An owner elsewhere (the developer owns only b2's units) neither lists nor opens it.
    expect((await listed('developer')).map((item) => item.workflowId)).not.toContain(workflowId);
    expectProblem(await people.developer.get(`${API}/announcements/${encodeURIComponent(workflowId)}`), 404, 'announcement.unknown');
    expectProblem(await people.developer.post(`${API}/announcements/${encodeURIComponent(workflowId)}/read`), 404, 'announcement.unknown');
  });

  it('named units reach their co-owners only; the drafter cannot approve their own; pinned ones come first; an expired one is no longer listed', async () => {
    const units = await submit('admin', draft({ title: '201室燃气检查', audience: 'units', buildingId: undefined, unitIds: ['b1-201'] }));
    expect((await approve(units)).audienceSize).toBe(2);
    expect((await listed('owner-li')).map((item) => item.workflowId)).toContain(units);
    expect((await listed('owner-wang')).map((item) => item.workflowId)).toContain(units);
    expect((await listed('owner-zhang')).map((item) => item.workflowId)).not.toContain(units);

    // Management drafted this one: its drafter may not approve it; it waits for another manager.
    const own = await submit('manager', draft({ title: '物业服务中心搬迁', audience: 'all', buildingId: undefined }));
    const pinned = await submit('admin', draft({ title: '全体业主：春节安全提示', audience: 'all', buildingId: undefined, pinned: true }));
    const expiring = await submit('admin', draft({ title: '今日电梯保养', audience: 'all', buildingId: undefined, expiresAt: new Date(Date.now() + 4_000).toISOString() }));
    await approve(pinned);
    await approve(expiring);
    const ownTask = await eventually(async () => {
      const task = await openTask(own, 'approveAnnouncement');
      // The drafter may neither claim nor complete their own announcement's approval (four eyes).
      expectProblem(await people.manager.post(`${API}/tasks/${encodeURIComponent(task.id)}/claim`), 403, 'task.own-change');
      expectProblem(await people.manager.post(`${API}/tasks/${encodeURIComponent(task.id)}/complete`, { payload: { decision: 'approved' } }), 403, 'task.own-change');
      return task;
    });
    expect((await stack.db.select().from(tasks).where(eq(tasks.id, ownTask.id)))[0].status).toBe('open');
    expect(await stack.db.select().from(announcements).where(eq(announcements.workflowId, own))).toEqual([]);

    const li = await listed('owner-li');
    expect(li[0].pinned).toBe(true);
    expect(li.map((item) => item.workflowId)).toEqual(expect.arrayContaining([pinned, expiring]));
    // Expired: no longer listed to owners (polled, not slept).
    await eventually(async () => ((await listed('owner-li')).some((item) => item.workflowId === expiring) ? undefined : true), 15_000, 200);
    expectProblem(await people['owner-li'].get(`${API}/announcements/${encodeURIComponent(expiring)}`), 404, 'announcement.unknown');
    // Staff still find it, marked by its expiry.
    expect((await listed('manager')).find((item) => item.workflowId === expiring)?.expiresAt).not.toBeNull();
  });

  it('bad drafts are refused against their field, and owners cannot draft', async () => {
    expectProblem(await people.admin.post(`${API}/announcements`, draft({ buildingId: undefined })), 400, 'request.body-invalid', 'buildingId');
    expectProblem(await people.admin.post(`${API}/announcements`, draft({ audience: 'units', buildingId: undefined, unitIds: [] })), 400, 'request.body-invalid', 'unitIds');
    expectProblem(await people.admin.post(`${API}/announcements`, draft({ buildingId: 'b9' })), 422, 'announcement.unknown-audience', 'buildingId');
    expectProblem(await people.admin.post(`${API}/announcements`, draft({ audience: 'units', buildingId: undefined, unitIds: ['b1-101', 'b9-999'] })), 422, 'announcement.unknown-audience', 'unitIds.1');
    expectProblem(await people.admin.post(`${API}/announcements`, draft({ expiresAt: '2020-01-01T00:00:00Z' })), 422, 'announcement.expiry-past', 'expiresAt');
    expectProblem(await people.admin.post(`${API}/announcements`, draft({ title: '' })), 400, 'request.body-invalid', 'title');
    const refused = await people['owner-zhang'].post(`${API}/announcements`, draft());
    expect(refused.status).toBe(403);
  });
});
