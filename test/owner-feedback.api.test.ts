import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackDetail } from '../contracts/owner-feedback';
import { submitFeedback } from '../api/use-cases/owner-feedback';
import { attachments, improvementItems, ownerFeedback, processLinks, stepEvents, tasks, users } from '../db/schema';
import type { OwnerFeedbackOutcome } from '../workflows/owner-feedback/messages';
import { signIn, type SignedInClient } from './support/http-client';
import { processNotices } from './support/notices';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
/** A tiny PNG: stored and served back, never shown. */
const PNG = `data:image/png;base64,${Buffer.from('\x89PNG\r\n\x1a\nfeedback-photo').toString('base64')}`;

let stack: ApiTestStack;
const started: string[] = [];
const people: Record<string, SignedInClient> = {};

beforeAll(async () => {
  // The first reply is late after 2 s and management is told 2 s later: every wait of the process is an input.
  stack = await startApiTestStack({}, undefined, { FEEDBACK_FIRST_REPLY_MINUTES: '2s', FEEDBACK_MANAGEMENT_AFTER_MINUTES: '2s' });
  // Customer service has one member here: complaints go to them.
  await stack.db.update(users).set({ department: 'customer-service' }).where(eq(users.id, 'u-tech2'));
  for (const username of ['owner-zhang', 'owner-li', 'tech1', 'tech2', 'secsup', 'manager']) people[username] = await signIn(stack.baseUrl, username);
});
afterAll(async () => {
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

const feedback = (overrides: Record<string, unknown> = {}) => ({
  feedbackId: randomUUID(),
  category: 'complaint',
  text: '电梯间夜里灯一直不亮 The lift lobby light is out at night',
  place: { buildingId: 'b1', unitId: 'b1-101' },
  ...overrides,
});

async function submit(username: string, body: Record<string, unknown>) {
  const response = await people[username].post(`${API}/owner-feedback`, body);
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

const passed = (workflowId: string, stepId: string) =>
  eventually(async () => ((await stack.db.select().from(stepEvents).where(and(eq(stepEvents.workflowId, workflowId), eq(stepEvents.stepId, stepId)))).length > 0 ? true : undefined));

describe('owner feedback (P4.1b)', () => {
  it('a late first reply escalates to the supervisors, then management; the owner reopens once, then confirms and rates', async () => {
    const workflowId = await submit('owner-zhang', feedback());
    const first = await openTask(workflowId, 'firstReply');
    // The department's staff are the candidates.
    expect(first.candidateUsers).toEqual(['u-tech2']);

    // Nobody replies: the supervisors are told and join, then management.
    await passed(workflowId, 'escalatedToManagement');
    const notices = await processNotices(stack.db, workflowId);
    expect(notices.map((notice) => [notice.dedupeKey, notice.recipientRoles])).toEqual([
      [`${first.id}.late`, ['security-supervisor', 'tech-supervisor']],
      [`${first.id}.management`, ['management']],
    ]);
    const escalated = (await stack.db.select().from(tasks).where(eq(tasks.id, first.id)))[0];
    expect(escalated.candidateRoles).toEqual(['security-supervisor', 'tech-supervisor', 'management']);

    // Management answers: the owner is told, with the way to the feedback's page.
    await complete('manager', first.id, { reply: '已安排电工今晚更换灯具', resolved: true });
    const confirmation = await openTask(workflowId, 'confirmResolution');
    expect(confirmation.candidateUsers).toEqual(['u-owner-zhang']);
    const told = (await processNotices(stack.db, workflowId)).find((notice) => notice.dedupeKey === `${first.id}.answered`);
    expect(told).toMatchObject({ recipientUsers: ['u-owner-zhang'], link: `/feedback/${encodeURIComponent(workflowId)}` });

    // Reopening needs a reason; confirming needs a rating: each refusal names its field.
    const unsaid = await people['owner-zhang'].post(`${API}/tasks/${encodeURIComponent(confirmation.id)}/complete`, { payload: { confirmed: false } });
    expectProblem(unsaid, 422, 'task.form-invalid', 'payload.comment');
    await complete('owner-zhang', confirmation.id, { confirmed: false, comment: '灯换了，但还是一闪一闪的' });

    // Back to the department with the owner's reason.
    const followUp = await openTask(workflowId, 'followUp');
    expect(followUp.candidateUsers).toEqual(['u-tech2']);
    expect(followUp.context).toMatchObject({ reopenReason: '灯换了，但还是一闪一闪的' });
    await complete('tech2', followUp.id, { reply: '已更换镇流器，灯不再闪烁', resolved: true });

    const second = await openTask(workflowId, 'confirmResolution');
    const unrated = await people['owner-zhang'].post(`${API}/tasks/${encodeURIComponent(second.id)}/complete`, { payload: { confirmed: true } });
    expectProblem(unrated, 422, 'task.form-invalid', 'payload.rating');
    await complete('owner-zhang', second.id, { confirmed: true, rating: 4, comment: '处理及时' });

    const outcome = (await stack.client.workflow.getHandle(workflowId).result()) as OwnerFeedbackOutcome;
    expect(outcome).toEqual({ category: 'complaint', resolution: 'confirmed', rating: 4, reopenCount: 1, escalated: 'management', improvementId: null });

    // The owner sees every reply and follow-up, in order, and how it ended.
    const page = await people['owner-zhang'].get(`${API}/owner-feedback/${workflowId}`);
    expect(page.status).toBe(200);
    const detail = page.body as FeedbackDetail;
    expect(detail).toMatchObject({ status: 'completed', resolution: 'confirmed', rating: 4, department: 'customer-service', replies: 2, mine: true });
    expect(detail.thread.map((message) => [message.side, message.kind, message.text])).toEqual([
      ['staff', 'reply', '已安排电工今晚更换灯具'],
      ['owner', 'reopened', '灯换了，但还是一闪一闪的'],
      ['staff', 'reply', '已更换镇流器，灯不再闪烁'],
      ['owner', 'confirmed', '处理及时'],
    ]);
    const mine = await people['owner-zhang'].get(`${API}/owner-feedback`);
    expect(mine.body.items.map((item: { workflowId: string }) => item.workflowId)).toContain(workflowId);

    // Another owner cannot read it, nor can staff who never had it; the staff member who replied can.
    expectProblem(await people['owner-li'].get(`${API}/owner-feedback/${workflowId}`), 404, 'feedback.unknown');
    expect((await people['owner-li'].get(`${API}/owner-feedback`)).body.items.map((item: { workflowId: string }) => item.workflowId)).not.toContain(workflowId);
    expectProblem(await people.tech1.get(`${API}/owner-feedback/${workflowId}`), 404, 'feedback.unknown');
    expect((await people.tech2.get(`${API}/owner-feedback/${workflowId}`)).status).toBe(200);
  }, 90_000);

  it('an adopted suggestion becomes an improvement item linked to it; its photo is the owner’s and the department’s only', async () => {
    const workflowId = await submit('owner-li', feedback({ category: 'suggestion', text: '建议在二号楼门口加装雨棚', place: { buildingId: 'b2' }, photos: [PNG] }));
    const assessment = await openTask(workflowId, 'assessSuggestion');
    // Suggestions go to management (FEEDBACK_DEPARTMENTS), where nobody is: the supervisors assess it.
    expect(assessment).toMatchObject({ candidateUsers: [], candidateRoles: ['security-supervisor', 'tech-supervisor'] });
    expect((assessment.context as { photos: string[] }).photos).toEqual([`/api/v1/owner-feedback/${encodeURIComponent(workflowId)}/photos/${encodeURIComponent((await stack.db.select().from(ownerFeedback).where(eq(ownerFeedback.workflowId, workflowId)))[0].photoIds[0])}`]);

    const photoPath = (assessment.context as { photos: string[] }).photos[0];
    const photo = await people['owner-li'].get(photoPath);
    expect(photo.status).toBe(200);
    expect(photo.contentType).toMatch(/^image\/png/);
    expect((await people.secsup.get(photoPath)).status).toBe(200);
    expect((await people['owner-zhang'].get(photoPath)).status).toBe(404);

    const incomplete = await people.secsup.post(`${API}/tasks/${encodeURIComponent(assessment.id)}/complete`, { payload: { decision: 'adopt', reason: '确有需要' } });
    expectProblem(incomplete, 422, 'task.form-invalid', 'payload.improvementTitle');
    await complete('secsup', assessment.id, { decision: 'adopt', reason: '雨天门口湿滑，确有需要', improvementTitle: '二号楼入口加装雨棚' });
    const outcome = (await stack.client.workflow.getHandle(workflowId).result()) as OwnerFeedbackOutcome;
    expect(outcome).toMatchObject({ resolution: 'adopted', improvementId: `improvement-${workflowId}` });
    expect(await stack.db.select().from(improvementItems).where(eq(improvementItems.sourceWorkflowId, workflowId))).toMatchObject([
      { id: `improvement-${workflowId}`, title: '二号楼入口加装雨棚', department: 'management', status: 'open' },
    ]);
    expect(await stack.db.select().from(processLinks).where(eq(processLinks.fromWorkflowId, workflowId))).toMatchObject([{ toWorkflowId: `improvement-${workflowId}`, relation: 'improvement' }]);
    const detail = (await people['owner-li'].get(`${API}/owner-feedback/${workflowId}`)).body as FeedbackDetail;
    expect(detail.thread.map((message) => [message.kind, message.text])).toEqual([['assessment', '雨天门口湿滑，确有需要']]);
  }, 60_000);

  it('a resolution the owner leaves unanswered closes unconfirmed, and the owner is told', async () => {
    const settings = stack.ctx.settings.ownerFeedback;
    const ctx = { ...stack.ctx, settings: { ...stack.ctx.settings, ownerFeedback: { ...settings, timings: { ...settings.timings, firstReplyDueMs: 60_000, confirmationDueMs: 1_000 } } } };
    const { workflowId } = await submitFeedback(ctx, { ...people['owner-zhang'].user, ownerId: 'o-zhang', vendorId: null }, { feedbackId: randomUUID(), category: 'inquiry', text: '请问快递柜在哪里', place: { buildingId: 'b1' }, photos: [] });
    started.push(workflowId);
    await complete('tech2', (await openTask(workflowId, 'firstReply')).id, { reply: '在一号楼大堂东侧', resolved: true });
    const outcome = (await stack.client.workflow.getHandle(workflowId).result()) as OwnerFeedbackOutcome;
    expect(outcome).toMatchObject({ resolution: 'unconfirmed', rating: null, escalated: null });
    expect((await stack.db.select().from(tasks).where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'confirmResolution')))).map((task) => task.status)).toEqual(['cancelled']);
    expect((await processNotices(stack.db, workflowId)).map((notice) => notice.dedupeKey)).toContain(`${workflowId}.closed`);
    expect((await people['owner-zhang'].get(`${API}/owner-feedback/${workflowId}`)).body).toMatchObject({ resolution: 'unconfirmed', status: 'completed' });
  }, 60_000);

  it('refuses bad input with the field at fault, and writes nothing', async () => {
    const owner = people['owner-zhang'];
    const cases: Array<[Record<string, unknown>, number, string, string]> = [
      [feedback({ category: 'praise' }), 400, 'request.body-invalid', 'category'],
      [feedback({ text: 'x' }), 400, 'request.body-invalid', 'text'],
      [feedback({ photos: ['data:image/gif;base64,R0lGOD'] }), 400, 'request.body-invalid', 'photos.0'],
      [feedback({ photos: [PNG, PNG, PNG, PNG] }), 400, 'request.body-invalid', 'photos'],
      [feedback({ place: { buildingId: 'b9' } }), 422, 'feedback.unknown-place', 'place.buildingId'],
      [feedback({ place: { buildingId: 'b2', unitId: 'b1-101' } }), 422, 'feedback.unit-not-in-building', 'place.unitId'],
      // Another owner's unit.
      [feedback({ place: { buildingId: 'b1', unitId: 'b1-201' } }), 403, 'feedback.own-units-only', 'place.unitId'],
    ];
    for (const [body, status, code, field] of cases) {
      expectProblem(await owner.post(`${API}/owner-feedback`, body), status, code, field);
      expect(await stack.db.select().from(ownerFeedback).where(eq(ownerFeedback.workflowId, `owner-feedback-${body.feedbackId as string}`))).toEqual([]);
      expect(await stack.db.select().from(attachments).where(eq(attachments.recordId, `owner-feedback-${body.feedbackId as string}`))).toEqual([]);
    }
    // Staff do not submit owners' feedback.
    expectProblem(await people.tech1.post(`${API}/owner-feedback`, feedback()), 403, 'auth.needs-role');
    // A retried submission is one feedback and one process.
    const body = feedback({ category: 'inquiry', text: '请问物业费可以按季度缴纳吗' });
    const workflowId = await submit('owner-zhang', body);
    expect(await submit('owner-zhang', body)).toBe(workflowId);
    expect(await stack.db.select().from(ownerFeedback).where(eq(ownerFeedback.workflowId, workflowId))).toHaveLength(1);
  }, 60_000);
});
