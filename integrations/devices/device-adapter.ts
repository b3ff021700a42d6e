/**
 * The one interface through which Steward commands devices (DESIGN.md "Devices"). Processes reach it only
 * through activities; the ISAPI implementation is `isapi-adapter.ts`, and tests drive it over the wire
 * against the project's device simulator (`scripts/device-simulator/`), never an in-process mock.
 */

/** Where and how to reach one device: a row of `device_connections`. */
export interface DeviceConnection {
  deviceId: string;
  /** Base URL of the device's ISAPI HTTP server, e.g. `http://10.0.3.21` or the simulator's `http://127.0.0.1:8091/devices/door-b1`. */
  baseUrl: string;
  username: string;
  password: string;
  /** Adapter that speaks to it; only `isapi` exists today. */
  protocol: 'isapi';
}

/** A camera channel called up for the console: live stream plus a snapshot the browser can load. */
export interface CameraCallUp {
  deviceId: string;
  channel: number;
  /** RTSP main stream, as a video wall or NVR client would open it. */
  streamUrl: string;
  /** The device's ISAPI picture URL; it needs the device credentials, so browsers load it through Steward's snapshot route. */
  snapshotUrl: string;
  /** When the device confirmed the call-up. */
  calledUpAt: string;
}

export type CredentialKind = 'card' | 'face' | 'fingerprint' | 'pin';

/** A validity window: the credential opens nothing before `from` nor after `until` (ISO date-times, device-local). */
export interface ValidityWindow {
  from: string;
  until: string;
}

/** The person (ISAPI "user", keyed by employeeNo) that credentials belong to. */
export interface CredentialHolder {
  /** Stable id of the person on the device (ISAPI employeeNo); Steward uses its own person/credential id. */
  personId: string;
  name: string;
  validity: ValidityWindow;
  /** Door numbers (1-based) the person may open; empty means every door of the controller. */
  doors?: number[];
}

export type CredentialEnrolment =
  | { kind: 'card'; holder: CredentialHolder; cardNo: string }
  | { kind: 'face'; holder: CredentialHolder; /** base64 JPEG */ faceImage: string }
  | { kind: 'fingerprint'; holder: CredentialHolder; fingerIndex: number; /** base64 template */ template: string }
  | { kind: 'pin'; holder: CredentialHolder; pin: string };

export type CredentialRevocation =
  | { kind: 'card'; personId: string; cardNo: string }
  | { kind: 'face'; personId: string }
  | { kind: 'fingerprint'; personId: string; fingerIndex?: number }
  | { kind: 'pin'; personId: string };

export type PlateList = 'allow' | 'refuse';

export interface PlateEntry {
  plate: string;
  list: PlateList;
  validity?: ValidityWindow;
}

/** AcsEvent-style search: by serial-number range and/or time range, paged by the device. */
export interface EventSearch {
  fromSequence?: number;
  toSequence?: number;
  from?: string;
  to?: string;
  /** Position of the first result (0-based) and page size, as ISAPI's searchResultPosition/maxResults. */
  position?: number;
  maxResults?: number;
}

/** One stored event returned by a search, before normalisation (`normalise.ts` shapes it). */
export interface DeviceEventRecord {
  sequence: number;
  occurredAt: string;
  major: number;
  minor: number;
  /** ISAPI event type (e.g. `AccessControllerEvent`, `fielddetection`, `videoloss`). */
  eventType: string;
  state: 'active' | 'inactive';
  channel?: number;
  door?: number;
  subject?: string;
  raw: Record<string, unknown>;
}

export interface EventSearchPage {
  events: DeviceEventRecord[];
  totalMatches: number;
  /** True when the device has more results after this page (ISAPI `responseStatusStrg: MORE`). */
  more: boolean;
}

/** What a device says it is (ISAPI `deviceInfo`). */
export interface DeviceInfo {
  model: string;
  firmwareVersion: string;
}

/** A device writing a firmware image: `upgrading` until it reboots into it, with the share written. */
export interface UpgradeStatus {
  upgrading: boolean;
  percent: number;
}

