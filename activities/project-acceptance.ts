import { and, eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { Database } from '../db/client';
import { acceptanceReports, acceptanceSignatures, acceptanceTeamMembers, deliveries, users, vendors } from '../db/schema';
import type { AcceptanceChecklist, AcceptanceTeam } from '../workflows/project-acceptance/messages';
import { pdfTypeface, type PdfFontSettings } from '../integrations/documents/pdf-typeface';

export interface AcceptanceReportInput {
  workflowId: string;
  deliveryWorkflowId: string | null;
  contractId: string;
  projectId: string;
  vendorId: string;
  title: string;
  system: string;
  checklist: AcceptanceChecklist;
  rounds: number;
  team: AcceptanceTeam;
  signatures: Array<{ userId: string; signedAs: string; signedAt: string }>;
  acceptedAt: string;
}

function renderPdf(report: AcceptanceReportInput, names: Map<string, string>, vendorName: string, font: PdfFontSettings): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Acceptance report ${report.title}`, Author: 'Steward' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const face = pdfTypeface(doc, font);
    const text = face.text;
    doc.font(face.bold).fontSize(18).text('Project acceptance report (P2.3c)');
    doc.font(face.regular).moveDown(0.5).fontSize(10);
    doc.text(`Project: ${text(report.title)} (${text(report.projectId)})`);
    doc.text(`Contract: ${text(report.contractId)}    Supplier: ${text(vendorName)}    System: ${text(report.system)}`);
    doc.text(`Accepted at: ${report.acceptedAt}    Inspection rounds: ${report.rounds}`);
    doc.moveDown().font(face.bold).fontSize(13).text('Checklist');
    doc.font(face.regular).fontSize(10);
    const line = (label: string, item: { passed: boolean; note?: string }) =>
      doc.text(`${item.passed ? '[pass]' : '[FAIL]'} ${label}${item.note ? `: ${text(item.note)}` : ''}`);
    line('Function', report.checklist.function);
    line('Performance indicators', report.checklist.performance);
    line('Data security', report.checklist.dataSecurity);
    if (report.checklist.biometric) {
      line('Biometric: signage at collection points', report.checklist.biometric.signage);
      line('Biometric: separate consent', report.checklist.biometric.separateConsent);
      line('Biometric: non-face alternative', report.checklist.biometric.nonFaceAlternative);
    }
    line('After-sales service', report.checklist.afterSales);
    doc.moveDown().font(face.bold).fontSize(13).text('Acceptance team and signatures');
    doc.font(face.regular).fontSize(10);
    const department = (ids: string[], label: string) => ids.forEach((id) => {
      const signature = report.signatures.find((entry) => entry.userId === id);
      doc.text(`${label}: ${text(names.get(id) ?? id)}  signed "${text(signature?.signedAs ?? '')}" at ${signature?.signedAt ?? '-'}`);
    });
    department(report.team.technologyMembers, 'Technology');
    department(report.team.businessMembers, 'Business');
    department(report.team.ownerRepresentatives, 'Owner representative');
    doc.end();
  });
}

/** The acceptance team, signatures, report and warranty (P2.3c). Every write is safe to repeat. */
export function createProjectAcceptanceActivities({ db, pdfFont }: { db: Database; pdfFont: PdfFontSettings }) {
  return {
    async storeAcceptanceTeam({ workflowId, team }: { workflowId: string; team: AcceptanceTeam }): Promise<void> {
      const rows = [
        ...team.technologyMembers.map((userId) => ({ workflowId, userId, department: 'technology' as const })),
        ...team.businessMembers.map((userId) => ({ workflowId, userId, department: 'business' as const })),
        ...team.ownerRepresentatives.map((userId) => ({ workflowId, userId, department: 'owner' as const })),
      ];
      await db.insert(acceptanceTeamMembers).values(rows).onConflictDoNothing();
    },

    async recordSignature(signature: { workflowId: string; round: number; userId: string; signedAs: string; comment?: string; signedAt: string }): Promise<void> {
      await db
        .insert(acceptanceSignatures)
        .values({ ...signature, comment: signature.comment ?? null, signedAt: new Date(signature.signedAt) })
        .onConflictDoNothing();
    },

    /** The vendor's active staff: they receive the rectification. */
    async vendorStaff({ vendorId }: { vendorId: string }): Promise<string[]> {
      const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.vendorId, vendorId), eq(users.active, true)));
      return rows.map((row) => row.id);
    },

    /** P2.3c: the acceptance report, rendered to PDF and kept as a record. Returns its size in bytes. */
    async issueAcceptanceReport(report: AcceptanceReportInput): Promise<{ bytes: number }> {
      const [vendor] = await db.select({ name: vendors.name }).from(vendors).where(eq(vendors.id, report.vendorId));
      const members = await db.select({ id: users.id, displayName: users.displayName }).from(users);
      const pdf = await renderPdf(report, new Map(members.map((member) => [member.id, member.displayName])), vendor?.name ?? report.vendorId, pdfFont);
      const row = {
        workflowId: report.workflowId,
        deliveryWorkflowId: report.deliveryWorkflowId,
        contractId: report.contractId,
        vendorId: report.vendorId,
        title: report.title,
        checklist: report.checklist,
        rounds: report.rounds,
        pdf: pdf.toString('base64'),
      };
      await db.insert(acceptanceReports).values(row).onConflictDoUpdate({ target: acceptanceReports.workflowId, set: row });
      return { bytes: pdf.length };
    },

    /** The warranty starts on the acceptance record and on the delivery it closes. */
    async startWarranty({ workflowId, deliveryWorkflowId, startsAt, endsAt }: { workflowId: string; deliveryWorkflowId: string | null; startsAt: string; endsAt: string }): Promise<void> {
      const warranty = { warrantyStartsAt: new Date(startsAt), warrantyEndsAt: new Date(endsAt) };
      await db.transaction(async (tx) => {
        await tx.update(acceptanceReports).set(warranty).where(eq(acceptanceReports.workflowId, workflowId));
        if (deliveryWorkflowId) await tx.update(deliveries).set({ ...warranty, status: 'accepted' }).where(eq(deliveries.workflowId, deliveryWorkflowId));
      });
    },
  };
}
