import { XMLParser } from 'fast-xml-parser';
import type { FieldFault } from '../../contracts/problem-texts';

/**
 * Turns an ISAPI `EventNotificationAlert` (XML or JSON, as pushed over HTTP or MQTT, or an AcsEvent
 * search entry) into the one event shape of DESIGN.md. Devices send empty or missing fields: those
 * are filled from what is known (the authenticated device, the receive time) or the payload is refused
 * with the field named, never half-stored.
 */

export interface NormalisedEvent {
  kind: 'alarm' | 'access' | 'exception' | 'operation';
  deviceId: string;
  channel: number | null;
  door: number | null;
  /** Alarm type or event name (fielddetection, doorForcedOpen, accessGranted…). */
  type: string;
  state: 'active' | 'inactive';
  major: number;
  minor: number;
  subject: string | null;
  occurredAt: Date;
  /** The device gave its own time: a resend then carries the same time, a new event after a restart a later one. */
  deviceTimed: boolean;
  receivedAt: Date;
  sequence: number | null;
  raw: Record<string, unknown>;
}

export interface Heartbeat {
  kind: 'heartbeat';
  deviceId: string;
  receivedAt: Date;
  /** The device's latest serial number, when it says: reveals a gap without waiting for the next event. */
  lastSequence: number | null;
}

export type NormaliseResult = { ok: true; event: NormalisedEvent | Heartbeat } | { ok: false; problems: FieldFault[] };

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: true, trimValues: true });

/** Parses the body of a push; returns null when it is neither JSON nor XML. */
export function parseAlertBody(body: string, contentType: string): Record<string, unknown> | null {
  const text = body.trim();
  try {
    if (/xml/.test(contentType) || text.startsWith('<')) {
      const parsed = xml.parse(text) as Record<string, unknown>;
      const alert = parsed.EventNotificationAlert;
      return alert && typeof alert === 'object' ? (alert as Record<string, unknown>) : null;
    }
    const parsed = JSON.parse(text) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const wrapped = (parsed as Record<string, unknown>).EventNotificationAlert;
    return wrapped && typeof wrapped === 'object' ? (wrapped as Record<string, unknown>) : (parsed as Record<string, unknown>);
  } catch {
    return null;
  }
}

const blank = (value: unknown) => value === undefined || value === null || value === '';
const str = (value: unknown) => (blank(value) ? null : String(value).trim() || null);

function int(value: unknown, field: string, problems: FieldFault[], min = 0): number | null {
  if (blank(value)) return null;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    problems.push({ field, message: 'integer-at-least', params: { min } });
    return null;
  }
  return number;
}

/** Kind from the ISAPI major code: 1 alarm, 2 exception, 3 operation, 5 event (access); video analytics have none and are alarms. */
function kindOf(major: number): NormalisedEvent['kind'] {
  switch (major) {
    case 2:
      return 'exception';
    case 3:
      return 'operation';
    case 5:
      return 'access';
    default:
      return 'alarm';
  }
}

export function normaliseAlert(alert: Record<string, unknown>, deviceId: string, receivedAt: Date): NormaliseResult {
  const problems: FieldFault[] = [];
  const eventType = str(alert.eventType);
  if (!eventType) return { ok: false, problems: [{ field: 'eventType', message: 'required' }] };
  const claimed = str(alert.deviceID);
  if (claimed && claimed !== deviceId) return { ok: false, problems: [{ field: 'deviceID', message: 'device-mismatch', params: { claimed, deviceId } }] };

  if (eventType === 'heartBeat') {
    const lastSequence = int(alert.lastSerialNo, 'lastSerialNo', problems);
    return problems.length ? { ok: false, problems } : { ok: true, event: { kind: 'heartbeat', deviceId, receivedAt, lastSequence } };
  }

  const acs = (alert.AccessControllerEvent && typeof alert.AccessControllerEvent === 'object' ? alert.AccessControllerEvent : {}) as Record<string, unknown>;
  const stateText = str(alert.eventState);
  if (stateText && stateText !== 'active' && stateText !== 'inactive') problems.push({ field: 'eventState', message: 'active-or-inactive' });
  const sequence = int(acs.serialNo ?? alert.serialNo, acs.serialNo !== undefined ? 'AccessControllerEvent.serialNo' : 'serialNo', problems, 1);
  const major = int(acs.majorEventType ?? alert.majorEventType, 'majorEventType', problems) ?? 0;
  const minor = int(acs.subEventType ?? alert.subEventType, 'subEventType', problems) ?? 0;
  const channel = int(alert.channelID, 'channelID', problems);
  const door = int(acs.doorNo, 'AccessControllerEvent.doorNo', problems);
  const dateText = str(alert.dateTime);
  const parsedDate = dateText ? new Date(dateText) : null;
  if (parsedDate && Number.isNaN(parsedDate.getTime())) problems.push({ field: 'dateTime', message: 'not-a-date-time' });
  if (problems.length) return { ok: false, problems };

  const type = eventType === 'AccessControllerEvent' ? (str(acs.alarmType) ?? (major === 5 ? 'access' : `acs-${major}-${minor}`)) : eventType;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(type)) return { ok: false, problems: [{ field: 'eventType', message: 'event-type-format' }] };
  return {
    ok: true,
    event: {
      kind: kindOf(major),
      deviceId,
      channel,
      door,
      type,
      state: stateText === 'inactive' ? 'inactive' : 'active',
      major,
      minor,
      subject: str(acs.employeeNoString) ?? str(acs.cardNo),
      // A device with no clock (or an empty field) is taken at its word of arrival.
      occurredAt: parsedDate ?? receivedAt,
      deviceTimed: parsedDate !== null,
      receivedAt,
      sequence,
      raw: alert,
    },
  };
}
