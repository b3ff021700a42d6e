/**
 * The unit register and its owners under maker-checker (P5.1a–b), for the API (submit, corrections, reads) and the
 * data-review activities (the diff and checks a checker sees, the approved change applied): one reading of the
 * collection standard and one way of writing a change.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { AREA_BOUNDS, maskIdDocument, maskPhone, validIdDocument, type DataChangeProposal, type DiffRow, type HistoryEntry, type StandardCheck, type UnitFields, type UnitView } from '../contracts/data-review';
import type { FieldKey } from '../contracts/problem-texts';
import type { IdDocumentKind } from '../contracts/vocabulary';
import type { Database } from '../db/client';
import { accessPeople, buildings, dataChangeHistory, dataChanges, owners, unitOwners, units } from '../db/schema';
import { openChangeIdDocument, openChangeSecrets, openOwnerIdDocument, sealOwnerIdDocument } from '../db/sealed/records';
import { reviewDeviceChange, writeDeviceChange, type DeviceSecrets, type StoredDeviceProposal } from './device-register';
import { closeDraft, decidedBy, historyBase, type Decision } from './change-records';
import { applyImport, reviewImport } from './data-import';
import { reviewShiftChange, reviewZoneChange, writeShiftChange, writeZoneChange, type StoredShiftProposal, type StoredZoneProposal } from './guard-roster';
import { inviteOwners } from './owner-invitations';
import { reviewResidentChange, writeResidentChange, type StoredResidentProposal } from './residents';
import { reviewUserChange, writeUserChange, type StoredUserProposal } from './staff-users';

export { closeDraft, historyBase, type Decision };

type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete'>;
type ChangeRow = typeof dataChanges.$inferSelect;

/** A proposal as its draft keeps it: a new owner's identity document only by kind and last 4 characters (the number is sealed with the draft). */
export type StoredProposal =
  | { action: 'create'; unitId: string; unit: UnitFields }
  | { action: 'change'; unitId: string; unit: Partial<Omit<UnitFields, 'buildingId'>> }
  | { action: 'disable'; unitId: string; reason: string }
  | { action: 'add-owner'; unitId: string; owner: { ownerId: string; isNew: boolean; name?: string; idDocumentKind?: IdDocumentKind; idDocumentLast4?: string; mobile?: string } }
  | { action: 'remove-owner'; unitId: string; ownerId: string };

export const kindOfAction = (action: DataChangeProposal['action']) => (action === 'add-owner' || action === 'remove-owner' ? ('unit-owner' as const) : ('unit' as const));

/** A new owner's id, from the change that adds them: the same on every retry and correction. */
const newOwnerId = (changeId: string) => `o-${changeId}`;

/** The proposal as the draft stores it, and the identity document number to seal beside it (if any). */
export function storedProposal(proposal: DataChangeProposal, changeId: string): { stored: StoredProposal; idDocumentNumber: string | null } {
  if (proposal.action !== 'add-owner') return { stored: proposal, idDocumentNumber: null };
  const { owner, unitId } = proposal;
  if (owner.ownerId !== undefined) return { stored: { action: 'add-owner', unitId, owner: { ownerId: owner.ownerId, isNew: false } }, idDocumentNumber: null };
  const document = owner.idDocument!;
  return {
    stored: { action: 'add-owner', unitId, owner: { ownerId: newOwnerId(changeId), isNew: true, name: owner.name, idDocumentKind: document.kind, idDocumentLast4: document.number.slice(-4), ...(owner.mobile ? { mobile: owner.mobile } : {}) } },
    idDocumentNumber: document.number,
  };
}

async function registeredUnit(db: Executor, unitId: string) {
  const [unit] = await db.select().from(units).where(eq(units.id, unitId));
  const unitOwnerRows = await db
    .select({ ownerId: owners.id, name: owners.name, kind: owners.kind, idDocumentKind: owners.idDocumentKind, idDocumentLast4: owners.idDocumentLast4, sealedIdDocument: owners.sealedIdDocument, dataKeyId: owners.dataKeyId })
    .from(unitOwners)
    .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
    .where(eq(unitOwners.unitId, unitId))
    .orderBy(asc(owners.id));
  return { unit: unit ?? null, owners: unitOwnerRows };
}

type OwnerRow = Awaited<ReturnType<typeof registeredUnit>>['owners'][number];
const ownerLabel = (owner: { name: string; idDocumentLast4?: string | null }) => (owner.idDocumentLast4 ? `${owner.name} (${maskIdDocument(owner.idDocumentLast4)})` : owner.name);
const ownerList = (list: Array<{ name: string; idDocumentLast4?: string | null }>) => (list.length ? list.map(ownerLabel).join(' / ') : null);

