/**
 * Bulk import of master data under maker-checker (P5.1a–b, issue 12): a sheet's rows read and checked against the
 * collection standard and the register (every fault named by its row and column), kept as one draft with its rows,
 * reviewed as one change (a summary diff and the standard's checks; the rows page by page), and applied by one
 * approval in one transaction, each record written with its own history entry.
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { ownersImportRow, staffImportRow, unitsImportRow, type ImportRowView, type OwnersImportRow, type StaffImportRow, type UnitsImportRow } from '../contracts/data-import';
import { maskIdDocument, maskPhone, type DiffRow, type StandardCheck } from '../contracts/data-review';
import { headerText, IMPORT_LIMITS, IMPORT_TEMPLATES, unitIdOf, type ImportColumn } from '../contracts/import-templates';
import { fieldFaults, issueKey, type FieldFault, type FieldKey } from '../contracts/problem-texts';
import { newUserId } from '../contracts/staff-users';
import type { IdDocumentKind, ImportSheet } from '../contracts/vocabulary';
import type { Database } from '../db/client';
import { buildings, dataChangeHistory, dataChangeRows, dataChanges, owners, unitOwners, units, users } from '../db/schema';
import { openChangeIdDocument, openOwnerIdDocuments, sealOwnerIdDocuments } from '../db/sealed/records';
import { closeDraft, decidedBy, historyBase, type Decision } from './change-records';
import { inviteOwners } from './owner-invitations';
import type { Cell } from './sheet-reader';
import { NO_PASSWORD, rolesText } from './staff-users';

type Reader = Pick<Database, 'select'>;
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute'>;
type ChangeRow = typeof dataChanges.$inferSelect;

/** What an import's draft keeps besides its rows. */
export interface StoredImport {
  action: 'import';
  sheet: ImportSheet;
  fileName: string;
  rows: number;
}

/** An owner a row registers: new (the first row with their document), or one an earlier row of the sheet registers. */
interface ImportedOwner {
  ownerId: string;
  isNew: boolean;
  name: string;
  idDocumentKind: IdDocumentKind;
  idDocumentLast4: string;
  /** Where the portal invitation goes by SMS, when the sheet gives one. */
  mobile?: string;
}

/** What a row writes, as its draft keeps it (an identity document only by kind and last 4 characters). */
type RowValues =
  | { unitId: string; unit: Omit<UnitsImportRow, 'ownerName' | 'idKind' | 'idNumber' | 'mobile'>; owner?: ImportedOwner }
  | { unitId: string; buildingId: string; number: string; owner: ImportedOwner }
  | { userId: string; user: StaffImportRow };

/** A well-formed row of a sheet, by its sheet row number. */
interface SheetRow<Fields> {
  row: number;
  fields: Fields;
}

export interface PreparedRow {
  row: number;
  recordId: string;
  values: RowValues;
  diff: DiffRow[];
}

export interface CheckedImport {
  faults: FieldFault[];
  rows: PreparedRow[];
  /** New owners' identity document numbers by owner id: sealed with the draft, never stored in the clear. */
  documents: Record<string, string>;
  newOwners: number;
}

const SCHEMAS = { units: unitsImportRow, owners: ownersImportRow, staff: staffImportRow } as const satisfies Record<ImportSheet, z.ZodType>;

/** The rules of the standard each sheet's review shows (format rules are met by every row kept: a sheet with a fault is never kept). */
const REVIEW_RULES: Record<ImportSheet, Array<[field: string, rule: FieldKey]>> = {
  units: [
    ['unit.buildingId', 'no-such-building'],
    ['unit.number', 'taken'],
    ['unit.number', 'repeated-in-sheet'],
    ['owner.name', 'same-person-two-names'],
  ],
  owners: [
    ['unitId', 'no-such-unit'],
    ['unitId', 'unit-disabled'],
    ['owner', 'already-owner'],
    ['owner', 'repeated-in-sheet'],
    ['owner.name', 'same-person-two-names'],
  ],
  staff: [
    ['user.username', 'taken'],
    ['user.username', 'repeated-in-sheet'],
  ],
};

const normalHeading = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** A heading names its column in either language, both, or by its key. */
const headingMatches = (column: ImportColumn, cell: Cell) =>
  [headerText(column), column.header['zh-CN'], column.header.en, column.key].map(normalHeading).includes(normalHeading(String(cell ?? '')));

