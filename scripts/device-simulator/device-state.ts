import type { DemoDevice } from '../../db/seed/demo-devices';

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
};

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
  private lastSerial = 0;

  constructor(readonly config: DemoDevice) {}

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
    };
  }
}
