import { asc, eq } from 'drizzle-orm';
import { acceptanceReports, acceptanceSignatures, acceptanceTeamMembers, users } from '../../db/schema';
import type { ApiContext } from '../context';
import { notFound } from '../http/problem';


/** P2.3c: the team, the signatures and, once passed, the report of an acceptance. */
export async function getAcceptance(ctx: ApiContext, workflowId: string) {
  const [team, signatures, [report]] = await Promise.all([
    ctx.db
      .select({ userId: acceptanceTeamMembers.userId, displayName: users.displayName, department: acceptanceTeamMembers.department })
      .from(acceptanceTeamMembers)
      .innerJoin(users, eq(users.id, acceptanceTeamMembers.userId))
      .where(eq(acceptanceTeamMembers.workflowId, workflowId)),
    ctx.db.select().from(acceptanceSignatures).where(eq(acceptanceSignatures.workflowId, workflowId)).orderBy(asc(acceptanceSignatures.round), asc(acceptanceSignatures.signedAt)),
    ctx.db.select().from(acceptanceReports).where(eq(acceptanceReports.workflowId, workflowId)),
  ]);
  if (team.length === 0 && !report) throw notFound('acceptance.unknown', { workflowId });
  return {
    workflowId,
    team,
    signatures: signatures.map((signature) => ({ round: signature.round, userId: signature.userId, signedAs: signature.signedAs, signedAt: signature.signedAt.toISOString() })),
    report: report
      ? {
          rounds: report.rounds,
          checklist: report.checklist,
          warrantyStartsAt: report.warrantyStartsAt?.toISOString() ?? null,
          warrantyEndsAt: report.warrantyEndsAt?.toISOString() ?? null,
          createdAt: report.createdAt.toISOString(),
        }
      : null,
  };
}

export async function getAcceptanceReportPdf(ctx: ApiContext, workflowId: string): Promise<Buffer> {
  const [report] = await ctx.db.select({ pdf: acceptanceReports.pdf }).from(acceptanceReports).where(eq(acceptanceReports.workflowId, workflowId));
  if (!report) throw notFound('acceptance.no-report', { workflowId });
  return Buffer.from(report.pdf, 'base64');
}
