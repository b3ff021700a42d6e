/**
 * Master data through review (P5.1a–b): the changes a maker submits to units and their owners, as requests and
 * as the checker, the maker and auditors read them. The collection standard's format checks live here, once, for
 * the API's requests and the review's checks (domain/master-data.ts adds the checks that read the register).
 */
import { z } from 'zod';
import { mobileNumber } from './common';
import { fieldText, type FieldKey } from './problem-texts';
import { DATA_CHANGE_ACTIONS, DATA_CHANGE_KINDS, DATA_CHANGE_OUTCOMES, DATA_CHANGE_STATUSES, DELIVERY_STATUSES, ID_DOCUMENT_KINDS, IMPORT_SHEETS, UNIT_USES, type IdDocumentKind } from './vocabulary';

/** P5.1a: a registered exclusive area, in m², within these bounds and to the hundredth. */
export const AREA_BOUNDS = { min: 1, max: 10_000 } as const;

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** P5.1a: a resident ID (GB 11643: 18 characters, the last an ISO 7064 MOD 11-2 check), or a passport number. */
export function validIdDocument(kind: IdDocumentKind, number: string): boolean {
  if (kind === 'passport') return /^[A-Z0-9]{5,17}$/.test(number);
  if (!/^\d{17}[\dX]$/.test(number)) return false;
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, index) => total + weight * Number(number[index]), 0);
  return RESIDENT_ID_CHECK[sum % 11] === number[17];
}

/** What people see of an identity document: its kind and last 4 characters. */
export const maskIdDocument = (last4: string) => `****${last4}`;
/** A phone number as diffs and notices show it: its last 4 digits. */
export const maskPhone = (phone: string) => `****${phone.replace(/\D/g, '').slice(-4)}`;

export const recordId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, fieldText('slug-format'));

export const area = z
  .number()
  .refine((value) => value >= AREA_BOUNDS.min && value <= AREA_BOUNDS.max, { message: fieldText('area-bounds'), params: { ...AREA_BOUNDS } })
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, fieldText('two-decimals'));

export const unitFields = z.object({
  buildingId: recordId,
  number: z.string().trim().min(1).max(20),
  exclusiveArea: area,
  use: z.enum(UNIT_USES),
  deliveryStatus: z.enum(DELIVERY_STATUSES),
});
export type UnitFields = z.infer<typeof unitFields>;

/** The fields a change may touch (a unit stays in its building). */
export const unitChanges = unitFields
  .omit({ buildingId: true })
  .partial()
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, fieldText('change-something'));

export const idDocument = z
  .object({ kind: z.enum(ID_DOCUMENT_KINDS), number: z.string().trim().toUpperCase().max(32) })
  .refine((document) => validIdDocument(document.kind, document.number), { message: fieldText('id-document-invalid'), path: ['number'] });

/**
 * An owner to add: one already registered (a co-owner, an owner of several units), or a new person with their document
 * and, if they have one, the mobile number their portal invitation is sent to.
 */
export const ownerToAdd = z
  .object({
    ownerId: recordId.optional(),
    name: z.string().trim().min(2).max(100).optional(),
    idDocument: idDocument.optional(),
    mobile: mobileNumber.optional(),
  })
  .strict()
  .refine((owner) => (owner.ownerId === undefined) === (owner.name !== undefined && owner.idDocument !== undefined), fieldText('owner-or-new-person'))
  .refine((owner) => owner.ownerId === undefined || owner.mobile === undefined, { message: fieldText('owner-or-new-person'), path: ['mobile'] });

const changeId = z.uuid();

/** What a maker submits; the same body, without `changeId`, corrects a returned change. */
export const dataChangeProposal = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), unitId: recordId, unit: unitFields }),
  z.object({ action: z.literal('change'), unitId: recordId, unit: unitChanges }),
  z.object({ action: z.literal('disable'), unitId: recordId, reason: z.string().trim().min(3).max(500) }),
  z.object({ action: z.literal('add-owner'), unitId: recordId, owner: ownerToAdd }),
  z.object({ action: z.literal('remove-owner'), unitId: recordId, ownerId: recordId }),
]);
export type DataChangeProposal = z.infer<typeof dataChangeProposal>;

export const dataChangeRequest = z.intersection(z.object({ changeId }), dataChangeProposal);
export type DataChangeRequest = z.infer<typeof dataChangeRequest>;


