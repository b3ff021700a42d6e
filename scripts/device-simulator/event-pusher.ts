import { XMLBuilder } from 'fast-xml-parser';
import { createHash, createHmac } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import type { SimulatedDevice, StoredEvent } from './device-state';

/**
 * How a simulated device reports: an ISAPI `EventNotificationAlert` pushed over HTTP to Steward's listener
 * (XML or JSON, HTTP Basic with the device's push secret) or published on MQTT (JSON, HMAC-signed).
 */

export type Transport = 'http' | 'mqtt';
export type PayloadFormat = 'json' | 'xml';

export const mqttEventTopic = (prefix: string, deviceId: string) => `${prefix}/devices/${deviceId}/events`;

/** The alert a device sends for one logged event (or a heartbeat, which has no serial number). */
export function alertFor(device: SimulatedDevice, event: StoredEvent | null, port: number): Record<string, unknown> {
  const base = {
    ipAddress: '127.0.0.1',
    portNo: port,
    protocol: 'HTTP',
    macAddress: macOf(device.id),
    deviceID: device.id,
    channelID: event?.channelID ?? 1,
    dateTime: event?.time ?? new Date().toISOString(),
    activePostCount: 1,
  };
  if (!event) return { ...base, eventType: 'heartBeat', eventState: 'active', eventDescription: 'heartBeat', lastSerialNo: device.lastSerialNo };
  const alert: Record<string, unknown> = {
    ...base,
    eventType: event.eventType,
    eventState: event.eventState,
    eventDescription: event.eventType,
    serialNo: event.serialNo,
  };
  if (device.config.model === 'door-controller') {
    alert.eventType = 'AccessControllerEvent';
    alert.AccessControllerEvent = {
      majorEventType: event.major,
      subEventType: event.minor,
      serialNo: event.serialNo,
      doorNo: event.doorNo ?? 1,
      employeeNoString: event.employeeNoString ?? '',
      alarmType: event.eventType,
    };
  } else {
    alert.majorEventType = event.major;
    alert.subEventType = event.minor;
  }
  return alert;
}

function macOf(id: string): string {
  const hash = createHmac('sha1', 'mac').update(id).digest('hex');
  return hash.slice(0, 12).match(/../g)!.join(':');
}

const xmlBuilder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false });

export function alertXml(alert: Record<string, unknown>): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xmlBuilder.build({
    EventNotificationAlert: { '@_version': '2.0', '@_xmlns': 'http://www.isapi.org/ver20/XMLSchema', ...alert },
  })}`;
}

export interface PushTarget {
  /** Steward's HTTP listener, e.g. `http://127.0.0.1:3000/api/v1/device-events`. */
  listenerUrl: string | null;
  mqtt: MqttClient | null;
  mqttTopicPrefix: string;
}

/** Sends one alert; resolves true when the receiver took it (2xx / MQTT PUBACK). */
export async function pushAlert(
  device: SimulatedDevice,
  alert: Record<string, unknown>,
  target: PushTarget,
  transport: Transport,
  format: PayloadFormat,
): Promise<boolean> {
  if (transport === 'mqtt') {
    if (!target.mqtt) return false;
    const payload = JSON.stringify(alert);
    // Keyed with the secret's SHA-256, which is what Steward stores: the secret itself never leaves the device.
    const key = createHash('sha256').update(device.config.pushSecret).digest('hex');
    const envelope = JSON.stringify({ payload, hmac: createHmac('sha256', key).update(payload).digest('hex') });
    try {
      await target.mqtt.publishAsync(mqttEventTopic(target.mqttTopicPrefix, device.id), envelope, { qos: 1 });
      return true;
    } catch {
      return false;
    }
  }
  if (!target.listenerUrl) return false;
  try {
    const response = await fetch(target.listenerUrl, {
      method: 'POST',
      headers: {
        'content-type': format === 'xml' ? 'application/xml' : 'application/json',
        authorization: `Basic ${Buffer.from(`${device.id}:${device.config.pushSecret}`).toString('base64')}`,
      },
      body: format === 'xml' ? alertXml(alert) : JSON.stringify(alert),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
