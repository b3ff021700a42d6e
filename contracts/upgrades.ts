import { z } from 'zod';
import { fieldText } from './problem-texts';

/** Base64 of at most this many bytes: the API's JSON body limit (4 MB) holds the file with its fields. */
export const FIRMWARE_FILE_MAX_BYTES = 2_900_000;
const base64Length = (bytes: number) => Math.ceil(bytes / 3) * 4;

/** A firmware version as suppliers write them: `V5.8.0`, `2.2.1_build231107`. */
export const firmwareVersion = () => z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,39}$/, fieldText('firmware-version-format'));

/**
 * P3.3a: a firmware release as its supplier registers it: the version, the device models it is for (as the devices
 * report their model), the release date and notes, and the file with the SHA-256 the supplier published for it.
 * Idempotent on the client's `releaseId`.
 */
export const firmwareReleaseRequest = z.object({
  releaseId: z.uuid(),
  /** The supplier: a supplier's staff register their own company's releases and may leave it out. */
  vendorId: z.string().trim().min(1).max(64).optional(),
  version: firmwareVersion(),
  models: z
    .array(z.string().trim().min(1).max(100))
    .min(1)
    .max(20)
    .refine((models) => new Set(models).size === models.length, { message: fieldText('each-model-once') }),
  releasedOn: z.iso.date(),
  notes: z.string().trim().min(3).max(4000),
  fileName: z.string().trim().min(1).max(200),
  /** The file, base64. */
  file: z.base64().min(4).max(base64Length(FIRMWARE_FILE_MAX_BYTES), fieldText('firmware-too-large')),
  /** The SHA-256 the supplier published for the file (hex); Steward refuses a file that does not match it. */
  sha256: z.string().trim().regex(/^[0-9a-fA-F]{64}$/, fieldText('sha256-format')).transform((hex) => hex.toLowerCase()),
});
export type FirmwareReleaseRequest = z.input<typeof firmwareReleaseRequest>;

export const firmwareReleaseView = z.object({
  id: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  version: z.string(),
  models: z.array(z.string()),
  releasedOn: z.string(),
  notes: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  registeredBy: z.string(),
  registeredAt: z.string(),
});
export type FirmwareReleaseView = z.infer<typeof firmwareReleaseView>;

export const firmwareReleaseQuery = z.object({
  /** Releases for a device model. */
  model: z.string().trim().min(1).max(100).optional(),
});