/** A firmware file as a supplier registered it: the version it installs and the file's SHA-256 (hex). */
export interface FirmwareImage {
  version: string;
  bytes: Uint8Array;
  sha256: string;
}

/**
 * What an upload did: `started` (the device took the image; it writes it, then reboots by itself),
 * `in-progress` (it is already writing an image: a retried upload sends nothing), `installed` (it already
 * runs that version: nothing sent, so a retry after the reboot never writes the image twice).
 */
export type FirmwareUploadResult = 'started' | 'in-progress' | 'installed';

/**
 * Why a command failed, so workflows can decide whether a retry helps: a silent device (unreachable,
 * including while it reboots) or a misbehaving one (bad response, busy, an internal device error) may
 * answer later; wrong credentials, a refused command or image, and a file that is not the one registered
 * (`FirmwareChecksumMismatch`, found before anything is sent) will not get better.
 */
export type DeviceFailureType = 'DeviceUnreachable' | 'DeviceAuthFailed' | 'DeviceRejected' | 'DeviceBadResponse' | 'FirmwareChecksumMismatch';

export class DeviceCommandError extends Error {
  constructor(
    readonly type: DeviceFailureType,
    message: string,
    readonly status?: number,
    /** The device's own reason (ISAPI `subStatusCode`, e.g. `upgradePackageMismatch`, `deviceBusy`, `importFailed`). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DeviceCommandError';
  }
}

/** Every command Steward sends to a device; each is idempotent so that an activity retry is harmless. */
export interface DeviceAdapter {
  /** P4.2c: call up a camera channel (stream + snapshot URLs) for the control-room console. */
  callUpCamera(device: DeviceConnection, channel?: number): Promise<CameraCallUp>;
  /** Fetch one JPEG snapshot from a camera now. */
  snapshot(device: DeviceConnection, channel?: number): Promise<Uint8Array>;
  /** Open a door (remote unlock); a no-op when already open. */
  openDoor(device: DeviceConnection, door: number): Promise<void>;
  /** Enrol (or overwrite) a credential with its validity window; creates or updates the holder. */
  enrolCredential(device: DeviceConnection, enrolment: CredentialEnrolment): Promise<void>;
  /** Revoke one credential; revoking one the device does not hold succeeds. */
  revokeCredential(device: DeviceConnection, revocation: CredentialRevocation): Promise<void>;
  /** Delete a person's face data from the device's face library (personal information law: delete on exit). */
  deleteFace(device: DeviceConnection, personId: string): Promise<void>;
  /** Delete the holder and every credential of theirs from the device. */
  deletePerson(device: DeviceConnection, personId: string): Promise<void>;
  /** Put a plate on the barrier's allow or refuse list (replacing its entry). */
  setPlate(device: DeviceConnection, entry: PlateEntry): Promise<void>;
  /** Remove a plate from both lists. */
  removePlate(device: DeviceConnection, plate: string): Promise<void>;
  /** AcsEvent-style search of the device's stored events (backfill after a sequence gap). */
  searchEvents(device: DeviceConnection, search: EventSearch): Promise<EventSearchPage>;
  /** P3.3b: model and firmware version the device reports (verification after an upgrade). */
  deviceInfo(device: DeviceConnection): Promise<DeviceInfo>;
  /** P3.3b: sends a firmware image after checking it is the registered file; a retry sends nothing twice. */
  uploadFirmware(device: DeviceConnection, image: FirmwareImage): Promise<FirmwareUploadResult>;
  /** P3.3b: progress of the image being written. */
  upgradeStatus(device: DeviceConnection): Promise<UpgradeStatus>;
  /** Restart the device: it is unreachable until it is back. */
  reboot(device: DeviceConnection): Promise<void>;
  /** P3.3b backup: the device's configuration file, opaque, to be stored byte for byte. */
  exportConfiguration(device: DeviceConnection): Promise<Uint8Array>;
  /** P3.3b roll back: loads a configuration file exported before; the device then reboots to apply it. */
  importConfiguration(device: DeviceConnection, configuration: Uint8Array): Promise<void>;
}
