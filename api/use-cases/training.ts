import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { label } from '../../contracts/labels';
import { canOnAny, STAFF_ROLES } from '../../contracts/permissions';
import type { CertificateUpload, SecurityStanding, StartTrainingCycleRequest, TrainingFile, TrainingFileEntry, TrainingFileSummary } from '../../contracts/training';
import { attachments, trainingPlans, trainingRecords, users } from '../../db/schema';
import { activeStaff, certificateKindOf, securityCourseValidUntil } from '../../domain/training';
import { securityTrainingReminder, trainingCycleProcess, type TrainingCycleInput } from '../../workflows/training-cycle/definition';
import type { NeedsForm } from '../../workflows/training-cycle/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext, TrainingSettings } from '../context';
import { conflict, forbidden, notFound, unprocessable } from '../http/problem';
import { scheduledStart, startProcess } from './start-process';

const cycleInput = (settings: TrainingSettings, requestedBy: string | null, year?: number): TrainingCycleInput => ({
  ...(year === undefined ? {} : { year }),
  timings: settings.timings,
  requestedBy,
});

/** P6.1a: HR or management start a year's cycle by hand (the year-start Schedule does it otherwise). */
export async function startTrainingCycle(ctx: ApiContext, user: SessionUser, request: StartTrainingCycleRequest) {
  const workflowId = trainingCycleProcess.workflowId(request.cycleId);
  return startProcess(ctx, trainingCycleProcess, {
    workflowId,
    input: cycleInput(ctx.settings.training, user.id, request.year),
    title: `${request.year} 年度培训 Training cycle ${request.year}`,
    startedBy: user.id,
    data: { year: request.year },
  });
}

export const TRAINING_CYCLE_SCHEDULE_ID = 'training-cycle-year-start';
export const SECURITY_TRAINING_REMINDER_SCHEDULE_ID = 'security-training-reminder';

