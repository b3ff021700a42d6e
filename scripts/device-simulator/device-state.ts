import type { DemoDevice } from '../../db/seed/demo-devices';
import { packConfiguration } from './firmware-image';

/**
 * One simulated device's memory: what an ISAPI device stores (users, cards, faces, fingerprints, plate
 * lists, its event log with serial numbers) and what tests read back through `/_sim/devices/:id/state`.
 */

export interface StoredUser {
  employeeNo: string;
  name: string;
  beginTime: string;
  endTime: string;
  doorRight: string;
  pin: string | null;
}

/** One event in the device's log, in the shape of an ISAPI `AcsEvent` InfoList entry. */
export interface StoredEvent {
  serialNo: number;
  time: string;
  major: number;
  minor: number;
  eventType: string;
  eventState: 'active' | 'inactive';
  channelID: number;
  doorNo?: number;
  employeeNoString?: string;
}

/** (major, minor) codes per event type: ISAPI's alarm major is 1, access events 5, exceptions 2. */
export const EVENT_CODES: Record<string, { major: number; minor: number }> = {
  fielddetection: { major: 1, minor: 0x401 },
  linedetection: { major: 1, minor: 0x402 },
  intrusion: { major: 1, minor: 0x403 },
  doorForcedOpen: { major: 1, minor: 0x404 },
  liftTrapped: { major: 1, minor: 0x405 },
  tamper: { major: 1, minor: 0x406 },
  accessGranted: { major: 5, minor: 0x4b },
  accessDenied: { major: 5, minor: 0x4c },
  deviceFault: { major: 2, minor: 0x27 },
  // An operation (major 3): a door opened by a remote command.
  remoteOpenDoor: { major: 3, minor: 0x400 },
};

/** Failure modes of an upgrade a test switches on (`POST /_sim/devices/:id/firmware-faults`), and its timing. */
export interface FirmwareFaults {
  /** The new firmware never boots: silent and unreachable until someone plugs it in again (`/plug-in`), then on its previous firmware. */
  neverComesBack: boolean;
  /** After the upgrade it reports this version instead of the new one; `true`: its previous one (it fell back to the old bank). */
  reportsWrongVersion: boolean | string;
  /** A configuration import is refused (the device cannot apply it). */
  configImportFails: boolean;
  /** How long writing the image takes: `upgradeStatus.percent` climbs from 0 to 100 over it. */
  flashMs: number;
  /** How long a reboot keeps the device silent (no heartbeats, no pushes) and its ISAPI unreachable. */
  rebootMs: number;
}

export const DEFAULT_FIRMWARE_FAULTS: FirmwareFaults = { neverComesBack: false, reportsWrongVersion: false, configImportFails: false, flashMs: 2_000, rebootMs: 3_000 };

export class SimulatedDevice {
  readonly users = new Map<string, StoredUser>();
  readonly cards = new Map<string, { employeeNo: string; cardType: string }>();
  readonly faces = new Map<string, { bytes: number }>();
  readonly fingerprints = new Map<string, { employeeNo: string; fingerPrintID: number }>();
  readonly plates = new Map<string, { list: 'allow' | 'refuse'; from?: string; until?: string }>();
  readonly doorOpens: Array<{ door: number; at: string }> = [];
  /** How often Steward searched this device's event log (a backfill asks once per page). */
  eventSearches = 0;
  readonly events: StoredEvent[] = [];
  /** Offline: the device keeps logging events but neither pushes them nor sends heartbeats. */
  online = true;
  /** Unplugged from the network: besides being offline, it answers no command (each connection is dropped). */
  reachable = true;
  heartbeat = true;
  firmwareVersion: string;
  firmwareFaults: FirmwareFaults = { ...DEFAULT_FIRMWARE_FAULTS };
  /** Images written to flash since the simulator started: a retried upgrade must not write one twice. */
  flashes = 0;
  /** The image being written, while `upgradeStatus` says upgrading. */
  private flashing: { version: string; startedAt: number } | null = null;
  /** Set while rebooting; `bricked` when the new firmware never boots. */
  private rebooting: { since: string; bricked: boolean; bootVersion: string } | null = null;
  private lastBootAt: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Called when the device is back from a reboot (the simulator sends its first heartbeat). */
  onBoot: () => void = () => {};
  private lastSerial = 0;

  constructor(readonly config: DemoDevice) {
    this.firmwareVersion = config.firmwareVersion;
  }

  get id(): string {
    return this.config.id;
  }

  get lastSerialNo(): number {
    return this.lastSerial;
  }

  /** Logs an event with the next serial number, as the device would before trying to push it. */
  record(eventType: string, eventState: 'active' | 'inactive', extra: Partial<StoredEvent> = {}): StoredEvent {
    const codes = EVENT_CODES[eventType] ?? { major: 1, minor: 0 };
    this.lastSerial += 1;
    const event: StoredEvent = {
      serialNo: this.lastSerial,
      time: new Date().toISOString(),
      major: codes.major,
      minor: codes.minor,
      eventType,
      eventState,
      channelID: 1,
      ...extra,
    };
    this.events.push(event);
    // A real controller keeps a ring buffer; 100k entries is plenty for any scenario and the bench.
    if (this.events.length > 100_000) this.events.shift();
    return event;
  }

