import { and, eq, gt, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { attachments, repairRecords, taskActions, tasks, trainingPlans, trainingRecords, users } from '../db/schema';
import { recordNotifications } from '../domain/notifications';
import type { TrainingEvidence } from '../workflows/training-cycle/messages';
import { activeStaff } from '../domain/training';

const YEAR_MS = 365 * 86_400_000;

/** One entry of a training file as the cycle writes it (db/schema/training.ts). */
export type TrainingRecordRow = Omit<typeof trainingRecords.$inferInsert, 'completedAt' | 'expiresAt'> & { completedAt: string; expiresAt: string | null };

/** Records of the training cycle (P6) and the security course's reminders (P5.3a). Every write is safe to repeat. */
export function createTrainingActivities({ db }: { db: Database }) {
  return {
    /** P6.1a: the staff and what Steward already knows of their work over the last twelve months. */
    async trainingEvidence({ at }: { at: string }): Promise<TrainingEvidence> {
      const now = new Date(at);
      const since = new Date(now.getTime() - YEAR_MS);
      const staff = await activeStaff(db);
      const escalations = db
        .select({ workflowId: taskActions.workflowId, count: sql<number>`count(*)::int`.as('count') })
        .from(taskActions)
        .where(and(eq(taskActions.action, 'escalated'), gte(taskActions.at, since)))
        .groupBy(taskActions.workflowId)
        .as('escalations');
      const repairs = await db
        .select({
          technician: repairRecords.repairedBy,
          system: repairRecords.system,
          repairCount: sql<number>`count(*)::int`,
          reworked: sql<number>`count(*) filter (where ${repairRecords.reworkCount} > 0)::int`,
          escalated: sql<number>`coalesce(sum(${escalations.count}), 0)::int`,
        })
        .from(repairRecords)
        .leftJoin(escalations, eq(escalations.workflowId, repairRecords.workflowId))
        .where(and(gte(repairRecords.closedAt, since), sql`${repairRecords.repairedBy} not in ('vendor', 'in-house')`))
        .groupBy(repairRecords.repairedBy, repairRecords.system)
        .orderBy(repairRecords.repairedBy, repairRecords.system);
      // Done late, or assigned and still open past their due time.
      const overdue = await db
        .select({ person: users.displayName, overdue: sql<number>`count(*)::int` })
        .from(tasks)
        .innerJoin(users, sql`${users.id} = coalesce(${tasks.completedBy}, ${tasks.assignee})`)
        .where(
          and(
            gte(tasks.createdAt, since),
            sql`((${tasks.status} = 'completed' and ${tasks.completedAt} > ${tasks.dueAt}) or (${tasks.status} = 'open' and ${tasks.dueAt} < ${now.toISOString()}::timestamptz))`,
          ),
        )
        .groupBy(users.displayName)
        .orderBy(users.displayName);
      const failed = await db
        .select({ person: users.displayName, courseTitle: trainingRecords.courseTitle, kind: trainingRecords.kind, score: trainingRecords.score })
        .from(trainingRecords)
        .innerJoin(users, eq(users.id, trainingRecords.userId))
        .where(and(eq(trainingRecords.passed, false), gte(trainingRecords.completedAt, since)))
        .orderBy(users.displayName);
      const expiring = await db
        .select({ person: users.displayName, courseTitle: trainingRecords.courseTitle, expiresAt: trainingRecords.expiresAt })
        .from(trainingRecords)
        .innerJoin(users, eq(users.id, trainingRecords.userId))
        .where(and(inArray(trainingRecords.kind, ['certificate', 'completion']), isNotNull(trainingRecords.expiresAt), lt(trainingRecords.expiresAt, new Date(now.getTime() + YEAR_MS))))
        .orderBy(trainingRecords.expiresAt);
      return {
        staff,
        repairs,
        overdueTasks: overdue,
        failedAssessments: failed,
        expiringCertificates: expiring.map((row) => ({ ...row, expiresAt: row.expiresAt!.toISOString() })),
      };
    },

    async recordTrainingPlan(input: { workflowId: string; year: number; skills: unknown; plan: unknown; approvedBy: string; approvedAt: string }): Promise<void> {
      const row = { ...input, approvedAt: new Date(input.approvedAt) };
      await db.insert(trainingPlans).values(row).onConflictDoUpdate({ target: trainingPlans.workflowId, set: row });
    },

    /** P6.3a: entries into the training files; a certificate uploaded for a person becomes that person's. */
    async recordTrainingResults({ rows }: { rows: TrainingRecordRow[] }): Promise<void> {
      if (!rows.length) return;
      await db.transaction(async (tx) => {
        await tx
          .insert(trainingRecords)
          .values(rows.map((row) => ({ ...row, completedAt: new Date(row.completedAt), expiresAt: row.expiresAt ? new Date(row.expiresAt) : null })))
          .onConflictDoNothing();
        for (const row of rows.filter((each) => each.certificateId)) {
          await tx
            .update(attachments)
            .set({ recordId: row.userId })
            .where(and(eq(attachments.id, row.certificateId!), eq(attachments.kind, 'training-certificate')));
        }
      });
    },

    /**
     * P5.3a: staff whose security course ends within `warnMs` (and who hold no later one) are reminded, with HR;
     * once per person and expiry, however often the round runs.
     */
    async remindSecurityTraining({ at, warnMs, workflowId }: { at: string; warnMs: number; workflowId: string }): Promise<number> {
      const now = new Date(at);
      const rows = await db
        .select({ userId: trainingRecords.userId, expiresAt: sql<Date>`max(${trainingRecords.expiresAt})`.as('expires_at') })
        .from(trainingRecords)
        .innerJoin(users, and(eq(users.id, trainingRecords.userId), eq(users.active, true)))
        .where(and(eq(trainingRecords.topic, 'security'), eq(trainingRecords.kind, 'completion'), gt(trainingRecords.expiresAt, now)))
        .groupBy(trainingRecords.userId);
      const due = rows.filter((row) => new Date(row.expiresAt).getTime() - now.getTime() <= warnMs);
      await recordNotifications(
        db,
        due.map((row) => {
          const day = new Date(row.expiresAt).toISOString().slice(0, 10);
          return {
            dedupeKey: `security-training-expiry.${row.userId}.${day}`,
            workflowId,
            recipientRoles: [],
            recipientUsers: [row.userId],
            message: `您的信息安全培训将于 ${day} 到期，到期后将不能查看含个人信息的页面，请尽快联系人事部门参加培训。Your security training expires on ${day}; renew it to keep access to personal data.`,
            link: `/training/files/${row.userId}`,
          };
        }),
      );
      return due.length;
    },
  };
}
