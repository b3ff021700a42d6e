/**
 * What follows from master data once a review applies it, over HTTP (issue 12): an owner removed from a unit has
 * moved out, and the access revocation of the people who leave with them starts; a new owner gets a one-time link to
 * make their owner-portal account, by SMS to the mobile registered with them (over HTTP to the providers' simulator).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validIdDocument } from '../contracts/data-review';
import { NotificationRelay } from '../api/notifications/relay';
import { accessPeople, notificationDeliveries, notifications, ownerInvitations, owners, processInstances, processLinks, tasks } from '../db/schema';
import { startNotificationSimulator } from '../scripts/notification-simulator/simulator';
import { anonymous, signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
let stack: ApiTestStack;
const started: string[] = [];
let people: Record<string, SignedInClient>;
const USERNAMES = ['admin', 'checker', 'manager'];
const SMS_ACCOUNT = { accessKeyId: 'LTAI-effects', accessKeySecret: 'effects-secret', signName: '锦园物业', templateCode: 'SMS_200000002' };

beforeAll(async () => {
  stack = await startApiTestStack();
  const clients = await Promise.all(USERNAMES.map((username) => signIn(stack.baseUrl, username)));
  people = Object.fromEntries(USERNAMES.map((username, index) => [username, clients[index]]));
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const residentId = (digits17: string) => [...'0123456789X'].map((check) => `${digits17}${check}`).find((candidate) => validIdDocument('resident-id', candidate))!;

const openTask = (workflowId: string, stepId: string) =>
  eventually(async () => (await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, stepId), eq(tasks.status, 'open'))))[0]);

/** A change submitted by the admin, checked and approved second, and its review ended. */
async function throughReview(body: Record<string, unknown>): Promise<{ changeId: string; workflowId: string }> {
  const changeId = randomUUID();
  const response = await people.admin.post(`${API}/data-changes`, { changeId, ...body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  const { workflowId } = response.body as { workflowId: string };
  started.push(workflowId);
  for (const [username, stepId] of [['checker', 'checkChange'], ['manager', 'approveChange']] as const) {
    const task = await openTask(workflowId, stepId);
    const decided = await people[username].post(`${API}/tasks/${encodeURIComponent(task.id)}/complete`, { payload: { decision: 'approved' } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  }
  expect(await stack.client.workflow.getHandle(workflowId).result()).toMatchObject({ status: 'applied' });
  return { changeId, workflowId };
}

const personStatus = async (personId: string) => (await stack.db.select({ status: accessPeople.status }).from(accessPeople).where(eq(accessPeople.id, personId)))[0].status;

describe('effects that follow the data (issue 12)', () => {
  it('an owner removed from their unit has moved out: their access revocation starts; an owner who still owns a unit keeps their access', async () => {
    const { changeId, workflowId } = await throughReview({ action: 'remove-owner', unitId: 'b1-201', ownerId: 'o-li' });
    const revocationId = `access-revocation-moved-out-${changeId}-ap-li`;
    started.push(revocationId);
    // The revocation is a process of its own, linked from the review; it closes the person for new credentials first.
    const revocation = await stack.client.workflow.getHandle(revocationId).describe();
    expect(revocation.type).toBe('accessRevocation');
    await eventually(async () => ((await personStatus('ap-li')) === 'left' ? true : undefined));
    const [instance] = await stack.db.select().from(processInstances).where(eq(processInstances.workflowId, revocationId));
    expect(instance).toMatchObject({ process: 'access-revocation' });
    expect(await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, workflowId))).toEqual([
      expect.objectContaining({ toWorkflowId: revocationId, relation: 'access-revocation' }),
    ]);
    // The co-owner who stays keeps their access.
    expect(await personStatus('ap-wang')).toBe('active');

    // Zhang owns 101 and 102; his access entry is for no unit in particular: removed from 101, he still lives in 102.
    const zhang = await throughReview({ action: 'remove-owner', unitId: 'b1-101', ownerId: 'o-zhang' });
    const revocations = await stack.db.select().from(processInstances).where(like(processInstances.workflowId, `access-revocation-moved-out-${zhang.changeId}%`));
    expect(revocations).toEqual([]);
    expect(await personStatus('ap-zhang')).toBe('active');
  }, 90_000);

  it('a new owner registered without a mobile: the one-time link goes to the maker to hand over, and makes their owner-portal account', async () => {
    const document = residentId('11010519760504321');
    const { changeId } = await throughReview({ action: 'add-owner', unitId: 'b2-301', owner: { name: '冯七 Feng Qi', idDocument: { kind: 'resident-id', number: document } } });
    const ownerId = `o-${changeId}`;
    const [notice] = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, `owner-invitation-${ownerId}`));
    expect(notice.message).toContain('冯七 Feng Qi');
    expect(notice.recipientUsers).toEqual(['u-admin']);
    const token = /^\/invitation\/([A-Za-z0-9_-]{43})$/.exec(notice.link!)![1];
    // Only the token's hash is kept with the invitation.
    const [invitation] = await stack.db.select().from(ownerInvitations).where(eq(ownerInvitations.ownerId, ownerId));
    expect(invitation.tokenHash).not.toContain(token);

    const visitor = anonymous(stack.baseUrl);
    expect((await visitor.get(`${API}/auth/invitations/${token}`)).body).toMatchObject({ ownerName: '冯七 Feng Qi' });
    expectProblem(await visitor.get(`${API}/auth/invitations/${token.slice(1)}x`), 404, 'account.invitation-unknown');
    expectProblem(await visitor.post(`${API}/auth/invitations/${token}`, { username: 'fengqi', newPassword: 'short' }), 422, 'account.weak-password', 'newPassword');
    expectProblem(await visitor.post(`${API}/auth/invitations/${token}`, { username: 'admin', newPassword: 'a long enough phrase' }), 422, 'account.username-taken', 'username');
    const accepted = await visitor.post(`${API}/auth/invitations/${token}`, { username: 'fengqi', newPassword: 'a long enough phrase' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    // The link works once.
    expectProblem(await visitor.post(`${API}/auth/invitations/${token}`, { username: 'fengqi2', newPassword: 'a long enough phrase' }), 404, 'account.invitation-unknown');
    const owner = await signIn(stack.baseUrl, 'fengqi', 'a long enough phrase');
    expect(owner.user).toMatchObject({ id: 'u-fengqi', roles: ['owner'] });
    expect((await owner.get(`${API}/auth/me`)).body.user).toMatchObject({ ownerId });
  }, 60_000);

  it("a new owner registered with a mobile gets the one-time link by SMS; nobody's notice holds it, and the outbox forgets it once sent", async () => {
    const simulator = await startNotificationSimulator({ sms: SMS_ACCOUNT, wecom: { corpId: 'unused', secret: 'unused', agentId: 1, members: [] } });
    const relay = new NotificationRelay(stack.ctx, {
      ...stack.ctx.settings.notifications,
      sms: { url: simulator.url, ...SMS_ACCOUNT },
      publicUrl: 'https://steward.example.test',
      sendTimeoutMs: 2_000,
    });
    try {
      expectProblem(
        await people.admin.post(`${API}/data-changes`, { changeId: randomUUID(), action: 'add-owner', unitId: 'b2-301', owner: { name: '蒋九 Jiang Jiu', idDocument: { kind: 'resident-id', number: residentId('11010519800101123') }, mobile: '12345678901' } }),
        400,
        'request.body-invalid',
        'owner.mobile',
      );
      const { changeId } = await throughReview({ action: 'add-owner', unitId: 'b2-301', owner: { name: '蒋九 Jiang Jiu', idDocument: { kind: 'resident-id', number: residentId('11010519800101123') }, mobile: '13912345678' } });
      const ownerId = `o-${changeId}`;
      const [notice] = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, `owner-invitation-${ownerId}`));
      expect(notice.message).toContain('****5678');
      expect(notice.message).not.toContain('/invitation/');
      expect(notice.link).toBeNull();
      const [queued] = await stack.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notice.id));
      expect(queued).toMatchObject({ userId: null, channel: 'sms', address: '13912345678', status: 'pending' });

      const delivered = await eventually(async () => {
        await relay.deliverDue();
        return simulator.sms.find((message) => message.phone === '13912345678');
      });
      expect(delivered.content).toContain('蒋九 Jiang Jiu');
      const token = /https:\/\/steward\.example\.test\/invitation\/([A-Za-z0-9_-]{43})/.exec(delivered.content)![1];
      const [sent] = await stack.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, queued.id));
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, body: null, link: null });
      await relay.deliverDue();
      expect(simulator.sms.filter((message) => message.phone === '13912345678')).toHaveLength(1);

      const visitor = anonymous(stack.baseUrl);
      expect((await visitor.get(`${API}/auth/invitations/${token}`)).body).toMatchObject({ ownerName: '蒋九 Jiang Jiu' });
      expect((await visitor.post(`${API}/auth/invitations/${token}`, { username: 'jiangjiu', newPassword: 'a long enough phrase' })).status).toBe(201);
      expect((await stack.db.select({ mobile: owners.mobile }).from(owners).where(eq(owners.id, ownerId)))[0].mobile).toBe('13912345678');
    } finally {
      await relay.stop();
      await simulator.stop();
    }
  }, 60_000);
});
