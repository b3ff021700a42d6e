import { and, eq } from 'drizzle-orm';
import type { DataImportFile, DataImportRequest, ImportRowsQuery } from '../../contracts/data-import';
import type { DataChangeView } from '../../contracts/data-review';
import { IMPORT_LIMITS } from '../../contracts/import-templates';
import { IMPORT_SHEET_KINDS, type ImportSheet } from '../../contracts/vocabulary';
import { dataChanges } from '../../db/schema';
import { eraseDataKeys } from '../../db/sealed/envelope';
import { sealChangeIdDocument } from '../../db/sealed/records';
import { checkAgainstRegister, importRowsPage, keepRows, parseSheet, type CheckedImport, type StoredImport } from '../../domain/data-import';
import { readSheet, templateWorkbook, UnreadableSheet } from '../../domain/sheet-reader';
import { dataReviewProcess } from '../../workflows/data-review/definition';
import type { DataReviewInput } from '../../workflows/data-review/messages';
import type { SessionUser } from '../auth/session';
import type { ApiContext } from '../context';
import { conflict, notFound, unprocessable } from '../http/problem';
import { changeOf, getChange, returnedChangeOf } from './data-review';
import { startProcess } from './start-process';
import { completeTask } from './worklist';

type ChangeRow = typeof dataChanges.$inferSelect;

/**
 * P5.1a: the file read and every row checked, the sheet's formats first and then against the register; a sheet with
 * any fault is refused whole (422 naming each row and column, the first IMPORT_LIMITS.maxErrors of them) and nothing
 * is written.
 */
async function checkedSheet(ctx: ApiContext, sheet: ImportSheet, file: DataImportFile, changeId: string): Promise<CheckedImport & { stored: StoredImport }> {
  const content = Buffer.from(file.content, 'base64');
  if (content.length > IMPORT_LIMITS.maxBytes) throw unprocessable('import.unreadable', [{ field: 'content', message: 'too-big', params: { maximum: IMPORT_LIMITS.maxBytes } }]);
  let cells;
  try {
    cells = await readSheet(file.format, content);
  } catch (error) {
    if (error instanceof UnreadableSheet) throw unprocessable('import.unreadable', [{ field: 'content', message: 'invalid' }]);
    throw error;
  }
  const parsed = parseSheet(sheet, cells);
  const checked = await checkAgainstRegister(ctx.db, sheet, parsed.rows, changeId);
  const faults = [...parsed.faults, ...checked.faults].sort((a, b) => rowOf(a.field) - rowOf(b.field));
  if (faults.length) throw unprocessable('import.invalid', { count: faults.length }, faults.slice(0, IMPORT_LIMITS.maxErrors));
  return { ...checked, stored: { action: 'import', sheet, fileName: file.fileName, rows: checked.rows.length } };
}

const rowOf = (field: string) => Number(/^rows\.(\d+)/.exec(field)?.[1] ?? 0);

/** The new owners' document numbers, sealed together with the draft (each owner gets a key of its own on approval). */
const sealedDocuments = async (tx: Parameters<typeof sealChangeIdDocument>[0], changeId: string, documents: Record<string, string>) =>
  Object.keys(documents).length ? sealChangeIdDocument(tx, changeId, JSON.stringify(documents)) : { dataKeyId: null, sealedIdDocument: null };

const sameImport = (row: ChangeRow, user: SessionUser, sheet: ImportSheet) => row.makerId === user.id && row.action === 'import' && (row.proposal as StoredImport).sheet === sheet;

/**
 * P5.1b: an uploaded sheet kept as one draft with its rows, changing nothing, and its review started as one change.
 * Idempotent on the client's change id: the same maker uploading again gets the same review.
 */
export async function submitImport(ctx: ApiContext, user: SessionUser, request: DataImportRequest): Promise<{ changeId: string; workflowId: string; rows: number }> {
  const { changeId, sheet } = request;
  const workflowId = dataReviewProcess.workflowId(changeId);
  const kind = IMPORT_SHEET_KINDS[sheet];
  const [existing] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
  if (existing && !sameImport(existing, user, sheet)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
  let rows = existing ? (existing.proposal as StoredImport).rows : 0;
  if (!existing) {
    const checked = await checkedSheet(ctx, sheet, request, changeId);
    rows = checked.rows.length;
    const now = new Date();
    const inserted = await ctx.db.transaction(async (tx) => {
      const written = await tx
        .insert(dataChanges)
        .values({
          id: changeId,
          workflowId,
          kind,
          action: 'import',
          recordId: changeId,
          makerId: user.id,
          makerName: user.displayName,
          status: 'in-review',
          proposal: checked.stored,
          ...(await sealedDocuments(tx, changeId, checked.documents)),
          submittedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: dataChanges.id });
      if (written.length) await keepRows(tx, changeId, checked.rows);
      return written.length > 0;
    });
    if (!inserted) {
      const [raced] = await ctx.db.select().from(dataChanges).where(eq(dataChanges.id, changeId));
      if (!sameImport(raced, user, sheet)) throw conflict('change.id-taken', [{ field: 'changeId', message: 'taken' }]);
    }
  }
  const input: DataReviewInput = { changeId, kind, action: 'import', maker: { userId: user.id, displayName: user.displayName }, timings: ctx.settings.dataReview };
  await startProcess(ctx, dataReviewProcess, { workflowId, input, title: `${changeId} 数据导入 Data import`, startedBy: user.id });
  return { changeId, workflowId, rows };
}

/** P5.1b: the maker corrects a returned import with a new file of the same sheet; its rows replace the draft's and go into review again. */
export async function correctImport(ctx: ApiContext, user: SessionUser, changeId: string, file: DataImportFile): Promise<DataChangeView> {
  const { row, taskId } = await returnedChangeOf(ctx, user, changeId);
  if (row.action !== 'import') throw conflict('import.not-an-import', [{ field: 'changeId', message: 'invalid' }]);
  const checked = await checkedSheet(ctx, (row.proposal as StoredImport).sheet, file, changeId);
  const updated = await ctx.db.transaction(async (tx) => {
    const written = await tx
      .update(dataChanges)
      .set({ proposal: checked.stored, ...(await sealedDocuments(tx, changeId, checked.documents)), updatedAt: new Date() })
      .where(and(eq(dataChanges.id, changeId), eq(dataChanges.status, 'returned'), eq(dataChanges.revision, row.revision)))
      .returning({ id: dataChanges.id });
    if (!written.length) return false;
    await keepRows(tx, changeId, checked.rows);
    // The documents this correction replaces are erased with their key.
    await eraseDataKeys(tx, [row.dataKeyId]);
    return true;
  });
  if (!updated) throw conflict('change.not-returned', { status: 'in-review' }, [{ field: 'status', message: 'not-returned', params: { status: 'in-review' } }]);
  await completeTask(ctx, user, taskId, { decision: 'resubmit' });
  return getChange(ctx, changeId);
}

/** An import's rows as its checker reads them, a page at a time: each row's record and its fields before and after. */
export async function importRows(ctx: ApiContext, changeId: string, query: ImportRowsQuery) {
  const row = await changeOf(ctx, changeId);
  if (row.action !== 'import') throw notFound('change.unknown', { changeId });
  return importRowsPage(ctx.db, changeId, query.cursor, query.limit);
}

/** A sheet's template (.xlsx): its headings, choices as drop-down lists, and notes on every column. */
export const importTemplate = (sheet: ImportSheet) => templateWorkbook(sheet);