const UNIT_FIELDS = ['buildingId', 'number', 'exclusiveArea', 'use', 'deliveryStatus'] as const;

export interface Review {
  diff: DiffRow[];
  checks: StandardCheck[];
  needsSecondApproval: boolean;
}

/**
 * P5.1a–b: what the change does to the register as it stands now, field by field, and the collection standard's
 * checks against it (required fields, an area within bounds, a valid identity document, a unit not owned twice,
 * the records it names exist). `idDocumentNumber` is a new owner's number (opened from the draft by the caller).
 */
export async function reviewChange(db: Executor, proposal: StoredProposal, idDocumentNumber: string | null): Promise<Review> {
  const { unit, owners: current } = await registeredUnit(db, proposal.unitId);
  const checks: StandardCheck[] = [];
  const check = (field: string, rule: FieldKey, passed: boolean) => checks.push({ field, rule, passed });
  const diff: DiffRow[] = [];
  const numberFree = async (buildingId: string, number: string) =>
    (await db.select({ id: units.id }).from(units).where(and(eq(units.buildingId, buildingId), eq(units.number, number), eq(units.active, true), ne(units.id, proposal.unitId)))).length === 0;
  const unitInUse = () => {
    check('unitId', 'no-such-unit', unit !== null);
    if (unit) check('unitId', 'unit-disabled', unit.active);
  };

  switch (proposal.action) {
    case 'create': {
      const fields = proposal.unit;
      check('unit', 'required', UNIT_FIELDS.every((field) => fields[field] !== undefined && fields[field] !== ''));
      check('unitId', 'taken', unit === null);
      const [building] = await db.select({ name: buildings.name }).from(buildings).where(eq(buildings.id, fields.buildingId));
      check('unit.buildingId', 'no-such-building', !!building);
      check('unit.number', 'taken', await numberFree(fields.buildingId, fields.number));
      check('unit.exclusiveArea', 'area-bounds', withinBounds(fields.exclusiveArea));
      // People read the building by its name, as they do the owners.
      for (const field of UNIT_FIELDS) diff.push({ field: `unit.${field}`, before: null, after: field === 'buildingId' ? (building?.name ?? fields.buildingId) : fields[field] });
      return { diff, checks, needsSecondApproval: true };
    }
    case 'change': {
      unitInUse();
      const fields = proposal.unit;
      const before = unit ? { number: unit.number, exclusiveArea: Number(unit.exclusiveArea), use: unit.use, deliveryStatus: unit.deliveryStatus } : null;
      for (const field of ['number', 'exclusiveArea', 'use', 'deliveryStatus'] as const) {
        if (fields[field] !== undefined) diff.push({ field: `unit.${field}`, before: before?.[field] ?? null, after: fields[field] });
      }
      check('unit', 'change-something', diff.some((row) => row.before !== row.after));
      if (fields.exclusiveArea !== undefined) check('unit.exclusiveArea', 'area-bounds', withinBounds(fields.exclusiveArea));
      if (fields.number !== undefined && unit) check('unit.number', 'taken', await numberFree(unit.buildingId, fields.number));
      const areaChanges = diff.some((row) => row.field === 'unit.exclusiveArea' && row.before !== row.after);
      return { diff, checks, needsSecondApproval: areaChanges };
    }
    case 'disable':
      unitInUse();
      diff.push({ field: 'unit.active', before: unit?.active ?? null, after: false });
      // A disabled unit leaves the next voter roll: its registered area goes with it.
      return { diff, checks, needsSecondApproval: true };
    case 'add-owner': {
      unitInUse();
      const { owner } = proposal;
      let added: { name: string; idDocumentLast4?: string | null };
      if (owner.isNew) {
        const valid = !!idDocumentNumber && !!owner.idDocumentKind && validIdDocument(owner.idDocumentKind, idDocumentNumber);
        check('owner.idDocument.number', 'id-document-invalid', valid);
        check('owner', 'already-owner', !(await holdsDocument(db, current, idDocumentNumber)));
        added = { name: owner.name ?? '', idDocumentLast4: owner.idDocumentLast4 };
        diff.push({ field: 'owner.name', before: null, after: owner.name ?? null });
        diff.push({ field: 'owner.idDocument', before: null, after: owner.idDocumentLast4 ? maskIdDocument(owner.idDocumentLast4) : null });
        if (owner.mobile) diff.push({ field: 'owner.mobile', before: null, after: maskPhone(owner.mobile) });
      } else {
        const [registered] = await db.select().from(owners).where(eq(owners.id, owner.ownerId));
        check('owner.ownerId', 'no-such-owner', !!registered);
        check('owner', 'already-owner', !current.some((row) => row.ownerId === owner.ownerId));
        added = registered ?? { name: owner.ownerId };
      }
      diff.push({ field: 'owners', before: ownerList(current), after: ownerList([...current, added]) });
      return { diff, checks, needsSecondApproval: true };
    }
    case 'remove-owner': {
      unitInUse();
      check('ownerId', 'not-an-owner', current.some((row) => row.ownerId === proposal.ownerId));
      diff.push({ field: 'owners', before: ownerList(current), after: ownerList(current.filter((row) => row.ownerId !== proposal.ownerId)) });
      return { diff, checks, needsSecondApproval: true };
    }
  }
}

