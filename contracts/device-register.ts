/**
 * Devices through review (P5.1b, issue 12): a device added with its zone and how Steward reaches it. Its secrets (the
 * device's admin password, its push secret) are write-only: sealed from the moment they are entered, never in an
 * answer, a diff or a process's history.
 */
import { z } from 'zod';
import { recordId } from './data-review';
import { fieldText } from './problem-texts';
import { SYSTEMS } from './vocabulary';

export const deviceFields = z.object({ name: z.string().trim().min(2).max(100), zoneId: recordId, system: z.enum(SYSTEMS) });

/** How Steward reaches the device (ISAPI over HTTP with Digest) and how the device proves its pushes. */
export const deviceConnectionFields = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).max(300),
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
  /** The secret the device signs its event pushes with; Steward keeps only its SHA-256, sealed. */
  pushSecret: z.string().min(16).max(128),
  cameraChannel: z.number().int().min(1).max(64).default(1),
});

/** A secret to change, or blank (or left out) to keep the one stored: nobody sees it to type it again. */
const newSecret = (min: number) => z.union([z.literal(''), z.string().min(min).max(128)]).optional();

/** What a change may touch: the name, zone and connection; the system a device belongs to stays. */
export const deviceChanges = z.object({
  device: deviceFields.pick({ name: true, zoneId: true }).partial().strict().default({}),
  connection: z
    .object({ baseUrl: deviceConnectionFields.shape.baseUrl, username: deviceConnectionFields.shape.username, password: newSecret(1), pushSecret: newSecret(16), cameraChannel: z.number().int().min(1).max(64) })
    .partial()
    .strict()
    .default({}),
});

/** What a maker submits about a device; the same body, without `changeId`, corrects a returned change (a new device's secrets entered again). */
export const deviceChangeProposal = z.discriminatedUnion('action', [
  z.object({ action: z.literal('create'), deviceId: recordId, device: deviceFields, connection: deviceConnectionFields }),
  z.object({ action: z.literal('change'), deviceId: recordId, ...deviceChanges.shape }),
  z.object({ action: z.literal('disable'), deviceId: recordId, reason: z.string().trim().min(3).max(500) }),
]);
export type DeviceChangeProposal = z.output<typeof deviceChangeProposal>;

export const deviceChangeRequest = z.intersection(z.object({ changeId: z.uuid() }), deviceChangeProposal);
export type DeviceChangeRequest = z.output<typeof deviceChangeRequest>;

/** A registered device as administrators read it: its connection without its secrets, and its health. */
export const registeredDeviceView = z.object({
  deviceId: z.string(),
  name: z.string(),
  zoneId: z.string(),
  system: z.enum(SYSTEMS),
  /** In use; a disabled device's pushes are refused and the health sweep no longer watches it. */
  active: z.boolean(),
  baseUrl: z.string(),
  username: z.string(),
  cameraChannel: z.number().int(),
  health: z.enum(['streaming', 'stale', 'down', 'unknown']),
  lastSeenAt: z.string().nullable(),
});
export type RegisteredDeviceView = z.infer<typeof registeredDeviceView>;

/** A device in the register's list: its zone by name, in use or not, and its health. */
export const registeredDeviceSummary = registeredDeviceView.pick({ deviceId: true, name: true, zoneId: true, system: true, active: true, health: true }).extend({ zoneName: z.string() });
export type RegisteredDeviceSummary = z.infer<typeof registeredDeviceSummary>;

/** The device register a keyset page at a time in device-id order: `q` finds ids, names and zone names containing it. */
export const registeredDeviceListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  zoneId: recordId.optional(),
  system: z.enum(SYSTEMS).optional(),
  active: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  /** The last device id of the page before. */
  cursor: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, fieldText('slug-format')).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type RegisteredDeviceListQuery = z.output<typeof registeredDeviceListQuery>;
