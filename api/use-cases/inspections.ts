import { and, asc, desc, eq, inArray, isNotNull, lt, or, type SQL } from 'drizzle-orm';
import type { CreatePlanRequest, PhotoRequest, PlanFields, RecordListQuery, UpdatePlanRequest } from '../../contracts/inspections';
import type { FieldFault } from '../../contracts/problem-texts';
import { attachments, buildings, devices, inspectionPlans, inspectionRecords, processInstances, tasks, zones } from '../../db/schema';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { decodeCursor, page } from './cursor';
import { ensureInspectionSchedule, inspectionScheduleId, triggerInspection } from './inspection-schedules';

type PlanRow = typeof inspectionPlans.$inferSelect;
type RecordRow = typeof inspectionRecords.$inferSelect;

const toPlanView = (plan: PlanRow) => ({
  ...plan,
  scheduleId: inspectionScheduleId(plan.id),
  createdAt: plan.createdAt.toISOString(),
  updatedAt: plan.updatedAt.toISOString(),
});

const toRecordSummary = (row: RecordRow, now = Date.now()) => ({
  workflowId: row.workflowId,
  planId: row.planId,
  planTitle: row.planTitle,
  responsibleRole: row.responsibleRole,
  status: row.status,
  startedAt: row.startedAt.toISOString(),
  dueAt: row.dueAt.toISOString(),
  overdue: row.overdueAt !== null || (row.status === 'open' && row.dueAt.getTime() < now),
  overdueAt: row.overdueAt?.toISOString() ?? null,
  completedAt: row.completedAt?.toISOString() ?? null,
  inspectorName: row.inspectorName,
  failedItems: row.results.filter((result) => result.result === 'fail').length,
  faultRepairWorkflowIds: row.faultRepairWorkflowIds,
});

/** The checks a schema cannot make: places exist, devices belong to the item's system, ids are unique. */
async function checkPlan(ctx: ApiContext, fields: PlanFields): Promise<void> {
  const problems: FieldFault[] = [];
  const [buildingRows, zoneRows, deviceRows] = await Promise.all([
    ctx.db.select({ id: buildings.id }).from(buildings),
    ctx.db.select({ id: zones.id }).from(zones),
    ctx.db.select({ id: devices.id, system: devices.system }).from(devices),
  ]);
  const buildingIds = new Set(buildingRows.map((row) => row.id));
  const zoneIds = new Set(zoneRows.map((row) => row.id));
  const deviceSystems = new Map(deviceRows.map((row) => [row.id, row.system as string]));
  if (fields.buildingId && !buildingIds.has(fields.buildingId)) problems.push({ field: 'buildingId', message: 'no-such-building' });
  if (fields.zoneId && !zoneIds.has(fields.zoneId)) problems.push({ field: 'zoneId', message: 'no-such-zone' });
  if (fields.dueWithinSeconds > fields.cycleSeconds) {
    problems.push({ field: 'dueWithinSeconds', message: 'due-before-next-run' });
  }
  const seen = new Set<string>();
  fields.checklist.forEach((item, index) => {
    const at = (field: string) => `checklist.${index}.${field}`;
    if (seen.has(item.id)) problems.push({ field: at('id'), message: 'used-twice', params: { id: item.id } });
    seen.add(item.id);
    if (item.buildingId && !buildingIds.has(item.buildingId)) problems.push({ field: at('buildingId'), message: 'no-such-building' });
    if (item.zoneId && !zoneIds.has(item.zoneId)) problems.push({ field: at('zoneId'), message: 'no-such-zone' });
    if (item.deviceId) {
      const system = deviceSystems.get(item.deviceId);
      if (!system) problems.push({ field: at('deviceId'), message: 'no-such-device' });
      else if (system !== item.system) problems.push({ field: at('system'), message: 'device-system', params: { system } });
    }
    // P3.2a: a failed item opens a fault repair, which needs a place.
    if (!item.deviceId && !item.zoneId && !item.buildingId && !fields.zoneId && !fields.buildingId) {
      problems.push({ field: at('deviceId'), message: 'item-needs-place' });
    }
  });
  if (problems.length) throw unprocessable('inspection.plan-invalid', problems);
}

