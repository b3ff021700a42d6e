/**
 * Zones and the guard roster through review (P4.2c, P5.1b, issue 12): the areas devices sit in and guards cover, and
 * which guard covers which zone on which day and hours. Both are entered as drafts that change nothing until the
 * security supervisor or an administrator (never the maker) approves them.
 */
import { z } from 'zod';
import { recordId } from './data-review';
import { fieldText } from './problem-texts';

/** A calendar day, YYYY-MM-DD. */
const day = z.iso.date();
/** A time of day as a roster writes it, HH:MM (the community's time zone). */
export const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, fieldText('time-format'));

export const zoneFields = z.object({
  name: z.string().trim().min(2).max(100),
  /** The building the zone is in; null for the estate's common areas (gates, car park). */
  buildingId: recordId.nullable(),
});
export type ZoneFields = z.infer<typeof zoneFields>;

const zoneId = z.string().regex(/^z-[a-z0-9-]{1,61}$/, fieldText('slug-format'));

/** What a maker submits about a zone; the same body, without `changeId`, corrects a returned change. */
export const zoneChangeProposal = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), zoneId, zone: zoneFields }),
  z.object({
    action: z.literal('change'),
    zoneId,
    zone: zoneFields
      .partial()
      .strict()
      .refine((fields) => Object.keys(fields).length > 0, fieldText('change-something')),
  }),
  z.object({ action: z.literal('disable'), zoneId, reason: z.string().trim().min(3).max(500) }),
]);
export type ZoneChangeProposal = z.infer<typeof zoneChangeProposal>;

export const zoneChangeRequest = z.intersection(z.object({ changeId: z.uuid() }), zoneChangeProposal);
export type ZoneChangeRequest = z.infer<typeof zoneChangeRequest>;

export const zoneView = z.object({
  zoneId: z.string(),
  name: z.string(),
  buildingId: z.string().nullable(),
  buildingName: z.string().nullable(),
  active: z.boolean(),
  /** Devices in use in the zone. */
  deviceCount: z.number().int(),
});
export type ZoneView = z.infer<typeof zoneView>;

/** The zones a keyset page at a time in zone-id order: `q` finds ids and names containing it. */
export const zoneListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  buildingId: recordId.optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** The last zone id of the page before. */
  cursor: zoneId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ZoneListQuery = z.output<typeof zoneListQuery>;

/**
 * One shift of the roster: the day it starts, its hours (an end earlier in the day than the start ends the next day),
 * the guard and the zone they cover.
 */
export const shiftFields = z
  .object({ zoneId, guardUserId: recordId, date: day, startTime: clockTime, endTime: clockTime })
  .refine((shift) => shift.startTime !== shift.endTime, { message: fieldText('shift-hours'), path: ['endTime'] });
export type ShiftFields = z.infer<typeof shiftFields>;

const shiftId = z.string().regex(/^gs-[a-z0-9-]{1,61}$/, fieldText('slug-format'));

/**
 * What a maker submits about a shift: a new one (its id `gs-<changeId>`), a change (the shift as it should be: every
 * field, the diff shows what differs) or its cancellation. The same body, without `changeId`, corrects a returned change.
 */
export const shiftChangeProposal = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), shift: shiftFields }),
  z.object({ action: z.literal('change'), shiftId, shift: shiftFields }),
  z.object({ action: z.literal('disable'), shiftId, reason: z.string().trim().min(3).max(500) }),
]);
export type ShiftChangeProposal = z.infer<typeof shiftChangeProposal>;

export const shiftChangeRequest = z.intersection(z.object({ changeId: z.uuid() }), shiftChangeProposal);
export type ShiftChangeRequest = z.infer<typeof shiftChangeRequest>;

/** The id a new shift gets: from the change that enters it, the same on every retry and correction. */
export const newShiftId = (changeId: string) => `gs-${changeId.toLowerCase()}`;

export const shiftView = z.object({
  shiftId: z.string(),
  zoneId: z.string(),
  zoneName: z.string(),
  guardUserId: z.string(),
  guardName: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Not cancelled. */
  active: z.boolean(),
});
export type ShiftView = z.infer<typeof shiftView>;

/** The roster a keyset page at a time, by day then id: a day range, a zone, a guard, `q` in the zone's or guard's name. */
export const shiftListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  zoneId: zoneId.optional(),
  guardUserId: recordId.optional(),
  from: day.optional(),
  to: day.optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** The page after this one: `<date>|<shift id>` of the last shift of the page before. */
  cursor: z.string().regex(/^\d{4}-\d{2}-\d{2}\|gs-[a-z0-9-]{1,61}$/, fieldText('slug-format')).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ShiftListQuery = z.output<typeof shiftListQuery>;