/** The value a choice's name stands for (its name in either language, or the value itself); unknown names stay as written. */
function choiceOf(column: ImportColumn, text: string): string {
  const wanted = normalHeading(text);
  for (const [value, name] of Object.entries(column.options ?? {})) {
    if ([value, name['zh-CN'], name.en].some((candidate) => normalHeading(candidate) === wanted)) return value;
  }
  return text;
}

/** A cell as its column means it, or the key of why it cannot be read. */
function valueOf(column: ImportColumn, cell: Cell): { value: unknown } | { fault: FieldKey } {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { value: undefined };
  if (column.list) return { value: String(cell).split(/[,，、;；\s]+/).filter(Boolean).map((item) => choiceOf(column, item)) };
  if (column.options) return { value: choiceOf(column, String(cell).trim()) };
  if (column.number) return { value: typeof cell === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(cell) ? Number(cell) : cell };
  // A spreadsheet keeps 15 significant digits: an 18-digit document number stored as a number has lost its end.
  if (typeof cell === 'number' && column.text && Math.abs(cell) >= 1e15) return { fault: 'number-as-text' };
  return { value: String(cell) };
}

/**
 * P5.1a: the sheet's headings against its template, and each row against the standard's formats; every fault named
 * `rows.<row>.<column>` (the heading is row 1). The well-formed rows go on to the register's checks.
 */
export function parseSheet(sheet: ImportSheet, cells: Cell[][]): { faults: FieldFault[]; rows: Array<SheetRow<Record<string, unknown>>> } {
  const { columns } = IMPORT_TEMPLATES[sheet];
  const faults: FieldFault[] = [];
  const heading = cells[0] ?? [];
  columns.forEach((column, index) => {
    if (!headingMatches(column, heading[index] ?? null)) faults.push({ field: `rows.1.${column.key}`, message: 'header-expected', params: { expected: headerText(column) } });
  });
  if (faults.length) return { faults, rows: [] };
  const data = cells.slice(1).map((row, index) => ({ row: index + 2, cells: row })).filter(({ cells: row }) => row.some((cell) => cell !== null && String(cell).trim() !== ''));
  if (!data.length) return { faults: [{ field: 'rows', message: 'no-rows' }], rows: [] };
  if (data.length > IMPORT_LIMITS.maxRows) return { faults: [{ field: 'rows', message: 'too-many-rows', params: { max: IMPORT_LIMITS.maxRows } }], rows: [] };

  const rows: Array<SheetRow<Record<string, unknown>>> = [];
  for (const { row, cells: rowCells } of data) {
    const raw: Record<string, unknown> = {};
    const unreadable: FieldFault[] = [];
    columns.forEach((column, index) => {
      const read = valueOf(column, rowCells[index] ?? null);
      if ('fault' in read) unreadable.push({ field: `rows.${row}.${column.key}`, message: read.fault });
      else if (read.value !== undefined) raw[column.key] = read.value;
    });
    const parsed = SCHEMAS[sheet].safeParse(raw, { error: issueKey });
    const rowFaults = [...unreadable, ...(parsed.success ? [] : fieldFaults(parsed.error.issues, `rows.${row}`))].filter(
      // One fault per cell: the unreadable number, not also its schema's complaint.
      (fault, index, all) => all.findIndex((other) => other.field === fault.field) === index,
    );
    if (rowFaults.length) faults.push(...rowFaults);
    else if (parsed.success) rows.push({ row, fields: parsed.data as Record<string, unknown> });
  }
  return { faults, rows };
}

/** Ids present in a column, asked a few thousand at a time. */
async function presentIn(db: Reader, ids: string[], lookup: (chunk: string[]) => Promise<string[]>): Promise<Set<string>> {
  const present = new Set<string>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += 5000) for (const id of await lookup(unique.slice(start, start + 5000))) present.add(id);
  return present;
}

const ownerLabel = (owner: { name: string; idDocumentLast4?: string | null }) => (owner.idDocumentLast4 ? `${owner.name} (${maskIdDocument(owner.idDocumentLast4)})` : owner.name);
const ownerList = (list: Array<{ name: string; idDocumentLast4?: string | null }>) => (list.length ? list.map(ownerLabel).join(' / ') : null);

