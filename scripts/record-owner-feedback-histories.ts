import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../api/auth/session';
import { submitFeedback } from '../api/use-cases/owner-feedback';
import type { FeedbackSubmission } from '../contracts/owner-feedback';
import type { Database } from '../db/client';
import { stepEvents, users } from '../db/schema';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { recordHistories, type RecordingEnv } from './history-recording';

async function sessionUser(db: Database, username: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, ownerId: user.ownerId, vendorId: user.vendorId };
}

async function submit(env: RecordingEnv, username: string, feedback: Omit<FeedbackSubmission, 'feedbackId' | 'photos'>, ctx = env.ctx) {
  return (await submitFeedback(ctx, await sessionUser(env.db, username), { feedbackId: randomUUID(), photos: [], ...feedback })).workflowId;
}

const act = async ({ client, db }: RecordingEnv, workflowId: string, stepId: string, username: string, payload: Record<string, unknown>) =>
  complete(client, workflowId, (await openTask(db, workflowId, stepId)).id, actor(username), payload);

/**
 * Records histories of the owner-feedback process into test/replay/owner-feedback/, for the replay test. Run again
 * (npm run record-histories:owner-feedback) when a change is meant to alter histories.
 */
recordHistories({
  scenarios: {
    // Followed up, reopened once by the owner, resolved again, confirmed and rated.
    'owner-feedback/reopened-confirmed': async (env) => {
      const workflowId = await submit(env, 'owner-zhang', { category: 'complaint', text: '电梯间夜里灯一直不亮', place: { buildingId: 'b1', unitId: 'b1-101' } });
      await act(env, workflowId, 'firstReply', 'secsup', { reply: '已收到，安排电工查看', resolved: false });
      await act(env, workflowId, 'followUp', 'secsup', { reply: '已更换灯具', resolved: true });
      await act(env, workflowId, 'confirmResolution', 'owner-zhang', { confirmed: false, comment: '还是一闪一闪的' });
      await act(env, workflowId, 'followUp', 'techsup', { reply: '已更换镇流器', resolved: true });
      await act(env, workflowId, 'confirmResolution', 'owner-zhang', { confirmed: true, rating: 4 });
      return workflowId;
    },
    // Nobody replies in time: the supervisors, then management are told; management answers.
    'owner-feedback/late-escalated': async (env) => {
      const settings = env.ctx.settings.ownerFeedback;
      const ctx = { ...env.ctx, settings: { ...env.ctx.settings, ownerFeedback: { ...settings, timings: { ...settings.timings, firstReplyDueMs: 1_000, managementAfterMs: 1_000 } } } };
      const workflowId = await submit(env, 'owner-li', { category: 'inquiry', text: '请问物业费可以按季度缴纳吗', place: { buildingId: 'b1' } }, ctx);
      await eventually(async () => ((await env.db.select().from(stepEvents).where(eq(stepEvents.workflowId, workflowId))).some((event) => event.stepId === 'escalatedToManagement') ? true : undefined));
      await act(env, workflowId, 'firstReply', 'manager', { reply: '可以，请到服务中心办理', resolved: true });
      await act(env, workflowId, 'confirmResolution', 'owner-li', { confirmed: true, rating: 3 });
      return workflowId;
    },
    // Resolved, but the owner never answers: closed unconfirmed.
    'owner-feedback/unconfirmed': async (env) => {
      const settings = env.ctx.settings.ownerFeedback;
      const ctx = { ...env.ctx, settings: { ...env.ctx.settings, ownerFeedback: { ...settings, timings: { ...settings.timings, confirmationDueMs: 1_000 } } } };
      const workflowId = await submit(env, 'owner-zhang', { category: 'inquiry', text: '请问快递柜在哪里', place: { buildingId: 'b1' } }, ctx);
      await act(env, workflowId, 'firstReply', 'techsup', { reply: '在一号楼大堂东侧', resolved: true });
      return workflowId;
    },
    'owner-feedback/suggestion-adopted': async (env) => {
      const workflowId = await submit(env, 'owner-li', { category: 'suggestion', text: '建议在二号楼门口加装雨棚', place: { buildingId: 'b2' } });
      await act(env, workflowId, 'assessSuggestion', 'secsup', { decision: 'adopt', reason: '雨天门口湿滑，确有需要', improvementTitle: '二号楼入口加装雨棚' });
      return workflowId;
    },
    'owner-feedback/suggestion-declined': async (env) => {
      const workflowId = await submit(env, 'owner-zhang', { category: 'suggestion', text: '建议把草坪改成停车位', place: { buildingId: 'b1' } });
      await act(env, workflowId, 'assessSuggestion', 'techsup', { decision: 'decline', reason: '绿地面积须符合规划要求' });
      return workflowId;
    },
  },
});
