import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../api/auth/session';
import { draftAnnouncement } from '../api/use-cases/announcements';
import { announcementRequest, type AnnouncementRequest } from '../contracts/announcements';
import type { Database } from '../db/client';
import { users } from '../db/schema';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { recordHistories, type RecordingEnv } from './history-recording';

async function sessionUser(db: Database, username: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, ownerId: user.ownerId, vendorId: user.vendorId };
}

const draft = async (env: RecordingEnv, username: string, request: Omit<AnnouncementRequest, 'announcementId'>) =>
  (await draftAnnouncement(env.ctx, await sessionUser(env.db, username), announcementRequest.parse({ announcementId: randomUUID(), ...request }))).workflowId;

const act = async ({ client, db }: RecordingEnv, workflowId: string, stepId: string, username: string, payload: Record<string, unknown>) =>
  complete(client, workflowId, (await openTask(db, workflowId, stepId)).id, actor(username), payload);

/**
 * Records histories of the announcement process into test/replay/announcement/, for the replay test. Run again
 * (npm run record-histories:announcement) when a change is meant to alter histories.
 */
recordHistories({
  scenarios: {
    // Returned once, corrected by its drafter, approved and published to a building's owners.
    'announcement/returned-published': async (env) => {
      const workflowId = await draft(env, 'admin', { title: '1号楼停水通知', body: '明日 9:00–12:00 停水，请提前储水。', audience: 'building', buildingId: 'b1' });
      await act(env, workflowId, 'approveAnnouncement', 'manager', { decision: 'returned', reasons: '请写明联系电话' });
      await act(env, workflowId, 'correctAnnouncement', 'admin', { title: '1号楼停水通知', body: '明日 9:00–12:00 停水。咨询电话 8888-0000。', pinned: true });
      await act(env, workflowId, 'approveAnnouncement', 'manager', { decision: 'approved' });
      return workflowId;
    },
    // Approved at once, to named units, with an expiry.
    'announcement/units-published': async (env) => {
      const workflowId = await draft(env, 'admin', { title: '201室燃气检查', body: '周五上午入户检查燃气管道。', audience: 'units', unitIds: ['b1-201'], expiresAt: '2099-01-01T00:00:00.000Z' });
      await act(env, workflowId, 'approveAnnouncement', 'manager', { decision: 'approved' });
      return workflowId;
    },
  },
});