/** A new owner's id, from the change and the first row that names them: the same on every review of the same rows. */
const importedOwnerId = (changeId: string, row: number) => `o-${changeId}-${row}`;

/** One person per document within a sheet: the first row registers them, a later row with the same document (another unit) names them again. */
class SheetPeople {
  private readonly byDocument = new Map<string, { owner: ImportedOwner; row: number }>();
  readonly documents: Record<string, string> = {};

  constructor(private readonly changeId: string) {}

  /** The row's owner, or the earlier row that gives the same document another name. */
  owner(row: number, name: string, kind: IdDocumentKind, number: string, mobile?: string): { owner: ImportedOwner } | { otherName: number } {
    const key = `${kind}:${number}`;
    const known = this.byDocument.get(key);
    if (known) return known.owner.name === name ? { owner: { ...known.owner, isNew: false } } : { otherName: known.row };
    const owner: ImportedOwner = { ownerId: importedOwnerId(this.changeId, row), isNew: true, name, idDocumentKind: kind, idDocumentLast4: number.slice(-4), ...(mobile ? { mobile } : {}) };
    this.byDocument.set(key, { owner, row });
    this.documents[owner.ownerId] = number;
    return { owner };
  }

  get count() {
    return this.byDocument.size;
  }
}

const ownerDiff = (owner: ImportedOwner): DiffRow[] => [
  { field: 'owner.name', before: null, after: owner.name },
  { field: 'owner.idDocument', before: null, after: maskIdDocument(owner.idDocumentLast4) },
  ...(owner.mobile ? [{ field: 'owner.mobile', before: null, after: maskPhone(owner.mobile) }] : []),
];

/**
 * P5.1a: the checks that read the register and the sheet as a whole (the building exists, a unit or username not taken
 * nor entered twice, the unit exists and is in use, a unit not owned twice, one name per document), and each row as it
 * would be written, with its diff.
 */