/** One field before and after (an identity document masked); null where there was or will be nothing. */
export const diffRow = z.object({ field: z.string(), before: z.union([z.string(), z.number(), z.boolean()]).nullable(), after: z.union([z.string(), z.number(), z.boolean()]).nullable() });
export type DiffRow = z.infer<typeof diffRow>;

/** One check of the collection standard and whether the change passes it (`rule` is a field text's key). */
export const standardCheck = z.object({ field: z.string(), rule: z.string(), passed: z.boolean() });
export type StandardCheck = z.infer<typeof standardCheck> & { rule: FieldKey };

export const historyEntry = z.object({
  changeId: z.string(),
  workflowId: z.string(),
  kind: z.enum(DATA_CHANGE_KINDS),
  action: z.enum(DATA_CHANGE_ACTIONS),
  recordId: z.string(),
  revision: z.number().int(),
  outcome: z.enum(DATA_CHANGE_OUTCOMES),
  diff: z.array(diffRow),
  reasons: z.string().nullable(),
  maker: z.object({ id: z.string(), name: z.string() }),
  submittedAt: z.string(),
  checker: z.object({ id: z.string(), name: z.string(), at: z.string() }).nullable(),
  approver: z.object({ id: z.string(), name: z.string(), at: z.string() }).nullable(),
  at: z.string(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** What an imported batch is: its sheet, file and row count (its rows: GET /data-changes/:changeId/rows). */
export const importBatch = z.object({ sheet: z.enum(IMPORT_SHEETS), fileName: z.string(), rows: z.number().int() });
export type ImportBatch = z.infer<typeof importBatch>;

export const dataChangeView = z.object({
  changeId: z.string(),
  workflowId: z.string(),
  kind: z.enum(DATA_CHANGE_KINDS),
  action: z.enum(DATA_CHANGE_ACTIONS),
  /** The record the change is about: a unit, a staff user (contracts/staff-users.ts), a device, a resident; an import's own id. */
  recordId: z.string(),
  status: z.enum(DATA_CHANGE_STATUSES),
  revision: z.number().int(),
  maker: z.object({ id: z.string(), name: z.string() }),
  submittedAt: z.string(),
  diff: z.array(diffRow),
  checks: z.array(standardCheck),
  needsSecondApproval: z.boolean(),
  /** An import's sheet, file and row count; null for a change of one record. */
  batch: importBatch.nullable(),
  /**
   * The draft as a correction's body (PUT /data-changes, /user-changes or /resident-changes/:changeId), for its maker to
   * correct and resubmit: an identity document's number left empty, to be entered again (it is kept only sealed).
   * Null where a change is corrected otherwise (an import with a new file, a device).
   */
  draft: z.record(z.string(), z.unknown()).nullable(),
  history: z.array(historyEntry),
});
export type DataChangeView = z.infer<typeof dataChangeView>;

export const unitOwnerView = z.object({ ownerId: z.string(), name: z.string(), kind: z.enum(['person', 'developer']), idDocument: z.object({ kind: z.enum(ID_DOCUMENT_KINDS), masked: z.string() }).nullable() });

export const unitView = z.object({
  unitId: z.string(),
  buildingId: z.string(),
  number: z.string(),
  exclusiveArea: z.number(),
  use: z.enum(UNIT_USES),
  deliveryStatus: z.enum(DELIVERY_STATUSES),
  active: z.boolean(),
  owners: z.array(unitOwnerView),
});
export type UnitView = z.infer<typeof unitView>;

/** The unit register a page at a time, in unit-id order (a building's units together); `number` finds units whose number contains it. */
export const unitListQuery = z.object({
  number: z.string().trim().min(1).max(20).optional(),
  buildingId: recordId.optional(),
  /** The last unit id of the page before. */
  cursor: recordId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type UnitListQuery = z.output<typeof unitListQuery>;

/** A unit in the register's list: its building by name and how many owners it has (who they are is on its page). */
export const unitSummary = unitView.omit({ owners: true }).extend({ buildingName: z.string(), ownerCount: z.number().int() });
export type UnitSummary = z.infer<typeof unitSummary>;

export const buildingView = z.object({ buildingId: z.string(), name: z.string() });
export type BuildingView = z.infer<typeof buildingView>;
