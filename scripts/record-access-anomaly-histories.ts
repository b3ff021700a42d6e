import { eq } from 'drizzle-orm';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { accessLogWriter } from '../api/use-cases/access-log';
import { loadConfig } from '../config';
import { accessAlerts } from '../db/schema';
import { DEMO_USERS } from '../db/seed/demo-community';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { recordHistories } from './history-recording';

/** One person's records over the limit of one: the many-people rule fires and starts the review. */
async function tripManyPeople(ctx: ApiContext, username: string): Promise<string> {
  const demo = DEMO_USERS.find((candidate) => candidate.username === username)!;
  const user: SessionUser = { id: demo.id, username, displayName: demo.displayName, roles: [...demo.roles], ownerId: null, vendorId: null };
  const settings = loadConfig({ ACCESS_ANOMALY_PEOPLE_LIMIT: '1', ACCESS_STAFF_HOURS: '00:00-24:00' }).api.accessLog;
  const write = accessLogWriter({ ...ctx, settings: { ...ctx.settings, accessLog: settings } });
  for (const personId of ['ap-zhang', 'ap-li']) {
    await write({ user, kind: 'person-record', scope: 'record', recordIds: [personId], subjectIds: [personId], self: false, route: 'GET /api/v1/access/people/:personId', ip: '127.0.0.1' });
  }
  const [alert] = await ctx.db.select().from(accessAlerts).where(eq(accessAlerts.actorId, user.id));
  return alert.workflowId;
}

/**
 * Records histories of the access-anomaly process into test/replay/access-anomaly/, for the replay test.
 * Run again (npm run record-histories:access-anomaly) when a change is meant to alter histories, behind patched().
 */
recordHistories({
  taskQueue: 'record-access-anomaly-histories',
  scenarios: {
    'access-anomaly/legitimate': async ({ ctx, client, db }) => {
      const workflowId = await tripManyPeople(ctx, 'hr');
      const task = await openTask(db, workflowId, 'reviewAnomaly');
      await complete(client, workflowId, task.id, actor('secsup'), { finding: 'legitimate', note: 'Annual staff records check' });
      return workflowId;
    },
    'access-anomaly/misuse': async ({ ctx, client, db }) => {
      const workflowId = await tripManyPeople(ctx, 'tech1');
      const task = await openTask(db, workflowId, 'reviewAnomaly');
      await complete(client, workflowId, task.id, actor('secsup'), { finding: 'misuse', note: 'No work order needed these records' });
      return workflowId;
    },
  },
});