  /** A factory reset (or a replacement unit): the event log is gone and serial numbers start again at 1. */
  reset(): void {
    this.events.length = 0;
    this.lastSerial = 0;
  }

  deleteUser(employeeNo: string): void {
    this.users.delete(employeeNo);
    this.faces.delete(employeeNo);
    for (const [cardNo, card] of this.cards) if (card.employeeNo === employeeNo) this.cards.delete(cardNo);
    for (const [key, print] of this.fingerprints) if (print.employeeNo === employeeNo) this.fingerprints.delete(key);
  }

  /** ISAPI `upgradeStatus`: upgrading while the image is written, with the share written so far. */
  upgradeStatus(): { upgrading: boolean; percent: number } {
    if (!this.flashing) return { upgrading: false, percent: 0 };
    const elapsed = Date.now() - this.flashing.startedAt;
    return { upgrading: true, percent: Math.min(100, Math.floor((elapsed / Math.max(1, this.firmwareFaults.flashMs)) * 100)) };
  }

  get busy(): boolean {
    return this.flashing !== null || this.rebooting !== null;
  }

  /** Writes a checked image, then reboots into it. */
  flash(version: string): void {
    this.flashes += 1;
    this.flashing = { version, startedAt: Date.now() };
    this.schedule(this.firmwareFaults.flashMs, () => {
      this.flashing = null;
      const { neverComesBack, reportsWrongVersion } = this.firmwareFaults;
      const bootVersion = typeof reportsWrongVersion === 'string' ? reportsWrongVersion : reportsWrongVersion ? this.firmwareVersion : version;
      this.reboot(bootVersion, neverComesBack);
    });
  }

  /** Off the air for the reboot time (nothing pushed, nothing answered), then back on `bootVersion` with a heartbeat. */
  reboot(bootVersion = this.firmwareVersion, bricked = false): void {
    this.online = false;
    this.reachable = false;
    this.rebooting = { since: new Date().toISOString(), bricked, bootVersion };
    if (!bricked) this.schedule(this.firmwareFaults.rebootMs, () => this.boot(bootVersion));
  }

  /** Plugged in again by hand: a device stuck in its reboot comes up (a bricked one on its previous firmware). */
  recover(): void {
    if (this.rebooting) this.boot(this.rebooting.bricked ? this.firmwareVersion : this.rebooting.bootVersion);
  }

  private boot(version: string): void {
    this.clearTimer();
    this.firmwareVersion = version;
    this.rebooting = null;
    this.lastBootAt = new Date().toISOString();
    this.online = true;
    this.reachable = true;
    this.onBoot();
  }

  private schedule(ms: number, work: () => void): void {
    this.clearTimer();
    this.timer = setTimeout(work, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  stop(): void {
    this.clearTimer();
  }

  /** ISAPI `configurationData` export: the settings a configuration file carries (not the event log). */
  exportConfiguration(): Buffer {
    return packConfiguration({
      deviceId: this.id,
      model: this.config.model,
      firmwareVersion: this.firmwareVersion,
      users: [...this.users.values()],
      cards: [...this.cards.entries()],
      faces: [...this.faces.entries()],
      fingerprints: [...this.fingerprints.entries()],
      plates: [...this.plates.entries()],
    });
  }

  /** Replaces every setting with the file's, as a device loading a configuration does. */
  importConfiguration(body: Record<string, unknown>): void {
    const entries = <V>(key: string) => (Array.isArray(body[key]) ? (body[key] as Array<[string, V]>) : []);
    this.users.clear();
    for (const user of Array.isArray(body.users) ? (body.users as StoredUser[]) : []) this.users.set(user.employeeNo, user);
    replace(this.cards, entries('cards'));
    replace(this.faces, entries('faces'));
    replace(this.fingerprints, entries('fingerprints'));
    replace(this.plates, entries('plates'));
  }

  /** What tests read back over HTTP (no face images: only that the device holds one). */
  snapshot() {
    return {
      id: this.id,
      model: this.config.model,
      online: this.online,
      reachable: this.reachable,
      heartbeat: this.heartbeat,
      lastSerialNo: this.lastSerial,
      users: [...this.users.values()],
      cards: [...this.cards.entries()].map(([cardNo, card]) => ({ cardNo, ...card })),
      faces: [...this.faces.entries()].map(([employeeNo, face]) => ({ employeeNo, ...face })),
      fingerprints: [...this.fingerprints.values()],
      plates: [...this.plates.entries()].map(([plate, entry]) => ({ plate, ...entry })),
      doorOpens: this.doorOpens,
      eventSearches: this.eventSearches,
      eventCount: this.events.length,
      firmwareVersion: this.firmwareVersion,
      upgrade: { ...this.upgradeStatus(), version: this.flashing?.version ?? null },
      rebooting: this.rebooting !== null,
      rebootingSince: this.rebooting?.since ?? null,
      lastBootAt: this.lastBootAt,
      flashes: this.flashes,
      firmwareFaults: this.firmwareFaults,
    };
  }
}

function replace<V>(map: Map<string, V>, entries: Array<[string, V]>): void {
  map.clear();
  for (const [key, value] of entries) map.set(key, value);
}