/** P6.1a, P5.3a: the year-start cycle and the daily reminder round; created once, the cycle's cron kept in step with the settings. */
export async function ensureTrainingSchedules(temporal: Client, taskQueue: string, settings: TrainingSettings): Promise<void> {
  const spec = { cronExpressions: [settings.cycleCron] };
  const action = scheduledStart(trainingCycleProcess, { workflowId: 'training-cycle', input: cycleInput(settings, null), taskQueue });
  try {
    await temporal.schedule.create({ scheduleId: TRAINING_CYCLE_SCHEDULE_ID, spec, action });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await temporal.schedule.getHandle(TRAINING_CYCLE_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action }));
  }
  try {
    await temporal.schedule.create({
      scheduleId: SECURITY_TRAINING_REMINDER_SCHEDULE_ID,
      spec: { intervals: [{ every: settings.reminderIntervalMs }] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      action: scheduledStart(securityTrainingReminder, { workflowId: `${SECURITY_TRAINING_REMINDER_SCHEDULE_ID}-round`, input: { warnMs: settings.reminderWarnMs }, taskQueue }),
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}

const standing = (until: Date | null, now = new Date()): SecurityStanding => ({ valid: !!until && until > now, validUntil: until?.toISOString() ?? null });

const isStaff = (user: Pick<SessionUser, 'roles'>) => user.roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role));

/**
 * P5.3a: the gate before any answer with someone's personal data: a staff member whose security course is not
 * valid is refused, told why. Open to all while the gate is off (SECURITY_TRAINING_GATE).
 */
export function securityTrainingGate(ctx: Pick<ApiContext, 'db' | 'settings'>) {
  return async (user: SessionUser): Promise<void> => {
    if (!ctx.settings.training.securityGate || !isStaff(user)) return;
    const until = await securityCourseValidUntil(ctx.db, user.id);
    if (standing(until).valid) return;
    const day = until?.toISOString().slice(0, 10);
    throw forbidden('training.security-course-needed', { state: day ? label(`已于 ${day} 过期`, `expired on ${day}`) : label('尚未完成', 'is not completed') });
  };
}

/** P6.3a: every active staff member with where their security course stands. */
export async function listTrainingFiles(ctx: ApiContext): Promise<{ items: TrainingFileSummary[] }> {
  const staff = await activeStaff(ctx.db);
  const ids = staff.map((member) => member.userId);
  const rows = ids.length
    ? await ctx.db
        .select({
          userId: trainingRecords.userId,
          completions: sql<number>`count(*)::int`,
          securityUntil: sql<Date | null>`max(${trainingRecords.expiresAt}) filter (where ${trainingRecords.topic} = 'security')`,
        })
        .from(trainingRecords)
        .where(and(inArray(trainingRecords.userId, ids), eq(trainingRecords.kind, 'completion')))
        .groupBy(trainingRecords.userId)
    : [];
  const byUser = new Map(rows.map((row) => [row.userId, row]));
  return {
    items: staff.map((member) => {
      const row = byUser.get(member.userId);
      return {
        userId: member.userId,
        displayName: member.displayName,
        department: member.department,
        security: standing(row?.securityUntil ? new Date(row.securityUntil) : null),
        completions: row?.completions ?? 0,
      };
    }),
  };
}

/** P6.3a: a person's training file: HR and management anyone's, anyone their own. */
export async function getTrainingFile(ctx: ApiContext, user: SessionUser, userId: string): Promise<TrainingFile> {
  if (userId !== user.id && !canOnAny(user, 'training-file.read')) throw forbidden('training.file-not-yours');
  const person = await ctx.db.query.users.findFirst({ where: eq(users.id, userId) });
  if (!person) throw notFound('user.unknown', { userId });
  const now = new Date();
  const records = await ctx.db.select().from(trainingRecords).where(eq(trainingRecords.userId, userId)).orderBy(desc(trainingRecords.completedAt), asc(trainingRecords.id));
  const entries: TrainingFileEntry[] = records.map((row) => ({
    id: row.id,
    workflowId: row.workflowId,
    courseTitle: row.courseTitle,
    topic: row.topic,
    method: row.method,
    kind: row.kind,
    attended: row.attended,
    score: row.score,
    passed: row.passed,
    certificateId: row.certificateId,
    completedAt: row.completedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    expired: !!row.expiresAt && row.expiresAt <= now,
    recordedBy: row.recordedBy,
  }));
  const plans = await ctx.db.select({ year: trainingPlans.year, skills: trainingPlans.skills }).from(trainingPlans).orderBy(desc(trainingPlans.approvedAt)).limit(10);
  const assessed = plans.find((plan) => (plan.skills as NeedsForm['skills']).some((row) => row.userId === userId));
  return {
    userId: person.id,
    displayName: person.displayName,
    department: person.department,
    roles: person.roles,
    security: standing(await securityCourseValidUntil(ctx.db, userId), now),
    sessions: entries.filter((entry) => entry.kind === 'attendance'),
    certificates: entries.filter((entry) => entry.kind === 'certificate'),
    scores: entries.filter((entry) => entry.kind === 'exam' || entry.kind === 'practical'),
    completions: entries.filter((entry) => entry.kind === 'completion'),
    skills: assessed
      ? (assessed.skills as NeedsForm['skills']).filter((row) => row.userId === userId).map((row) => ({ year: assessed.year, system: row.system, role: row.role, level: row.level, need: row.need ?? null }))
      : [],
  };
}

/** P6.2b: a certificate is stored once, and only when its bytes are the PDF, PNG or JPEG it says it is. */
export async function uploadCertificate(ctx: ApiContext, user: SessionUser, request: CertificateUpload) {
  const [, contentType, content] = /^data:([^;]+);base64,(.*)$/.exec(request.file)!;
  if (certificateKindOf(Buffer.from(content.slice(0, 24), 'base64')) !== contentType) throw unprocessable('request.body-invalid', [{ field: 'file', message: 'file-not-what-it-says' }]);
  await ctx.db.insert(attachments).values({ id: request.fileId, kind: 'training-certificate', contentType, content, uploadedBy: user.id }).onConflictDoNothing();
  const stored = await ctx.db.query.attachments.findFirst({ where: eq(attachments.id, request.fileId) });
  if (!stored || stored.kind !== 'training-certificate' || stored.uploadedBy !== user.id) throw conflict('training.certificate-id-taken');
  return { fileId: request.fileId };
}

/** A certificate: to those who may read its holder's training file, and to its uploader before it is recorded. */
export async function getCertificate(ctx: ApiContext, user: SessionUser, certificateId: string) {
  const file = await ctx.db.query.attachments.findFirst({ where: and(eq(attachments.id, certificateId), eq(attachments.kind, 'training-certificate')) });
  const readable = file && (file.recordId ? file.recordId === user.id || canOnAny(user, 'training-file.read') : file.uploadedBy === user.id);
  if (!file || !readable) throw notFound('training.unknown-certificate', { certificateId });
  return { contentType: file.contentType, content: Buffer.from(file.content, 'base64'), holder: file.recordId };
}