const withinBounds = (area: number) => area >= AREA_BOUNDS.min && area <= AREA_BOUNDS.max;

/** A unit not owned twice: the new person's document is not already one of the unit's owners'. */
async function holdsDocument(db: Executor, current: OwnerRow[], number: string | null): Promise<boolean> {
  if (!number) return false;
  for (const owner of current) {
    if (owner.sealedIdDocument && (await openOwnerIdDocument(db, { id: owner.ownerId, sealedIdDocument: owner.sealedIdDocument, dataKeyId: owner.dataKeyId })) === number) return true;
  }
  return false;
}

/** A draft's new owner's identity document number, opened for its review or its application. */
export const draftIdDocument = (db: Executor, change: ChangeRow) =>
  change.sealedIdDocument && change.dataKeyId ? openChangeIdDocument(db, { id: change.id, sealedIdDocument: change.sealedIdDocument, dataKeyId: change.dataKeyId }) : Promise.resolve(null);

export async function reviewDraft(db: Executor, change: ChangeRow): Promise<Review> {
  if (change.action === 'import') return reviewImport(db, change);
  if (change.kind === 'device') return reviewDeviceChange(db, change.proposal as StoredDeviceProposal);
  if (change.kind === 'zone') return reviewZoneChange(db, change.proposal as StoredZoneProposal);
  if (change.kind === 'guard-shift') return reviewShiftChange(db, change.proposal as StoredShiftProposal);
  if (change.kind === 'resident') return reviewResidentChange(db, change.proposal as StoredResidentProposal, await draftIdDocument(db, change));
  return change.kind === 'user' ? reviewUserChange(db, change.proposal as StoredUserProposal) : reviewChange(db, change.proposal as StoredProposal, await draftIdDocument(db, change));
}


/**
 * P5.1b: writes an approved change and its history entry in the caller's transaction, if the register still reads
 * as the checker saw it and the change still meets the standard. Returns why not, otherwise nothing.
 */