export async function checkAgainstRegister(db: Reader, sheet: ImportSheet, rows: Array<SheetRow<Record<string, unknown>>>, changeId: string): Promise<CheckedImport> {
  const faults: FieldFault[] = [];
  const fault = (row: number, key: string, message: FieldKey, params?: FieldFault['params']) => faults.push({ field: `rows.${row}.${key}`, message, ...(params ? { params } : {}) });
  const prepared: PreparedRow[] = [];
  const people = new SheetPeople(changeId);

  if (sheet === 'units') {
    const typed = rows as Array<SheetRow<UnitsImportRow>>;
    const buildingNames = new Map((await db.select({ id: buildings.id, name: buildings.name }).from(buildings)).map((building) => [building.id, building.name]));
    const ids = typed.map(({ fields }) => unitIdOf(fields.buildingId, fields.number));
    const takenIds = await presentIn(db, ids, async (chunk) => (await db.select({ id: units.id }).from(units).where(inArray(units.id, chunk))).map((unit) => unit.id));
    const inUse = await db
      .select({ buildingId: units.buildingId, number: units.number })
      .from(units)
      .where(and(eq(units.active, true), inArray(units.buildingId, [...new Set(typed.map(({ fields }) => fields.buildingId))])));
    const takenNumbers = new Set(inUse.map((unit) => `${unit.buildingId}/${unit.number}`));
    const firstRowOf = new Map<string, number>();
    typed.forEach(({ row, fields }, index) => {
      const unitId = ids[index];
      const numberKey = `${fields.buildingId}/${fields.number}`;
      if (!buildingNames.has(fields.buildingId)) fault(row, 'buildingId', 'no-such-building');
      if (takenIds.has(unitId) || takenNumbers.has(numberKey)) fault(row, 'number', 'taken');
      const earlier = firstRowOf.get(unitId) ?? firstRowOf.get(numberKey);
      if (earlier !== undefined) fault(row, 'number', 'repeated-in-sheet', { row: earlier });
      firstRowOf.set(unitId, firstRowOf.get(unitId) ?? row);
      firstRowOf.set(numberKey, firstRowOf.get(numberKey) ?? row);
      const { ownerName, idKind, idNumber, mobile, ...unit } = fields;
      const diff: DiffRow[] = [
        { field: 'unit.buildingId', before: null, after: buildingNames.get(unit.buildingId) ?? unit.buildingId },
        { field: 'unit.number', before: null, after: unit.number },
        { field: 'unit.exclusiveArea', before: null, after: unit.exclusiveArea },
        { field: 'unit.use', before: null, after: unit.use },
        { field: 'unit.deliveryStatus', before: null, after: unit.deliveryStatus },
      ];
      let owner: ImportedOwner | undefined;
      if (ownerName && idKind && idNumber) {
        const person = people.owner(row, ownerName, idKind, idNumber, mobile);
        if ('otherName' in person) fault(row, 'ownerName', 'same-person-two-names', { row: person.otherName });
        else {
          owner = person.owner;
          diff.push(...ownerDiff(owner));
        }
      }
      prepared.push({ row, recordId: unitId, values: { unitId, unit, ...(owner ? { owner } : {}) }, diff });
    });
  } else if (sheet === 'owners') {
    const typed = rows as Array<SheetRow<OwnersImportRow>>;
    const ids = typed.map(({ fields }) => unitIdOf(fields.buildingId, fields.number));
    const wanted = [...new Set(ids)];
    const registered = new Map<string, boolean>();
    const current = new Map<string, Array<{ name: string; idDocumentLast4: string | null; number: string | null }>>();
    for (let start = 0; start < wanted.length; start += 5000) {
      const chunk = wanted.slice(start, start + 5000);
      for (const unit of await db.select({ id: units.id, active: units.active }).from(units).where(inArray(units.id, chunk))) registered.set(unit.id, unit.active);
      const held = await db
        .select({ unitId: unitOwners.unitId, id: owners.id, name: owners.name, idDocumentLast4: owners.idDocumentLast4, sealedIdDocument: owners.sealedIdDocument, dataKeyId: owners.dataKeyId })
        .from(unitOwners)
        .innerJoin(owners, eq(owners.id, unitOwners.ownerId))
        .where(inArray(unitOwners.unitId, chunk))
        .orderBy(asc(unitOwners.unitId), asc(owners.id));
      const numbers = await openOwnerIdDocuments(db, held);
      held.forEach((owner, index) => current.set(owner.unitId, [...(current.get(owner.unitId) ?? []), { name: owner.name, idDocumentLast4: owner.idDocumentLast4, number: numbers[index] }]));
    }
    const firstRowOf = new Map<string, number>();
    typed.forEach(({ row, fields }, index) => {
      const unitId = ids[index];
      const active = registered.get(unitId);
      if (active === undefined) fault(row, 'number', 'no-such-unit');
      else if (!active) fault(row, 'number', 'unit-disabled');
      const holders = current.get(unitId) ?? [];
      const key = `${unitId}/${fields.idNumber}`;
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) fault(row, 'idNumber', 'repeated-in-sheet', { row: earlier });
      else {
        firstRowOf.set(key, row);
        if (holders.some((holder) => holder.number === fields.idNumber)) fault(row, 'idNumber', 'already-owner');
      }
      const person = people.owner(row, fields.ownerName, fields.idKind, fields.idNumber, fields.mobile);
      if ('otherName' in person) {
        fault(row, 'ownerName', 'same-person-two-names', { row: person.otherName });
        return;
      }
      // Several rows may add owners to one unit: each row's diff goes on from the one before.
      const after = [...holders, { name: person.owner.name, idDocumentLast4: person.owner.idDocumentLast4, number: fields.idNumber }];
      prepared.push({ row, recordId: unitId, values: { unitId, buildingId: fields.buildingId, number: fields.number, owner: person.owner }, diff: [...ownerDiff(person.owner), { field: 'owners', before: ownerList(holders), after: ownerList(after) }] });
      current.set(unitId, after);
    });
  } else {
    const typed = rows as Array<SheetRow<StaffImportRow>>;
    const usernames = typed.map(({ fields }) => fields.username);
    const takenNames = await presentIn(db, usernames, async (chunk) => (await db.select({ username: users.username }).from(users).where(inArray(users.username, chunk))).map((user) => user.username));
    const takenIds = await presentIn(db, usernames.map(newUserId), async (chunk) => (await db.select({ id: users.id }).from(users).where(inArray(users.id, chunk))).map((user) => user.id));
    const firstRowOf = new Map<string, number>();
    for (const { row, fields } of typed) {
      const userId = newUserId(fields.username);
      if (takenNames.has(fields.username) || takenIds.has(userId)) fault(row, 'username', 'taken');
      const earlier = firstRowOf.get(fields.username);
      if (earlier !== undefined) fault(row, 'username', 'repeated-in-sheet', { row: earlier });
      else firstRowOf.set(fields.username, row);
      prepared.push({
        row,
        recordId: userId,
        values: { userId, user: fields },
        diff: [
          { field: 'user.displayName', before: null, after: fields.displayName },
          { field: 'user.username', before: null, after: fields.username },
          { field: 'user.department', before: null, after: fields.department },
          { field: 'user.roles', before: null, after: rolesText(fields.roles) },
        ],
      });
    }
  }
  return { faults, rows: prepared, documents: people.documents, newOwners: people.count };
}