const planValues = (fields: PlanFields) => ({
  title: fields.title,
  checklist: fields.checklist,
  cycleSeconds: fields.cycleSeconds,
  dueWithinSeconds: fields.dueWithinSeconds,
  responsibleRole: fields.responsibleRole,
  buildingId: fields.buildingId ?? null,
  zoneId: fields.zoneId ?? null,
});

/** Key order does not count (jsonb stores keys in its own order). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

const samePlan = (row: PlanRow, fields: PlanFields) =>
  canonical(planValues(fields)) ===
  canonical({
    title: row.title,
    checklist: row.checklist,
    cycleSeconds: row.cycleSeconds,
    dueWithinSeconds: row.dueWithinSeconds,
    responsibleRole: row.responsibleRole,
    buildingId: row.buildingId,
    zoneId: row.zoneId,
  });

async function findPlan(ctx: ApiContext, planId: string): Promise<PlanRow> {
  const plan = await ctx.db.query.inspectionPlans.findFirst({ where: eq(inspectionPlans.id, planId) });
  if (!plan) throw notFound('inspection.unknown-plan', { planId });
  return plan;
}

/** P3.1a: a new plan and its schedule. Repeating the same request returns the same plan. */
export async function createPlan(ctx: ApiContext, user: SessionUser, request: CreatePlanRequest) {
  await checkPlan(ctx, request);
  const [inserted] = await ctx.db
    .insert(inspectionPlans)
    .values({ id: request.id, ...planValues(request), createdBy: user.id })
    .onConflictDoNothing({ target: inspectionPlans.id })
    .returning();
  const plan = inserted ?? (await findPlan(ctx, request.id));
  if (!inserted && !samePlan(plan, request)) {
    throw conflict('inspection.plan-taken', { planId: request.id }, [{ field: 'id', message: 'already-used' }]);
  }
  await ensureInspectionSchedule(ctx, plan);
  return toPlanView(plan);
}

export async function updatePlan(ctx: ApiContext, planId: string, request: UpdatePlanRequest) {
  await findPlan(ctx, planId);
  await checkPlan(ctx, request);
  const [plan] = await ctx.db
    .update(inspectionPlans)
    .set({ ...planValues(request), ...(request.active === undefined ? {} : { active: request.active }), updatedAt: new Date() })
    .where(eq(inspectionPlans.id, planId))
    .returning();
  await ensureInspectionSchedule(ctx, plan);
  return toPlanView(plan);
}

/** Deactivating pauses the schedule; records stay. Repeating it changes nothing. */
export async function deactivatePlan(ctx: ApiContext, planId: string) {
  await findPlan(ctx, planId);
  const [plan] = await ctx.db.update(inspectionPlans).set({ active: false, updatedAt: new Date() }).where(eq(inspectionPlans.id, planId)).returning();
  await ensureInspectionSchedule(ctx, plan);
  return toPlanView(plan);
}

export async function runPlanNow(ctx: ApiContext, planId: string) {
  const plan = await findPlan(ctx, planId);
  if (!plan.active) throw conflict('inspection.plan-inactive', { planId }, [{ field: 'active', message: 'inactive' }]);
  await ensureInspectionSchedule(ctx, plan);
  await triggerInspection(ctx, planId);
  return { scheduleId: inspectionScheduleId(planId) };
}

export async function listPlans(ctx: ApiContext) {
  const rows = await ctx.db.select().from(inspectionPlans).orderBy(desc(inspectionPlans.active), asc(inspectionPlans.title));
  return { items: rows.map(toPlanView) };
}

export async function getPlan(ctx: ApiContext, planId: string) {
  return toPlanView(await findPlan(ctx, planId));
}

