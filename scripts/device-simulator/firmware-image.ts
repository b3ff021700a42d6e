import { createHash } from 'node:crypto';
import type { DemoDeviceModel } from '../../db/seed/demo-devices';

/**
 * The files a simulated device takes: firmware images and configuration exports. A real Hikvision image
 * (`digicap.dav`) and configuration file are proprietary and encrypted; what matters to Steward is only
 * what a device does with them, so the simulator defines a small format of its own with the same checks
 * a device makes: the image is for this model, and its payload is intact.
 *
 * Firmware image: `STEWARD-SIM-FIRMWARE 1\n`, one line of JSON manifest `{version, models, sha256}` (the
 * payload's SHA-256, hex), `\n`, then the payload bytes. Tests and benches build them with `simulatedFirmware`.
 */

const FIRMWARE_MAGIC = 'STEWARD-SIM-FIRMWARE 1\n';
const CONFIG_MAGIC = 'STEWARD-SIM-CONFIG 1\n';

export interface FirmwareManifest {
  version: string;
  /** Device models the image is built for; any other refuses it (ISAPI "upgrade packet mismatch"). */
  models: DemoDeviceModel[];
  /** SHA-256 (hex) of the payload as the image declares it. */
  sha256: string;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A simulated firmware image; `sha256` overrides the declared checksum (a corrupt image). */
export function simulatedFirmware(options: { version: string; models: DemoDeviceModel[]; payload?: Uint8Array; sha256?: string }): Buffer {
  const payload = Buffer.from(options.payload ?? Buffer.from(`firmware ${options.version} for ${options.models.join(',')}`));
  const manifest: FirmwareManifest = { version: options.version, models: options.models, sha256: options.sha256 ?? sha256Hex(payload) };
  return Buffer.concat([Buffer.from(`${FIRMWARE_MAGIC}${JSON.stringify(manifest)}\n`), payload]);
}

export type FirmwareCheck =
  | { ok: true; manifest: FirmwareManifest }
  | { ok: false; subStatusCode: 'badFirmware' | 'upgradePackageMismatch' | 'firmwareChecksumMismatch'; errorMsg: string };

/** What the device checks before flashing: the format, the model, the payload against its declared SHA-256. */
export function checkFirmware(image: Buffer, model: DemoDeviceModel): FirmwareCheck {
  const headerEnd = image.indexOf('\n', FIRMWARE_MAGIC.length);
  if (!image.subarray(0, FIRMWARE_MAGIC.length).equals(Buffer.from(FIRMWARE_MAGIC)) || headerEnd < 0) {
    return { ok: false, subStatusCode: 'badFirmware', errorMsg: 'not a firmware image' };
  }
  let manifest: FirmwareManifest;
  try {
    manifest = JSON.parse(image.subarray(FIRMWARE_MAGIC.length, headerEnd).toString('utf8')) as FirmwareManifest;
  } catch {
    return { ok: false, subStatusCode: 'badFirmware', errorMsg: 'the image header is unreadable' };
  }
  if (typeof manifest.version !== 'string' || !manifest.version || !Array.isArray(manifest.models) || typeof manifest.sha256 !== 'string') {
    return { ok: false, subStatusCode: 'badFirmware', errorMsg: 'the image header lacks version, models or sha256' };
  }
  if (!manifest.models.includes(model)) return { ok: false, subStatusCode: 'upgradePackageMismatch', errorMsg: `the image is for ${manifest.models.join(', ')}, not ${model}` };
  if (sha256Hex(image.subarray(headerEnd + 1)) !== manifest.sha256.toLowerCase()) {
    return { ok: false, subStatusCode: 'firmwareChecksumMismatch', errorMsg: 'the payload does not match the SHA-256 the image declares' };
  }
  return { ok: true, manifest };
}

/**
 * Configuration export: `STEWARD-SIM-CONFIG 1\n`, the SHA-256 (hex) of the body, `\n`, the body (JSON of
 * the device's settings). Opaque to Steward, which stores and restores it byte for byte.
 */
export function packConfiguration(body: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(body));
  return Buffer.concat([Buffer.from(`${CONFIG_MAGIC}${sha256Hex(json)}\n`), json]);
}

export function unpackConfiguration(file: Buffer): { ok: true; body: Record<string, unknown> } | { ok: false; errorMsg: string } {
  const hashEnd = file.indexOf('\n', CONFIG_MAGIC.length);
  if (!file.subarray(0, CONFIG_MAGIC.length).equals(Buffer.from(CONFIG_MAGIC)) || hashEnd < 0) return { ok: false, errorMsg: 'not a configuration file' };
  const json = file.subarray(hashEnd + 1);
  if (sha256Hex(json) !== file.subarray(CONFIG_MAGIC.length, hashEnd).toString('utf8')) return { ok: false, errorMsg: 'the configuration file is damaged' };
  try {
    return { ok: true, body: JSON.parse(json.toString('utf8')) as Record<string, unknown> };
  } catch {
    return { ok: false, errorMsg: 'the configuration file is damaged' };
  }
}