/** The batch as its checker first reads it: the file, its rows and what they add (each row's diff is on the rows page). */
export function importSummary(stored: StoredImport, rows: number, newOwners: number): DiffRow[] {
  const counts: DiffRow[] =
    stored.sheet === 'staff'
      ? [{ field: 'import.users', before: null, after: rows }]
      : [...(stored.sheet === 'units' ? [{ field: 'import.units', before: null, after: rows }] : []), { field: 'import.owners', before: null, after: newOwners }];
  return [{ field: 'import.file', before: null, after: stored.fileName }, { field: 'import.rows', before: null, after: stored.rows }, ...counts];
}

/** The standard's rules as the review shows them: each passed unless a row breaks it. */
export const importChecks = (sheet: ImportSheet, faults: FieldFault[]): StandardCheck[] =>
  REVIEW_RULES[sheet].map(([field, rule]) => ({ field, rule, passed: !faults.some((fault) => fault.message === rule) }));

/** The rows a draft keeps, back as the sheet's rows (documents opened), to be checked against the register as it is now. */
async function draftRows(db: Reader, change: ChangeRow): Promise<Array<SheetRow<Record<string, unknown>>>> {
  const kept = await db.select().from(dataChangeRows).where(eq(dataChangeRows.changeId, change.id)).orderBy(asc(dataChangeRows.row));
  const documents: Record<string, string> =
    change.sealedIdDocument && change.dataKeyId ? JSON.parse(await openChangeIdDocument(db, { id: change.id, sealedIdDocument: change.sealedIdDocument, dataKeyId: change.dataKeyId })) : {};
  return kept.map(({ row, values }) => {
    const stored = values as RowValues;
    if ('user' in stored) return { row, fields: stored.user };
    // An owner a later row names again shares the first row's owner id, and so its document.
    const owner = stored.owner ? { ownerName: stored.owner.name, idKind: stored.owner.idDocumentKind, idNumber: documents[stored.owner.ownerId], mobile: stored.owner.mobile } : {};
    if ('unit' in stored) return { row, fields: { ...stored.unit, ...owner } };
    return { row, fields: { buildingId: stored.buildingId, number: stored.number, ...owner } };
  });
}

/**
 * P5.1a–b: a kept import against the register now: the summary diff and the standard's checks (prepareReview, a
 * change's page). A closed one (applied or withdrawn, its documents erased) shows what it was, checked no more.
 */
export async function reviewImport(db: Reader, change: ChangeRow) {
  const stored = change.proposal as StoredImport;
  if (change.status === 'applied' || change.status === 'withdrawn') {
    const kept = await db.select({ values: dataChangeRows.values }).from(dataChangeRows).where(eq(dataChangeRows.changeId, change.id));
    const newOwners = kept.filter(({ values }) => (values as RowValues & { owner?: ImportedOwner }).owner?.isNew).length;
    return { diff: importSummary(stored, kept.length, newOwners), checks: [], needsSecondApproval: true };
  }
  const checked = await checkAgainstRegister(db, stored.sheet, await draftRows(db, change), change.id);
  return { diff: importSummary(stored, checked.rows.length, checked.newOwners), checks: importChecks(stored.sheet, checked.faults), needsSecondApproval: true };
}

