/**
 * The device side of `bench:ingestion`, in a process of its own so that sending does not take CPU from the
 * API under test: a fleet of detectors, each repeating its alarm as the ISAPI alert a device pushes (HTTP with
 * Basic auth, or MQTT QoS 1 with the device's HMAC envelope). Reads one JSON command per line on stdin, sends
 * at the asked rate across the fleet, each device one event at a time in its serial order as a real device
 * does (its next event waits for the answer to the last), and writes one JSON report per command on stdout.
 */
import { createHash, createHmac } from 'node:crypto';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { connectAsync, type MqttClient } from 'mqtt';

export interface FleetDevice {
  id: string;
  pushSecret: string;
  type: string;
}

export interface SendCommand {
  transport: 'http' | 'mqtt';
  rate: number;
  seconds: number;
  devices: FleetDevice[];
  /** Each device's first serial number in this step; the next step continues after the last. */
  firstSequence: number;
  listenerUrl: string;
  mqttUrl: string;
  topicPrefix: string;
}

export interface SendReport {
  sent: number;
  accepted: number;
  refused: number;
  /** Refusals by HTTP status (or `error` for a failed send), to tell load shed from faults. */
  refusals: Record<string, number>;
  /** Seconds from the first send to the last answer. */
  seconds: number;
  /** Per request: send → answer (HTTP 2xx or PUBACK), ms. */
  p50: number;
  p99: number;
  max: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alert(device: FleetDevice, serialNo: number): Record<string, unknown> {
  return {
    ipAddress: '127.0.0.1',
    protocol: 'HTTP',
    deviceID: device.id,
    channelID: 1,
    dateTime: new Date().toISOString(),
    activePostCount: 1,
    eventType: device.type,
    eventState: 'active',
    eventDescription: device.type,
    serialNo,
    majorEventType: 1,
    subEventType: 1,
  };
}

const publisher: { client: MqttClient | null } = { client: null };

async function send(command: SendCommand): Promise<SendReport> {
  if (command.transport === 'mqtt' && !publisher.client) publisher.client = await connectAsync(command.mqttUrl, { clientId: `bench-fleet-${process.pid}`, clean: true });
  const basic = new Map(command.devices.map((device) => [device.id, `Basic ${Buffer.from(`${device.id}:${device.pushSecret}`).toString('base64')}`]));
  const keys = new Map(command.devices.map((device) => [device.id, createHash('sha256').update(device.pushSecret).digest('hex')]));
  const one = async (device: FleetDevice, serialNo: number): Promise<string | null> => {
    const payload = JSON.stringify(alert(device, serialNo));
    if (command.transport === 'mqtt') {
      const hmac = createHmac('sha256', keys.get(device.id)!).update(payload).digest('hex');
      await publisher.client!.publishAsync(`${command.topicPrefix}/devices/${device.id}/events`, JSON.stringify({ payload, hmac }), { qos: 1 });
      return null;
    }
    const response = await fetch(command.listenerUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic.get(device.id)! }, body: payload, signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    return response.ok ? null : String(response.status);
  };

  const total = Math.round(command.rate * command.seconds);
  const latencies: number[] = [];
  let accepted = 0;
  let refused = 0;
  const refusals: Record<string, number> = {};
  const refuse = (why: string) => {
    refused += 1;
    refusals[why] = (refusals[why] ?? 0) + 1;
  };
  // Each device's chain of sends: an event due while the last is unanswered waits its turn.
  const chains = new Map<string, Promise<void>>();
  const t0 = performance.now();
  for (let index = 0; index < total; index += 1) {
    const due = t0 + (index * 1000) / command.rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const device = command.devices[index % command.devices.length];
    const serialNo = command.firstSequence + Math.floor(index / command.devices.length);
    const previous = chains.get(device.id) ?? Promise.resolve();
    chains.set(
      device.id,
      previous.then(async () => {
        const started = performance.now();
        try {
          const refusal = await one(device, serialNo);
          if (refusal === null) accepted += 1;
          else refuse(refusal);
          latencies.push(performance.now() - started);
        } catch {
          refuse('error');
        }
      }),
    );
  }
  await Promise.all(chains.values());
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : Number.NaN);
  return { sent: total, accepted, refused, refusals, seconds, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? Number.NaN };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const report = await send(JSON.parse(line) as SendCommand);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
await publisher.client?.endAsync();
