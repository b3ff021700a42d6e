import { asc, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { DeliveryRequest, DeliverySummary, issueRequest } from '../../contracts/delivery';
import { acceptanceReports, deliveries, deliveryIssues, deliveryMilestones, progressReports, vendors } from '../../db/schema';
import type { ProjectDeliveryInput } from '../../workflows/project-delivery/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { notFound, unprocessable } from '../http/problem';
import { startProcess } from './start-process';
import { projectDeliveryProcess } from '../../workflows/project-delivery/definition';



/** P2.3a: starts the delivery of a signed contract on demand (procurement starts it as a child). */
export async function startDelivery(ctx: ApiContext, user: SessionUser, request: DeliveryRequest) {
  const vendor = await ctx.db.query.vendors.findFirst({ where: eq(vendors.id, request.vendorId) });
  if (!vendor) throw unprocessable('supplier.unknown-field', [{ field: 'vendorId', message: 'no-such-supplier' }]);
  const workflowId = projectDeliveryProcess.workflowId(request.contractId);
  const input: ProjectDeliveryInput = { ...request, ...(ctx.settings.delivery ? { timings: ctx.settings.delivery } : {}) };
  await startProcess(ctx, projectDeliveryProcess, { workflowId, input: input, title: request.title, startedBy: user.id });
  await ctx.db
    .insert(deliveries)
    .values({ ...request, workflowId, procurementWorkflowId: request.procurementWorkflowId ?? null, deliveryDate: new Date(request.deliveryDate), status: 'planning' })
    .onConflictDoNothing();
  return { workflowId };
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

type DeliveryRow = typeof deliveries.$inferSelect & { vendorName: string };

const summary = (row: DeliveryRow): DeliverySummary => ({
  workflowId: row.workflowId,
  contractId: row.contractId,
  procurementWorkflowId: row.procurementWorkflowId,
  projectId: row.projectId,
  vendorId: row.vendorId,
  vendorName: row.vendorName,
  title: row.title,
  status: row.status,
  system: row.system,
  deliveryDate: row.deliveryDate.toISOString(),
  projectLead: row.projectLead,
  acceptanceWorkflowId: row.acceptanceWorkflowId,
  warrantyStartsAt: iso(row.warrantyStartsAt),
  warrantyEndsAt: iso(row.warrantyEndsAt),
});

const selectDeliveries = (ctx: ApiContext) =>
  ctx.db
    .select({ delivery: deliveries, vendorName: vendors.name })
    .from(deliveries)
    .innerJoin(vendors, eq(vendors.id, deliveries.vendorId));

/** The most recent deliveries (a community runs a handful a year, so one page suffices). */
export async function listDeliveries(ctx: ApiContext) {
  const rows = await selectDeliveries(ctx).orderBy(desc(deliveries.createdAt)).limit(200);
  return { items: rows.map((row) => summary({ ...row.delivery, vendorName: row.vendorName })) };
}

export async function getDelivery(ctx: ApiContext, workflowId: string) {
  const [row] = await selectDeliveries(ctx).where(eq(deliveries.workflowId, workflowId));
  if (!row) throw notFound('delivery.unknown', { workflowId });
  const [milestones, reports, issues, acceptance] = await Promise.all([
    ctx.db.select().from(deliveryMilestones).where(eq(deliveryMilestones.workflowId, workflowId)).orderBy(asc(deliveryMilestones.dueAt)),
    ctx.db.select().from(progressReports).where(eq(progressReports.workflowId, workflowId)).orderBy(asc(progressReports.reportedAt)),
    ctx.db.select().from(deliveryIssues).where(eq(deliveryIssues.workflowId, workflowId)).orderBy(asc(deliveryIssues.raisedAt)),
    ctx.db
      .select({ workflowId: acceptanceReports.workflowId, rounds: acceptanceReports.rounds, createdAt: acceptanceReports.createdAt })
      .from(acceptanceReports)
      .where(eq(acceptanceReports.deliveryWorkflowId, workflowId)),
  ]);
  return {
    ...summary({ ...row.delivery, vendorName: row.vendorName }),
    phases: row.delivery.phases,
    qualityRequirements: row.delivery.qualityRequirements,
    milestones: milestones.map((milestone) => ({ milestoneId: milestone.milestoneId, name: milestone.name, dueAt: milestone.dueAt.toISOString(), reachedAt: iso(milestone.reachedAt), overdueAt: iso(milestone.overdueAt) })),
    reports: reports.map((report) => ({ ...report, reportedAt: report.reportedAt.toISOString() })),
    issues: issues.map((issue) => ({ id: issue.id, title: issue.title, severity: issue.severity, source: issue.source, raisedBy: issue.raisedBy, raisedAt: issue.raisedAt.toISOString() })),
    acceptanceReport: acceptance[0] ? { ...acceptance[0], createdAt: acceptance[0].createdAt.toISOString() } : null,
  };
}

/** P2.3b: an entry in the delivery's issues log. */
export async function logIssue(ctx: ApiContext, user: SessionUser, workflowId: string, request: z.output<typeof issueRequest>) {
  const delivery = await ctx.db.query.deliveries.findFirst({ where: eq(deliveries.workflowId, workflowId) });
  if (!delivery) throw notFound('delivery.unknown', { workflowId });
  await ctx.db
    .insert(deliveryIssues)
    .values({ id: request.issueId, workflowId, title: request.title, severity: request.severity, source: 'api', raisedBy: user.id })
    .onConflictDoNothing();
  const [issue] = await ctx.db.select().from(deliveryIssues).where(eq(deliveryIssues.id, request.issueId));
  if (issue.workflowId !== workflowId) throw unprocessable('delivery.issue-taken', [{ field: 'issueId', message: 'already-used' }]);
  return { id: issue.id, title: issue.title, severity: issue.severity, source: issue.source, raisedBy: issue.raisedBy, raisedAt: issue.raisedAt.toISOString() };
}