/** P3.1c: the inspection records, newest first, a keyset page at a time. */
export async function listRecords(ctx: ApiContext, query: RecordListQuery) {
  const cursor = decodeCursor(query.cursor);
  const conditions: Array<SQL | undefined> = [
    query.planId ? eq(inspectionRecords.planId, query.planId) : undefined,
    query.status ? eq(inspectionRecords.status, query.status) : undefined,
    cursor
      ? or(lt(inspectionRecords.startedAt, cursor[0]), and(eq(inspectionRecords.startedAt, cursor[0]), lt(inspectionRecords.workflowId, cursor[1])))
      : undefined,
  ];
  const rows = await ctx.db
    .select()
    .from(inspectionRecords)
    .where(and(...conditions))
    .orderBy(desc(inspectionRecords.startedAt), desc(inspectionRecords.workflowId))
    .limit(query.limit + 1);
  const now = Date.now();
  return page(rows.map((row) => toRecordSummary(row, now)), query.limit, (record) => [record.startedAt, record.workflowId]);
}

/** One record with its per-item results and the fault repairs its failed items opened. */
export async function getRecord(ctx: ApiContext, workflowId: string) {
  const row = await ctx.db.query.inspectionRecords.findFirst({ where: eq(inspectionRecords.workflowId, workflowId) });
  if (!row) throw notFound('inspection.unknown-record', { workflowId });
  const repairs = row.faultRepairWorkflowIds.length
    ? await ctx.db.select().from(processInstances).where(inArray(processInstances.workflowId, row.faultRepairWorkflowIds))
    : [];
  const [task] = await ctx.db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.workflowId, workflowId), eq(tasks.stepId, 'performInspection')))
    .orderBy(desc(tasks.createdAt))
    .limit(1);
  return {
    ...toRecordSummary(row),
    results: row.results,
    faultRepairs: row.faultRepairWorkflowIds.map((id) => {
      const repair = repairs.find((candidate) => candidate.workflowId === id);
      // The repair's first transition writes its row; until then it is known to have started.
      return { workflowId: id, status: repair?.status ?? 'running', currentSteps: repair?.currentSteps ?? [], title: repair?.title ?? id };
    }),
    taskId: task?.id ?? null,
  };
}

/** For the monitoring console: runs past their due time and still open, most overdue first. */
export async function listOverdue(ctx: ApiContext) {
  const now = new Date();
  const rows = await ctx.db
    .select({ record: inspectionRecords, taskId: tasks.id })
    .from(inspectionRecords)
    .leftJoin(tasks, and(eq(tasks.workflowId, inspectionRecords.workflowId), eq(tasks.status, 'open')))
    .where(and(eq(inspectionRecords.status, 'open'), lt(inspectionRecords.dueAt, now)))
    .orderBy(asc(inspectionRecords.dueAt))
    .limit(100);
  return {
    items: rows.map(({ record, taskId }) => ({
      workflowId: record.workflowId,
      planId: record.planId,
      planTitle: record.planTitle,
      responsibleRole: record.responsibleRole,
      startedAt: record.startedAt.toISOString(),
      dueAt: record.dueAt.toISOString(),
      overdueSeconds: Math.floor((now.getTime() - record.dueAt.getTime()) / 1000),
      taskId,
    })),
  };
}

/** A checklist photo, uploaded before the checklist is submitted so the process carries only its id. */
export async function uploadPhoto(ctx: ApiContext, user: SessionUser, request: PhotoRequest) {
  const [, contentType, content] = /^data:([^;]+);base64,(.*)$/.exec(request.photo)!;
  await ctx.db
    .insert(attachments)
    .values({ id: request.photoId, kind: 'inspection-photo', contentType, content, uploadedBy: user.id })
    .onConflictDoNothing();
  return { photoId: request.photoId };
}

/**
 * Only inspection photos: those of a stored inspection record (which every inspection viewer reads),
 * and the uploader's own before the checklist is submitted. Any other file is "not found".
 */
export async function getPhoto(ctx: ApiContext, user: SessionUser, photoId: string) {
  const photo = await ctx.db.query.attachments.findFirst({
    where: and(
      eq(attachments.id, photoId),
      eq(attachments.kind, 'inspection-photo'),
      or(isNotNull(attachments.recordId), eq(attachments.uploadedBy, user.id)),
    ),
  });
  if (!photo) throw notFound('inspection.unknown-photo', { photoId });
  return { contentType: photo.contentType, content: Buffer.from(photo.content, 'base64') };
}
