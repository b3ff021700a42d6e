import { connectAsync, type MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import type { DeviceGateway } from './gateway';
import { HttpProblem } from '../http/problem';


/**
 * Device events over MQTT (`<prefix>/devices/<id>/events`, QoS 1): each message is an envelope
 * `{payload, hmac}` signed by the device. The PUBACK goes out only once the event is stored (or
 * refused for good), so a Steward crash mid-message makes the broker deliver it again.
 */
export async function subscribeDeviceEvents(gateway: DeviceGateway, mqttUrl: string, log: (line: string) => void = () => {}): Promise<{ stop(): Promise<void> }> {
  const prefix = gateway.settings.mqttTopicPrefix;
  const client: MqttClient = await connectAsync(mqttUrl, {
    clientId: `steward-${randomBytes(4).toString('hex')}`,
    // A persistent session would keep messages for a stopped Steward; a fresh one relies on backfill instead.
    clean: true,
  });
  client.handleMessage = (packet, done) => {
    const deviceId = packet.topic.startsWith(`${prefix}/devices/`) ? /^devices\/([^/]+)\/events$/.exec(packet.topic.slice(prefix.length + 1))?.[1] : undefined;
    const finish = () => done();
    if (!deviceId) return finish();
    void receive(gateway, deviceId, packet.payload.toString('utf8'), log).then(finish, (error: unknown) => {
      // Not acknowledged: the broker redelivers on reconnect; meanwhile the gap is backfilled.
      log(`MQTT event from ${deviceId} not stored: ${(error as Error).message}`);
      done(error as Error);
    });
  };
  await client.subscribeAsync(`${prefix}/devices/+/events`, { qos: 1 });
  return {
    stop: async () => {
      await client.endAsync();
    },
  };
}

async function receive(gateway: DeviceGateway, deviceId: string, text: string, log: (line: string) => void): Promise<void> {
  let envelope: { payload?: unknown; hmac?: unknown };
  try {
    envelope = JSON.parse(text) as { payload?: unknown; hmac?: unknown };
  } catch {
    log(`MQTT message from ${deviceId} is not JSON: dropped`);
    return;
  }
  if (typeof envelope.payload !== 'string' || typeof envelope.hmac !== 'string') {
    log(`MQTT message from ${deviceId} has no payload/hmac: dropped`);
    return;
  }
  const device = await gateway.verifySignature(deviceId, envelope.payload, envelope.hmac);
  if (!device) {
    log(`MQTT message from ${deviceId} fails its signature: dropped`);
    return;
  }
  let alert: Record<string, unknown>;
  try {
    alert = JSON.parse(envelope.payload) as Record<string, unknown>;
  } catch {
    log(`MQTT payload from ${deviceId} is not JSON: dropped`);
    return;
  }
  try {
    await gateway.accept(device, alert, 'mqtt');
  } catch (error) {
    // A malformed event will not improve by redelivery: log it and acknowledge.
    if (error instanceof HttpProblem) log(`MQTT event from ${deviceId} refused: ${error.errors.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    else throw error;
  }
}