/** The batch's rows a page at a time, in sheet order. */
export async function importRowsPage(db: Reader, changeId: string, cursor: number | undefined, limit: number): Promise<{ items: ImportRowView[]; nextCursor: string | null }> {
  const rows = await db
    .select({ row: dataChangeRows.row, recordId: dataChangeRows.recordId, diff: dataChangeRows.diff })
    .from(dataChangeRows)
    .where(and(eq(dataChangeRows.changeId, changeId), gt(dataChangeRows.row, cursor ?? 0)))
    .orderBy(asc(dataChangeRows.row))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((row) => ({ row: row.row, recordId: row.recordId, diff: row.diff as DiffRow[] }));
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1].row) : null };
}

/** Rows written per statement: well under PostgreSQL's limit of parameters. */
const ROWS_PER_INSERT = 1000;

async function insertAll<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) await insert(rows.slice(start, start + ROWS_PER_INSERT));
}

/** A checked batch's rows kept with its draft (replacing those of an earlier revision). */
export async function keepRows(tx: Pick<Database, 'insert' | 'delete'>, changeId: string, rows: PreparedRow[]) {
  await tx.delete(dataChangeRows).where(eq(dataChangeRows.changeId, changeId));
  await insertAll(rows, (chunk) => tx.insert(dataChangeRows).values(chunk.map((row) => ({ changeId, row: row.row, recordId: row.recordId, values: row.values, diff: row.diff }))));
}

/**
 * P5.1b: the approved batch written in the caller's transaction, every row or none, if every row still meets the
 * standard against the register now and the batch reads as it was reviewed: units, owners (documents sealed, each
 * under its own key) and their ownership, or staff users; each record's history entry and the batch's own.
 */
export async function applyImport(tx: Executor, change: ChangeRow, reviewedDiff: DiffRow[], checker: Decision, approver: Decision | null): Promise<FieldKey[]> {
  const stored = change.proposal as StoredImport;
  const checked = await checkAgainstRegister(tx, stored.sheet, await draftRows(tx, change), change.id);
  const summary = importSummary(stored, checked.rows.length, checked.newOwners);
  const failed: FieldKey[] = [...new Set(checked.faults.map((fault) => fault.message))];
  if (JSON.stringify(summary) !== JSON.stringify(reviewedDiff)) failed.unshift('changed-meanwhile');
  if (failed.length) return failed;

  const values = checked.rows.map((row) => row.values);
  if (stored.sheet === 'staff') {
    const staff = values as Array<Extract<RowValues, { userId: string }>>;
    await insertAll(staff, (chunk) => tx.insert(users).values(chunk.map(({ userId, user }) => ({ id: userId, ...user, passwordHash: NO_PASSWORD, mustChangePassword: true }))));
  } else {
    const rows = values as Array<Exclude<RowValues, { userId: string }>>;
    const newUnits = rows.flatMap((row) => ('unit' in row ? [{ id: row.unitId, ...row.unit, exclusiveArea: row.unit.exclusiveArea.toFixed(2) }] : []));
    await insertAll(newUnits, (chunk) => tx.insert(units).values(chunk));
    const newOwners = rows.flatMap((row) => (row.owner?.isNew ? [row.owner] : []));
    const sealed = await sealOwnerIdDocuments(
      tx,
      newOwners.map((owner) => ({ ownerId: owner.ownerId, number: checked.documents[owner.ownerId] })),
    );
    await insertAll(
      newOwners.map((owner, index) => ({ id: owner.ownerId, name: owner.name, kind: 'person' as const, idDocumentKind: owner.idDocumentKind, mobile: owner.mobile ?? null, ...sealed[index] })),
      (chunk) => tx.insert(owners).values(chunk),
    );
    await inviteOwners(tx, change, newOwners.map((owner) => ({ ownerId: owner.ownerId, name: owner.name, mobile: owner.mobile })));
    const ownerships = rows.flatMap((row) => (row.owner ? [{ unitId: row.unitId, ownerId: row.owner.ownerId }] : []));
    await insertAll(ownerships, (chunk) => tx.insert(unitOwners).values(chunk));
  }
  const decided = { outcome: 'applied' as const, ...decidedBy(checker, approver) };
  await insertAll(checked.rows, (chunk) =>
    tx.insert(dataChangeHistory).values(chunk.map((row) => ({ ...historyBase(change, change.revision, row.diff), recordId: row.recordId, ...decided }))),
  );
  await tx.insert(dataChangeHistory).values({ ...historyBase(change, change.revision, summary), ...decided });
  await closeDraft(tx, change, 'applied');
  return [];
}
