/**
 * Bulk import of master data (P5.1a–b, issue 12): a spreadsheet of units, owners or staff users is checked row by row
 * against the collection standard (every fault named by its row and column, nothing written while one is left),
 * then reviewed as one change by the data-review process. The rows' format checks live here, once; the checks that
 * read the register are in domain/data-import.ts. Columns and templates: contracts/import-templates.ts.
 */
import { z } from 'zod';
import { mobileNumber } from './common';
import { area, diffRow, recordId, validIdDocument } from './data-review';
import { IMPORT_LIMITS } from './import-templates';
import { fieldText } from './problem-texts';
import { staffUserFields } from './staff-users';
import { DELIVERY_STATUSES, ID_DOCUMENT_KINDS, IMPORT_SHEETS, UNIT_USES } from './vocabulary';

export const IMPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A file as uploaded: its name (shown to the checker), its format and its content in base64, as photos travel. */
export const dataImportFile = z.object({
  fileName: z.string().trim().min(1).max(200),
  format: z.enum(IMPORT_FORMATS),
  content: z
    .string()
    .min(1)
    .max(Math.ceil(IMPORT_LIMITS.maxBytes / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, fieldText('base64')),
});
export type DataImportFile = z.infer<typeof dataImportFile>;

/** What a maker uploads: the sheet under a client-chosen change id (a retried upload is the same change). */
export const dataImportRequest = dataImportFile.extend({ changeId: z.uuid(), sheet: z.enum(IMPORT_SHEETS) });
export type DataImportRequest = z.infer<typeof dataImportRequest>;

export const dataImportSubmitted = z.object({ changeId: z.string(), workflowId: z.string(), rows: z.number().int() });

const ownerName = z.string().trim().min(2).max(100);
const idNumber = z.string().trim().toUpperCase().max(32);
const OWNER_KEYS = ['ownerName', 'idKind', 'idNumber'] as const;

/** An owner's document is checked as the single change's is: a resident ID's check digit, a passport's format. */
function ownerDocument(row: { idKind?: (typeof ID_DOCUMENT_KINDS)[number]; idNumber?: string }, ctx: z.RefinementCtx) {
  if (row.idKind && row.idNumber && !validIdDocument(row.idKind, row.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: fieldText('id-document-invalid') });
}

/** A row of the units sheet: a new unit, and its first owner when the owner's three columns are filled in. */
export const unitsImportRow = z
  .object({
    buildingId: recordId,
    number: z.string().trim().min(1).max(20),
    exclusiveArea: area,
    use: z.enum(UNIT_USES),
    deliveryStatus: z.enum(DELIVERY_STATUSES),
    ownerName: ownerName.optional(),
    idKind: z.enum(ID_DOCUMENT_KINDS).optional(),
    idNumber: idNumber.optional(),
    mobile: mobileNumber.optional(),
  })
  .superRefine((row, ctx) => {
    if (OWNER_KEYS.some((key) => row[key] !== undefined) || row.mobile !== undefined) {
      for (const key of OWNER_KEYS) if (row[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: fieldText('required') });
    }
    ownerDocument(row, ctx);
  });
export type UnitsImportRow = z.output<typeof unitsImportRow>;

/** A row of the owners sheet: a new owner of a registered unit. */
export const ownersImportRow = z
  .object({ buildingId: recordId, number: z.string().trim().min(1).max(20), ownerName, idKind: z.enum(ID_DOCUMENT_KINDS), idNumber, mobile: mobileNumber.optional() })
  .superRefine(ownerDocument);
export type OwnersImportRow = z.output<typeof ownersImportRow>;

/** A row of the staff sheet: a new staff user, as a single change enters one. */
export const staffImportRow = staffUserFields;
export type StaffImportRow = z.output<typeof staffImportRow>;

/** One row of a batch as its checker reads it: the record it writes and its fields before and after (documents masked). */
export const importRowView = z.object({ row: z.number().int(), recordId: z.string(), diff: z.array(diffRow) });
export type ImportRowView = z.infer<typeof importRowView>;

/** A batch's rows a page at a time, in sheet order; the cursor is the last row number of the page before. */
export const importRowsQuery = z.object({
  cursor: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ImportRowsQuery = z.output<typeof importRowsQuery>;