export async function applyDraft(tx: Executor & Pick<Database, 'execute'>, change: ChangeRow, reviewedDiff: DiffRow[], checker: Decision, approver: Decision | null): Promise<FieldKey[]> {
  if (change.action === 'import') return applyImport(tx, change, reviewedDiff, checker, approver);
  const proposal = change.proposal as StoredProposal;
  // A new owner's or resident's document (a device's draft seals its secrets instead, opened where they are written).
  const idDocumentNumber = change.kind === 'unit-owner' || change.kind === 'resident' ? await draftIdDocument(tx, change) : null;
  const now = await reviewDraft(tx, change);
  const failed = now.checks.filter((check) => !check.passed).map((check) => check.rule);
  if (JSON.stringify(now.diff) !== JSON.stringify(reviewedDiff)) failed.unshift('changed-meanwhile');
  if (failed.length) return [...new Set(failed)];

  if (change.kind === 'user') await writeUserChange(tx, change.proposal as StoredUserProposal);
  else if (change.kind === 'zone') await writeZoneChange(tx, change.proposal as StoredZoneProposal);
  else if (change.kind === 'guard-shift') await writeShiftChange(tx, change.proposal as StoredShiftProposal);
  else if (change.kind === 'resident') await writeResidentChange(tx, change.proposal as StoredResidentProposal, idDocumentNumber);
  else if (change.kind === 'device') {
    // A change that keeps the stored secrets seals none with its draft.
    const secrets = change.sealedIdDocument && change.dataKeyId ? await openChangeSecrets<Partial<DeviceSecrets>>(tx, { id: change.id, sealedIdDocument: change.sealedIdDocument, dataKeyId: change.dataKeyId }) : null;
    await writeDeviceChange(tx, change.proposal as StoredDeviceProposal, secrets);
  }
  else switch (proposal.action) {
    case 'create':
      await tx.insert(units).values({ id: proposal.unitId, ...proposal.unit, exclusiveArea: proposal.unit.exclusiveArea.toFixed(2) });
      break;
    case 'change': {
      const { exclusiveArea, ...rest } = proposal.unit;
      await tx
        .update(units)
        .set({ ...rest, ...(exclusiveArea === undefined ? {} : { exclusiveArea: exclusiveArea.toFixed(2) }) })
        .where(eq(units.id, proposal.unitId));
      break;
    }
    case 'disable':
      await tx.update(units).set({ active: false }).where(eq(units.id, proposal.unitId));
      break;
    case 'add-owner': {
      const { owner } = proposal;
      if (owner.isNew) {
        const sealed = await sealOwnerIdDocument(tx, owner.ownerId, idDocumentNumber!);
        await tx.insert(owners).values({ id: owner.ownerId, name: owner.name!, kind: 'person', idDocumentKind: owner.idDocumentKind!, mobile: owner.mobile ?? null, ...sealed });
        await inviteOwners(tx, change, [{ ownerId: owner.ownerId, name: owner.name!, mobile: owner.mobile }]);
      }
      await tx.insert(unitOwners).values({ unitId: proposal.unitId, ownerId: owner.ownerId });
      break;
    }
    case 'remove-owner':
      await tx.delete(unitOwners).where(and(eq(unitOwners.unitId, proposal.unitId), eq(unitOwners.ownerId, proposal.ownerId)));
      break;
  }
  await tx.insert(dataChangeHistory).values({
    ...historyBase(change, change.revision, now.diff),
    outcome: 'applied',
    ...decidedBy(checker, approver),
  });
  await closeDraft(tx, change, 'applied');
  return [];
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export function historyEntryOf(row: typeof dataChangeHistory.$inferSelect): HistoryEntry {
  return {
    changeId: row.changeId,
    workflowId: row.workflowId,
    kind: row.kind,
    action: row.action,
    recordId: row.recordId,
    revision: row.revision,
    outcome: row.outcome,
    diff: row.diff as DiffRow[],
    reasons: row.reasons,
    maker: { id: row.makerId, name: row.makerName },
    submittedAt: row.submittedAt.toISOString(),
    checker: row.checkerId ? { id: row.checkerId, name: row.checkerName!, at: iso(row.checkedAt)! } : null,
    approver: row.approverId ? { id: row.approverId, name: row.approverName!, at: iso(row.approvedAt)! } : null,
    at: row.at.toISOString(),
  };
}

/** A record's history of changes, oldest first. */
export async function historyOf(db: Executor, where: { recordId: string } | { changeId: string }): Promise<HistoryEntry[]> {
  const rows = await db
    .select()
    .from(dataChangeHistory)
    .where('recordId' in where ? eq(dataChangeHistory.recordId, where.recordId) : eq(dataChangeHistory.changeId, where.changeId))
    .orderBy(asc(dataChangeHistory.at), asc(dataChangeHistory.id));
  return rows.map(historyEntryOf);
}

/** A unit and its owners as people read them: identity documents masked. */
export async function unitViewOf(db: Executor, unitId: string): Promise<UnitView | null> {
  const { unit, owners: current } = await registeredUnit(db, unitId);
  if (!unit) return null;
  return {
    unitId: unit.id,
    buildingId: unit.buildingId,
    number: unit.number,
    exclusiveArea: Number(unit.exclusiveArea),
    use: unit.use,
    deliveryStatus: unit.deliveryStatus,
    active: unit.active,
    owners: current.map((owner) => ({
      ownerId: owner.ownerId,
      name: owner.name,
      kind: owner.kind,
      idDocument: owner.idDocumentKind && owner.idDocumentLast4 ? { kind: owner.idDocumentKind, masked: maskIdDocument(owner.idDocumentLast4) } : null,
    })),
  };
}

/**
 * P4.2b: the door-access entries of an owner removed from a unit, still active: those for that unit, and those for no
 * unit in particular once the owner holds none.
 */
export async function peopleMovingOut(db: Pick<Database, 'select'>, removed: { unitId: string; ownerId: string }): Promise<Array<{ personId: string; personName: string }>> {
  const stillOwns = (await db.select({ unitId: unitOwners.unitId }).from(unitOwners).where(eq(unitOwners.ownerId, removed.ownerId)).limit(1)).length > 0;
  const people = await db
    .select({ personId: accessPeople.id, personName: accessPeople.name, unitId: accessPeople.unitId })
    .from(accessPeople)
    .where(and(eq(accessPeople.ownerId, removed.ownerId), eq(accessPeople.kind, 'owner'), eq(accessPeople.status, 'active')))
    .orderBy(asc(accessPeople.id));
  return people.filter((person) => person.unitId === removed.unitId || (person.unitId === null && !stillOwns)).map(({ personId, personName }) => ({ personId, personName }));
}
