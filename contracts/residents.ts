/**
 * Residents and tenants of a unit through review (P5.1a–b, issue 12): who lives in a unit without owning it (a family
 * member or a tenant), how to reach them, their identity document (sealed, shown masked like an owner's) and when they
 * moved in and out. A tenant's or family member's move-out, once approved, revokes their door access (P4.2b).
 */
import { z } from 'zod';
import { idDocument, recordId } from './data-review';
import { fieldText } from './problem-texts';
import { ID_DOCUMENT_KINDS, RESIDENT_RELATIONS } from './vocabulary';

/** A calendar day, YYYY-MM-DD. */
const day = z.iso.date();

export const phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{5,18}[0-9]$/, fieldText('phone-format'));

export const residentFields = z.object({
  unitId: recordId,
  name: z.string().trim().min(2).max(100),
  relation: z.enum(RESIDENT_RELATIONS),
  phone,
  idDocument,
  moveInDate: day,
});
export type ResidentFields = z.infer<typeof residentFields>;

/** What a change may touch: a resident stays in their unit, their document is who they are, a move-out is its own change. */
export const residentChanges = residentFields
  .pick({ name: true, relation: true, phone: true, moveInDate: true })
  .partial()
  .strict()
  .refine((fields) => Object.keys(fields).length > 0, fieldText('change-something'));

const residentId = z.string().regex(/^r-[a-z0-9-]{1,62}$/, fieldText('slug-format'));

/** What a maker submits about a resident; the same body, without `changeId`, corrects a returned change. A new resident's id is `r-<changeId>`. */
export const residentChangeProposal = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), resident: residentFields }),
  z.object({ action: z.literal('change'), residentId, resident: residentChanges }),
  z.object({ action: z.literal('move-out'), residentId, moveOutDate: day }),
]);
export type ResidentChangeProposal = z.infer<typeof residentChangeProposal>;

export const residentChangeRequest = z.intersection(z.object({ changeId: z.uuid() }), residentChangeProposal);
export type ResidentChangeRequest = z.infer<typeof residentChangeRequest>;

/** The id a new resident gets: from the change that registers them, the same on every retry and correction. */
export const newResidentId = (changeId: string) => `r-${changeId.toLowerCase()}`;

/** A resident as administrators read them: the identity document masked. */
export const residentView = z.object({
  residentId: z.string(),
  unitId: z.string(),
  name: z.string(),
  relation: z.enum(RESIDENT_RELATIONS),
  phone: z.string(),
  idDocument: z.object({ kind: z.enum(ID_DOCUMENT_KINDS), masked: z.string() }),
  moveInDate: z.string(),
  moveOutDate: z.string().nullable(),
  /** Living there still (not moved out). */
  active: z.boolean(),
});
export type ResidentView = z.infer<typeof residentView>;

/** The residents a page at a time in resident-id order: `name` finds names containing it; `unitId` a unit's residents. */
export const residentListQuery = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  unitId: recordId.optional(),
  relation: z.enum(RESIDENT_RELATIONS).optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** The last resident id of the page before. */
  cursor: residentId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ResidentListQuery = z.output<typeof residentListQuery>;
