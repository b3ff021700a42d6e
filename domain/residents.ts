/**
 * Residents and tenants under maker-checker (P5.1a–b, issue 12): the diff and checks a checker sees of a change to a
 * unit's resident (their identity document and phone masked), the approved change written (the document sealed), and
 * who moves out with an approved move-out (P4.2b: their door access is revoked by its own process).
 */
import { and, asc, eq } from 'drizzle-orm';
import { maskIdDocument, maskPhone, validIdDocument, type DiffRow, type StandardCheck } from '../contracts/data-review';
import type { FieldKey } from '../contracts/problem-texts';
import type { ResidentFields, ResidentView } from '../contracts/residents';
import type { IdDocumentKind } from '../contracts/vocabulary';
import type { Database } from '../db/client';
import { accessPeople, residents, units } from '../db/schema';
import { sealResidentIdDocument } from '../db/sealed/records';

type Reader = Pick<Database, 'select'>;
type Executor = Pick<Database, 'select' | 'insert' | 'update'>;

/** A new resident as the draft keeps them: the identity document only by kind and last 4 characters (the number is sealed with the draft). */
export type StoredResidentFields = Omit<ResidentFields, 'idDocument'> & { idDocumentKind: IdDocumentKind; idDocumentLast4: string };

export type StoredResidentProposal =
  | { action: 'create'; residentId: string; resident: StoredResidentFields }
  | { action: 'change'; residentId: string; resident: Partial<Pick<ResidentFields, 'name' | 'relation' | 'phone' | 'moveInDate'>> }
  | { action: 'move-out'; residentId: string; moveOutDate: string };

/** A phone number in a diff (and so in a review's history): its last 4 digits, like a document. */

const registered = async (db: Reader, residentId: string) => (await db.select().from(residents).where(eq(residents.id, residentId)))[0] ?? null;

/** The unit a change about a resident concerns (a new resident's, or a registered one's): its review's tasks name it. */
export async function residentUnitOf(db: Reader, proposal: StoredResidentProposal): Promise<string | null> {
  if (proposal.action === 'create') return proposal.resident.unitId;
  return (await registered(db, proposal.residentId))?.unitId ?? null;
}

/**
 * P5.1a–b: what the change does to the resident as registered now, field by field, and the standard's checks (the
 * unit in use, a valid identity document, the resident registered and not moved out, a move-out not before the
 * move-in). No second approval: a resident weighs on no vote or fee.
 */
export async function reviewResidentChange(db: Reader, proposal: StoredResidentProposal, idDocumentNumber: string | null) {
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const diff: DiffRow[] = [];
  const resident = await registered(db, proposal.residentId);
  const livingThere = () => {
    check('residentId', 'no-such-resident', !!resident);
    if (resident) check('residentId', 'resident-moved-out', resident.moveOutDate === null);
  };
  switch (proposal.action) {
    case 'create': {
      const fields = proposal.resident;
      const [unit] = await db.select({ active: units.active }).from(units).where(eq(units.id, fields.unitId));
      check('resident.unitId', 'no-such-unit', !!unit);
      if (unit) check('resident.unitId', 'unit-disabled', unit.active);
      check('residentId', 'taken', !resident);
      check('resident.idDocument.number', 'id-document-invalid', !!idDocumentNumber && validIdDocument(fields.idDocumentKind, idDocumentNumber));
      diff.push(
        { field: 'resident.unitId', before: null, after: fields.unitId },
        { field: 'resident.name', before: null, after: fields.name },
        { field: 'resident.relation', before: null, after: fields.relation },
        { field: 'resident.phone', before: null, after: maskPhone(fields.phone) },
        { field: 'resident.idDocument', before: null, after: maskIdDocument(fields.idDocumentLast4) },
        { field: 'resident.moveInDate', before: null, after: fields.moveInDate },
      );
      break;
    }
    case 'change': {
      livingThere();
      const fields = proposal.resident;
      if (fields.name !== undefined) diff.push({ field: 'resident.name', before: resident?.name ?? null, after: fields.name });
      if (fields.relation !== undefined) diff.push({ field: 'resident.relation', before: resident?.relation ?? null, after: fields.relation });
      if (fields.phone !== undefined) diff.push({ field: 'resident.phone', before: resident ? maskPhone(resident.phone) : null, after: maskPhone(fields.phone) });
      if (fields.moveInDate !== undefined) diff.push({ field: 'resident.moveInDate', before: resident?.moveInDate ?? null, after: fields.moveInDate });
      // A new number with the same last digits still changes: compare the numbers themselves.
      const changes = diff.some((row) => row.before !== row.after) || (fields.phone !== undefined && fields.phone !== resident?.phone);
      check('resident', 'change-something', changes);
      break;
    }
    case 'move-out':
      livingThere();
      if (resident) check('moveOutDate', 'move-out-after-move-in', proposal.moveOutDate >= resident.moveInDate);
      diff.push({ field: 'resident.moveOutDate', before: null, after: proposal.moveOutDate });
      break;
  }
  return { diff, checks, needsSecondApproval: false };
}

/** P5.1b: writes an approved change to a resident (in the caller's transaction). */
export async function writeResidentChange(tx: Executor, proposal: StoredResidentProposal, idDocumentNumber: string | null): Promise<void> {
  switch (proposal.action) {
    case 'create': {
      const { idDocumentLast4: _masked, ...fields } = proposal.resident;
      const sealed = await sealResidentIdDocument(tx, proposal.residentId, idDocumentNumber!);
      await tx.insert(residents).values({ id: proposal.residentId, ...fields, ...sealed });
      break;
    }
    case 'change':
      await tx.update(residents).set(proposal.resident).where(eq(residents.id, proposal.residentId));
      break;
    case 'move-out':
      await tx.update(residents).set({ moveOutDate: proposal.moveOutDate }).where(eq(residents.id, proposal.residentId));
      break;
  }
}

export const residentViewOf = (row: typeof residents.$inferSelect): ResidentView => ({
  residentId: row.id,
  unitId: row.unitId,
  name: row.name,
  relation: row.relation,
  phone: row.phone,
  idDocument: { kind: row.idDocumentKind, masked: maskIdDocument(row.idDocumentLast4) },
  moveInDate: row.moveInDate,
  moveOutDate: row.moveOutDate,
  active: row.moveOutDate === null,
});

/** P4.2b: the door-access entries of a resident who moved out, still active: each one's access revocation starts. */
export async function residentMovingOut(db: Reader, residentId: string): Promise<Array<{ personId: string; personName: string }>> {
  return db
    .select({ personId: accessPeople.id, personName: accessPeople.name })
    .from(accessPeople)
    .where(and(eq(accessPeople.residentId, residentId), eq(accessPeople.status, 'active')))
    .orderBy(asc(accessPeople.id));
}
