import { connect, type MqttClient } from 'mqtt';
import type { DeviceGateway } from './gateway';
import { HttpProblem } from '../http/problem';

export interface MqttSubscription {
  url: string;
  /** Stable per API instance: the broker keeps this client's session (and the events for it) while it is away. */
  clientId: string;
  /** Instances in one shared-subscription group split the stream; null where the broker has none (the embedded one). */
  sharedGroup: string | null;
  /**
   * Sessions this instance opens in its shared group (`<clientId>-1` …): a session takes its messages one at a
   * time (the next waits for the last one's PUBACK), so the stream is stored this many at once. One without a group.
   */
  connections: number;
}

/** Store attempts back off up to this, for as long as the database stays down. */
const MAX_RETRY_MS = 10_000;
/** The wait before connecting again after the broker went away. */
const RECONNECT_MS = 1_000;

/**
 * Device events over MQTT (`<prefix>/devices/<id>/events`, QoS 1): each message is an envelope
 * `{payload, hmac}` signed by the device. A persistent session with the instance's own client id: what
 * arrives while Steward is away or restarting waits at the broker. The PUBACK goes out once the event is
 * stored (its signal is the outbox's to guarantee); a store that fails is retried in place, so the broker
 * holds the rest of the stream meanwhile and nothing is acknowledged unstored.
 *
 * Each connection is a client of its own: after a drop, messages still being stored belong to the old one and
 * stay unacknowledged (the broker sends them again), and nothing of the old connection's state can hold up the
 * new one (a client left to reconnect by itself stopped taking messages after a broker restart).
 */
export async function subscribeDeviceEvents(gateway: DeviceGateway, subscription: MqttSubscription, log: (line: string) => void = () => {}): Promise<{ stop(): Promise<void> }> {
  const count = subscription.sharedGroup ? Math.max(1, subscription.connections) : 1;
  const clientIds = count === 1 ? [subscription.clientId] : Array.from({ length: count }, (_, index) => `${subscription.clientId}-${index + 1}`);
  const opened = await Promise.allSettled(clientIds.map((clientId) => openSession(gateway, subscription, clientId, log)));
  const sessions = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = opened.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(sessions.map((session) => session.stop()));
    throw failed.reason;
  }
  return { stop: async () => void (await Promise.all(sessions.map((session) => session.stop()))) };
}

/** One persistent session: connected again after every drop, until stopped. */
async function openSession(gateway: DeviceGateway, subscription: MqttSubscription, clientId: string, log: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  const prefix = gateway.settings.mqttTopicPrefix;
  const topic = `${prefix}/devices/+/events`;
  const filter = subscription.sharedGroup ? `$share/${subscription.sharedGroup}/${topic}` : topic;
  let stopping = false;
  let current: MqttClient | null = null;

  const open = () =>
    new Promise<void>((resolve, reject) => {
      const client: MqttClient = connect(subscription.url, { clientId, clean: false, reconnectPeriod: 0, manualConnect: true });
      current = client;
      let connected = false;
      // In place before the connection: a resumed session delivers what waited at once.
      client.handleMessage = (packet, done) => {
        const deviceId = packet.topic.startsWith(`${prefix}/devices/`) ? /^devices\/([^/]+)\/events$/.exec(packet.topic.slice(prefix.length + 1))?.[1] : undefined;
        if (!deviceId) return done();
        const text = packet.payload.toString('utf8');
        void (async () => {
          for (let wait = 250; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
            try {
              await receive(gateway, deviceId, text, log);
              return done();
            } catch (error) {
              // Left unacknowledged: the broker delivers it again to this session (or the group) after a reconnect.
              if (stopping || client !== current) return;
              log(`MQTT event from ${deviceId} not stored, retrying in ${wait} ms: ${(error as Error).message}`);
              await new Promise((resolve) => setTimeout(resolve, wait));
            }
          }
        })();
      };
      client.on('error', (error) => {
        if (connected) log(`MQTT: ${error.message}`);
        else reject(error);
      });
      client.once('close', () => {
        if (!connected) return reject(new Error(`no MQTT connection to ${subscription.url}`));
        if (!stopping) void reopen();
      });
      client.once('connect', () => {
        connected = true;
        // Subscribed on every connection: a client does not resubscribe a session it finds present, and a broker
        // restarted without its sessions on disk has forgotten it.
        client
          .subscribeAsync(filter, { qos: 1 })
          .then(
            () => resolve(),
            (error: unknown) => {
              log(`MQTT subscription failed: ${(error as Error).message}`);
              client.end(true);
            },
          );
      });
      client.connect();
    });

  const reopen = async () => {
    while (!stopping) {
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
      if (stopping) return;
      try {
        await open();
        return;
      } catch (error) {
        log(`MQTT reconnection failed: ${(error as Error).message}`);
      }
    }
  };

  await open();
  return {
    stop: async () => {
      stopping = true;
      await current?.endAsync(true);
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
    if (error instanceof HttpProblem) log(`MQTT event from ${deviceId} refused: ${error.fieldsIn('en').map((problem) => `${problem.field} ${problem.message}`).join('; ')}`);
    else throw error;
  }
}
