import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { SessionUser } from '../api/auth/session';
import ExcelJS from 'exceljs';
import { submitImport } from '../api/use-cases/data-import';
import { registerPerson } from '../api/use-cases/access-control/people';
import { correctChange, submitChange, withdrawChange } from '../api/use-cases/data-review';
import { correctShiftChange, submitShiftChange } from '../api/use-cases/guard-roster';
import { submitResidentChange } from '../api/use-cases/residents';
import { newResidentId } from '../contracts/residents';
import { headerText, IMPORT_TEMPLATES } from '../contracts/import-templates';
import type { DataChangeProposal } from '../contracts/data-review';
import type { Database } from '../db/client';
import { dataChanges, users } from '../db/schema';
import { actor, complete, openTask } from '../test/support/fault-scenarios';
import { eventually } from '../test/support/poll';
import { recordHistories, type RecordingEnv } from './history-recording';

async function sessionUser(db: Database, username: string): Promise<SessionUser> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles, ownerId: user.ownerId, vendorId: user.vendorId };
}

async function submit({ ctx, db }: RecordingEnv, proposal: DataChangeProposal) {
  return submitChange(ctx, await sessionUser(db, 'admin'), { changeId: randomUUID(), ...proposal });
}

const decide = async ({ client, db }: RecordingEnv, workflowId: string, stepId: string, username: string, payload: Record<string, unknown>) =>
  complete(client, workflowId, (await openTask(db, workflowId, stepId)).id, actor(username), payload);

/** The draft reopens for correction once its return is recorded (after its task opens). */
const returned = (env: RecordingEnv, workflowId: string) =>
  eventually(async () => {
    await openTask(env.db, workflowId, 'correctChange');
    const [row] = await env.db.select().from(dataChanges).where(eq(dataChanges.workflowId, workflowId));
    return row?.status === 'returned' ? row : undefined;
  });

/**
 * Records histories of the data-review process into test/replay/data-review/, for the replay test. Run again
 * (npm run record-histories:data-review) when a change is meant to alter histories.
 */
recordHistories({
  scenarios: {
    'data-review/returned-corrected-approved': async (env) => {
      const proposal: DataChangeProposal = { action: 'add-owner', unitId: 'b1-302', owner: { name: '孙悦 Sun Yue', idDocument: { kind: 'resident-id', number: '11010519491231002X' } } };
      const { changeId, workflowId } = await submit(env, proposal);
      await decide(env, workflowId, 'checkChange', 'checker', { decision: 'returned', reasons: 'The name is 孙月 on the ID card' });
      await returned(env, workflowId);
      await correctChange(env.ctx, await sessionUser(env.db, 'admin'), changeId, { ...proposal, owner: { name: '孙月 Sun Yue', idDocument: { kind: 'resident-id', number: '11010519491231002X' } } });
      await decide(env, workflowId, 'checkChange', 'checker', { decision: 'approved' });
      await decide(env, workflowId, 'approveChange', 'manager', { decision: 'approved' });
      return workflowId;
    },
    'data-review/returned-withdrawn': async (env) => {
      const { changeId, workflowId } = await submit(env, { action: 'change', unitId: 'b2-101', unit: { use: 'commercial' } });
      await decide(env, workflowId, 'checkChange', 'checker', { decision: 'returned', reasons: 'It is still a home' });
      await returned(env, workflowId);
      await withdrawChange(env.ctx, await sessionUser(env.db, 'admin'), changeId);
      return workflowId;
    },
    // An owner removed from their unit moves out: the review starts the access revocation of the people who leave.
    'data-review/move-out-revokes-access': async (env) => {
      const { workflowId } = await submit(env, { action: 'remove-owner', unitId: 'b1-201', ownerId: 'o-li' });
      await decide(env, workflowId, 'checkChange', 'checker', { decision: 'approved' });
      await decide(env, workflowId, 'approveChange', 'manager', { decision: 'approved' });
      return workflowId;
    },
    // A tenant enrolled at the door moves out: the approved move-out starts the access revocation of their entry.
    'data-review/resident-move-out': async (env) => {
      const admin = await sessionUser(env.db, 'admin');
      const entered = await submitResidentChange(env.ctx, admin, {
        changeId: randomUUID(),
        action: 'create',
        resident: { unitId: 'b2-102', name: '褚三 Chu San', relation: 'tenant', phone: '13900139000', idDocument: { kind: 'resident-id', number: '11010519491231002X' }, moveInDate: '2026-01-15' },
      });
      await decide(env, entered.workflowId, 'checkChange', 'checker', { decision: 'approved' });
      await env.client.workflow.getHandle(entered.workflowId).result();
      const residentId = newResidentId(entered.changeId);
      await registerPerson(env.ctx, { personId: randomUUID(), kind: 'resident', name: '褚三 Chu San', residentId });
      const { workflowId } = await submitResidentChange(env.ctx, admin, { changeId: randomUUID(), action: 'move-out', residentId, moveOutDate: '2026-11-30' });
      await decide(env, workflowId, 'checkChange', 'checker', { decision: 'approved' });
      return workflowId;
    },
    // A shift of the guard roster (a new kind: the review names its zone): entered by security, returned by an
    // administrator, corrected and approved.
    'data-review/guard-shift-corrected': async (env) => {
      const secsup = await sessionUser(env.db, 'secsup');
      const shift = { zoneId: 'z-main-gate', guardUserId: 'u-guard2', date: '2030-01-05', startTime: '20:00', endTime: '08:00' };
      const { changeId, workflowId } = await submitShiftChange(env.ctx, secsup, { changeId: randomUUID(), action: 'create', shift });
      await decide(env, workflowId, 'checkChange', 'admin', { decision: 'returned', reasons: 'The night shift ends at 07:00' });
      await returned(env, workflowId);
      await correctShiftChange(env.ctx, secsup, changeId, { action: 'create', shift: { ...shift, endTime: '07:00' } });
      await decide(env, workflowId, 'checkChange', 'admin', { decision: 'approved' });
      return workflowId;
    },
    // A sheet of units imported as one change, applied by one approval.
    'data-review/import-units': async (env) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('units');
      sheet.addRow(IMPORT_TEMPLATES.units.columns.map(headerText));
      sheet.addRow(['b2', '901', 95.5, '住宅', '未售']);
      sheet.addRow(['b2', '902', 96.5, '住宅', '已售已交付', '孙月 Sun Yue', '居民身份证', '11010519491231002X']);
      const content = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
      const { workflowId } = await submitImport(env.ctx, await sessionUser(env.db, 'admin'), { changeId: randomUUID(), sheet: 'units', fileName: 'units.xlsx', format: 'xlsx', content });
      await decide(env, workflowId, 'checkChange', 'checker', { decision: 'approved' });
      await decide(env, workflowId, 'approveChange', 'manager', { decision: 'approved' });
      return workflowId;
    },
  },
});
