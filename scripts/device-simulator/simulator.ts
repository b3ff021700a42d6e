import { connectAsync, type MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyDigest } from '../../integrations/devices/digest-auth';
import { DEMO_DEVICES, INSTALLED_FIRMWARE, type DemoDevice, type DemoDeviceModel } from '../../db/seed/demo-devices';
import { DEFAULT_FIRMWARE_FAULTS, SimulatedDevice, type FirmwareFaults } from './device-state';
import { alertFor, pushAlert, type PayloadFormat, type Transport } from './event-pusher';
import { handleIsapi } from './isapi-routes';

/**
 * The device simulator: one HTTP server playing every configured device under `/devices/<id>/ISAPI/…`
 * (Digest-authenticated, like the real thing), pushing their events to Steward's listener or MQTT, plus
 * an unauthenticated control API under `/_sim/` that scenarios and tests use to make devices act and to
 * read back what the devices hold.
 */

export interface SimulatorOptions {
  port?: number;
  host?: string;
  devices?: DemoDevice[];
  /** Steward's HTTP listener for pushed events. */
  listenerUrl?: string | null;
  mqttUrl?: string | null;
  /** Topics are `<prefix>/devices/<id>/events` (default `steward`). */
  mqttTopicPrefix?: string;
  /** Seconds between heartbeats; 0 turns heartbeats off. */
  heartbeatSeconds?: number;
  log?: (line: string) => void;
}

export interface RunningSimulator {
  url: string;
  port: number;
  devices: Map<string, SimulatedDevice>;
  stop(): Promise<void>;
}

const REALM = 'Steward device simulator';
const NONCE_LIFETIME_MS = 10 * 60_000;

interface AlarmRequest {
  type?: string;
  state?: 'active' | 'inactive';
  repeat?: number;
  intervalMs?: number;
  transport?: Transport;
  format?: PayloadFormat;
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The faults exactly as posted: what is left out is back to normal (defaults). */
function firmwareFaults(body: Record<string, unknown>): FirmwareFaults {
  const flag = (key: 'neverComesBack' | 'configImportFails') => {
    if (body[key] !== undefined && typeof body[key] !== 'boolean') throw new ControlError(400, `${key} must be true or false`);
    return body[key] === true;
  };
  const ms = (key: 'flashMs' | 'rebootMs') => {
    const value = body[key] ?? DEFAULT_FIRMWARE_FAULTS[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 600_000) throw new ControlError(400, `${key} must be an integer 0–600000`);
    return value;
  };
  const wrong = body.reportsWrongVersion ?? false;
  if (typeof wrong !== 'boolean' && (typeof wrong !== 'string' || !wrong)) throw new ControlError(400, 'reportsWrongVersion must be true, false or a version');
  return { neverComesBack: flag('neverComesBack'), reportsWrongVersion: wrong, configImportFails: flag('configImportFails'), flashMs: ms('flashMs'), rebootMs: ms('rebootMs') };
}

export async function startDeviceSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const log = options.log ?? (() => {});
  const devices = new Map((options.devices ?? DEMO_DEVICES).map((config) => [config.id, new SimulatedDevice(config)]));
  const nonces = new Map<string, number>();
  let listenerUrl = options.listenerUrl ?? null;
  let heartbeatSeconds = options.heartbeatSeconds ?? 5;
  const mqtt: MqttClient | null = options.mqttUrl ? await connectAsync(options.mqttUrl, { clientId: `steward-sim-${randomBytes(4).toString('hex')}` }) : null;
  /** Per-device chain, so a device's pushes leave in serial-number order as a real device's do. */
  const queues = new Map<string, Promise<unknown>>();
  let port = 0;

  const target = () => ({ listenerUrl, mqtt, mqttTopicPrefix: options.mqttTopicPrefix ?? 'steward' });

  function enqueue<T>(device: SimulatedDevice, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(device.id) ?? Promise.resolve()).then(work, work);
    queues.set(device.id, next);
    return next;
  }

  /** Pushes with a short retry; an event that still fails stays only in the device's log (Steward backfills it). */
  async function deliver(device: SimulatedDevice, alert: Record<string, unknown>, transport: Transport, format: PayloadFormat): Promise<boolean> {
    for (const delay of [0, 100, 500]) {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      if (!device.online) return false;
      if (await pushAlert(device, alert, target(), transport, format)) return true;
    }
    return false;
  }

  async function raiseAlarm(device: SimulatedDevice, request: AlarmRequest): Promise<{ sequences: number[]; delivered: number }> {
    const type = request.type ?? device.config.alarmType;
    if (!type) throw new ControlError(400, `${device.id} raises no alarm; give a type`);
    const repeat = request.repeat ?? 1;
    if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100_000) throw new ControlError(400, 'repeat must be an integer 1–100000');
    const sequences: number[] = [];
    let delivered = 0;
    const pushes: Array<Promise<boolean>> = [];
    for (let index = 0; index < repeat; index += 1) {
      if (index > 0 && request.intervalMs) await new Promise((resolve) => setTimeout(resolve, request.intervalMs));
      const event = device.record(type, request.state ?? 'active');
      sequences.push(event.serialNo);
      if (!device.online) continue;
      const alert = alertFor(device, event, port);
      pushes.push(enqueue(device, () => deliver(device, alert, request.transport ?? 'http', request.format ?? 'json')));
    }
    for (const result of await Promise.all(pushes)) if (result) delivered += 1;
    return { sequences, delivered };
  }

  async function heartbeat(device: SimulatedDevice): Promise<void> {
    if (!device.online || !device.heartbeat) return;
    // Checked again when its turn comes: a device that went off (a reboot) in the meantime sends nothing.
    await enqueue(device, async () => device.online && device.heartbeat && pushAlert(device, alertFor(device, null, port), target(), 'http', 'json'));
  }

  let heartbeatTimer: NodeJS.Timeout | null = null;
  const scheduleHeartbeats = () => {
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    heartbeatTimer = heartbeatSeconds > 0 ? setInterval(() => devices.forEach((device) => void heartbeat(device)), heartbeatSeconds * 1000) : null;
  };
  scheduleHeartbeats();
  // Back from a reboot, a device announces itself at once, as after a reconnect.
  for (const device of devices.values()) device.onBoot = () => void heartbeat(device);

  function deviceOf(id: string): SimulatedDevice {
    const device = devices.get(id);
    if (!device) throw new ControlError(404, `no simulated device ${id}`);
    return device;
  }

  async function control(method: string, path: string, body: Record<string, unknown>): Promise<unknown> {
    if (method === 'GET' && path === '/_sim/devices') {
      return [...devices.values()].map((device) => ({
        id: device.id,
        model: device.config.model,
        online: device.online,
        reachable: device.reachable,
        heartbeat: device.heartbeat,
        lastSerialNo: device.lastSerialNo,
        firmwareVersion: device.firmwareVersion,
      }));
    }
    if (method === 'POST' && path === '/_sim/devices') {
      // A device installed on site (added to Steward through review): it answers under its path and pushes from now on.
      const id = String(body.id ?? '');
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)) throw new ControlError(400, 'id must be lower-case letters, digits and dashes');
      if (devices.has(id)) throw new ControlError(409, `${id} is already simulated`);
      const model = String(body.model ?? '') as DemoDeviceModel;
      if (!(model in INSTALLED_FIRMWARE)) throw new ControlError(400, `model must be one of ${Object.keys(INSTALLED_FIRMWARE).join(', ')}`);
      for (const key of ['username', 'password', 'pushSecret'] as const) if (typeof body[key] !== 'string' || !body[key]) throw new ControlError(400, `${key} is required`);
      const device = new SimulatedDevice({
        id,
        model,
        username: String(body.username),
        password: String(body.password),
        pushSecret: String(body.pushSecret),
        alarmType: typeof body.alarmType === 'string' ? body.alarmType : undefined,
        firmwareVersion: typeof body.firmwareVersion === 'string' ? body.firmwareVersion : INSTALLED_FIRMWARE[model],
      });
      device.onBoot = () => void heartbeat(device);
      devices.set(id, device);
      void heartbeat(device);
      log(`device ${id} (${model}) installed`);
      return { id, model };
    }
    if (method === 'PUT' && path === '/_sim/config') {
      if (body.listenerUrl !== undefined) listenerUrl = body.listenerUrl === null ? null : String(body.listenerUrl);
      if (body.heartbeatSeconds !== undefined) {
        heartbeatSeconds = Number(body.heartbeatSeconds);
        scheduleHeartbeats();
      }
      return { listenerUrl, heartbeatSeconds };
    }
    if (method === 'POST' && path === '/_sim/scenarios/burst') {
      // Many zones at once: every listed (default: every alarm-raising) device repeats its alarm concurrently.
      const ids = Array.isArray(body.devices) ? (body.devices as string[]) : [...devices.values()].filter((device) => device.config.alarmType).map((device) => device.id);
      const results = await Promise.all(ids.map((id) => raiseAlarm(deviceOf(id), body as AlarmRequest)));
      return Object.fromEntries(ids.map((id, index) => [id, results[index]]));
    }
    const scenario = /^\/_sim\/scenarios\/([a-z-]+)$/.exec(path);
    if (method === 'POST' && scenario) return runScenario(scenario[1], body);
    const match = /^\/_sim\/devices\/([^/]+)\/([a-z-]+)$/.exec(path);
    if (!match) throw new ControlError(404, `no control route ${method} ${path}`);
    const device = deviceOf(decodeURIComponent(match[1]));
    switch (`${method} ${match[2]}`) {
      case 'GET state':
        return device.snapshot();
      case 'GET events':
        return device.events;
      case 'POST alarm':
        return raiseAlarm(device, body as AlarmRequest);
      case 'POST access': {
        // An access event (someone badged in): a non-alarm event, logged and pushed like any other.
        const event = device.record(body.granted === false ? 'accessDenied' : 'accessGranted', 'active', { employeeNoString: String(body.personId ?? ''), doorNo: Number(body.door ?? 1) });
        const delivered = device.online ? await enqueue(device, () => deliver(device, alertFor(device, event, port), (body.transport as Transport) ?? 'http', 'json')) : false;
        return { sequence: event.serialNo, delivered };
      }
      case 'POST raw': {
        // Pushes exactly the given alert (payloads with empty or missing fields).
        const alert = (body.alert ?? {}) as Record<string, unknown>;
        return { delivered: await enqueue(device, () => pushAlert(device, alert, target(), (body.transport as Transport) ?? 'http', (body.format as PayloadFormat) ?? 'json')) };
      }
      case 'POST resend': {
        // Re-sends logged events (a device that never saw the acknowledgement sends again): duplicates.
        const from = Number(body.fromSequence ?? 1);
        const to = Number(body.toSequence ?? device.lastSerialNo);
        const events = device.events.filter((event) => event.serialNo >= from && event.serialNo <= to);
        let delivered = 0;
        for (const event of events) if (await enqueue(device, () => deliver(device, alertFor(device, event, port), (body.transport as Transport) ?? 'http', 'json'))) delivered += 1;
        return { delivered };
      }
      case 'POST heartbeat':
        device.heartbeat = body.enabled !== false;
        return { heartbeat: device.heartbeat };
      case 'POST disconnect':
        device.online = false;
        return { online: false };
      case 'POST reset':
        device.reset();
        return { lastSerialNo: device.lastSerialNo };
      case 'POST reconnect':
        // Back online: the first heartbeat carries the last serial number, which reveals any gap at once.
        device.online = true;
        await heartbeat(device);
        return { online: true, lastSerialNo: device.lastSerialNo };
      case 'POST unplug':
        // A door off the network: no pushes, no heartbeats, and its commands (enrol, revoke, delete a face) go unanswered.
        device.online = false;
        device.reachable = false;
        return { online: false, reachable: false };
      case 'POST plug-in':
        // Also how a technician revives a device stuck in its reboot (a firmware that never came back).
        device.recover();
        device.reachable = true;
        device.online = true;
        await heartbeat(device);
        return { online: true, reachable: true, lastSerialNo: device.lastSerialNo };
      case 'POST firmware-faults':
        device.firmwareFaults = firmwareFaults(body);
        return device.firmwareFaults;
    }
    throw new ControlError(404, `no control route ${method} ${path}`);
  }

  /**
   * The named scenarios for demos (they run in the background and answer at once): a zone alarm repeating
   * every second, heartbeat loss, a reconnect with a sequence gap, payloads with empty fields. `burst` (many
   * zones at once) is answered when done, as tests and the bench wait for it.
   */
  function runScenario(name: string, body: Record<string, unknown>): unknown {
    const background = (work: () => Promise<unknown>) => {
      work().catch((error: unknown) => log(`scenario ${name} failed: ${(error as Error).message}`));
      return { scenario: name, started: true };
    };
    switch (name) {
      case 'zone-alarm': {
        const device = deviceOf(String(body.device ?? 'pir-car-park'));
        return background(() => raiseAlarm(device, { repeat: Number(body.repeat ?? 60), intervalMs: Number(body.intervalMs ?? 1000), transport: (body.transport as Transport) ?? 'http' }));
      }
      case 'heartbeat-loss': {
        const device = deviceOf(String(body.device ?? 'door-b2'));
        device.heartbeat = false;
        return { scenario: name, device: device.id, heartbeat: false };
      }
      case 'reconnect-gap': {
        const device = deviceOf(String(body.device ?? 'cam-car-park'));
        return background(async () => {
          device.online = false;
          await raiseAlarm(device, { repeat: Number(body.missed ?? 5) });
          device.online = true;
          await heartbeat(device);
          await raiseAlarm(device, { repeat: 1 });
        });
      }
      case 'empty-fields': {
        const device = deviceOf(String(body.device ?? 'lift-b1'));
        const type = device.config.alarmType ?? 'tamper';
        const payloads = [
          { eventType: type, eventState: '', dateTime: '', channelID: '', serialNo: '', deviceID: '' },
          { eventType: type, eventState: 'active', dateTime: '', serialNo: device.record(type, 'active').serialNo },
          { eventType: '', eventState: 'active', serialNo: '' },
        ];
        return background(async () => {
          for (const alert of payloads) await enqueue(device, () => pushAlert(device, { deviceID: device.id, ...alert }, target(), 'http', 'xml'));
        });
      }
    }
    throw new ControlError(404, `no scenario ${name}: zone-alarm, burst, heartbeat-loss, reconnect-gap, empty-fields`);
  }

  function isapi(req: IncomingMessage, res: ServerResponse, url: URL, bytes: Buffer): void {
    const match = /^\/devices\/([^/]+)(\/ISAPI\/.*)$/.exec(url.pathname);
    const device = match ? devices.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !device) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ statusCode: 4, subStatusCode: 'notSupport' }));
      return;
    }
    if (!device.reachable) {
      // Nothing answers: the caller sees the connection drop, as with a door whose cable is out.
      req.socket.destroy();
      return;
    }
    const verdict = verifyDigest({
      header: req.headers.authorization,
      method: req.method ?? 'GET',
      realm: REALM,
      username: device.config.username,
      password: device.config.password,
      isKnownNonce: (nonce) => (nonces.get(nonce) ?? 0) > Date.now() - NONCE_LIFETIME_MS,
    });
    if (verdict !== 'ok') {
      const nonce = randomBytes(16).toString('hex');
      nonces.set(nonce, Date.now());
      if (nonces.size > 10_000) nonces.delete(nonces.keys().next().value!);
      res
        .writeHead(401, {
          'www-authenticate': `Digest realm="${REALM}", qop="auth", nonce="${nonce}", opaque="${device.id}", algorithm=MD5${verdict === 'stale' ? ', stale=TRUE' : ''}`,
          'content-type': 'application/xml',
        })
        .end('<?xml version="1.0" encoding="UTF-8"?><userCheck><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>');
      return;
    }
    const reply = handleIsapi(device, req.method ?? 'GET', match[2], url.searchParams, bytes);
    res.writeHead(reply.status, { 'content-type': reply.contentType }).end(reply.body);
    for (const event of reply.events ?? []) void enqueue(device, async () => device.online && pushAlert(device, alertFor(device, event, port), target(), 'http', 'json'));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://simulator');
      const bytes = Buffer.concat(chunks);
      if (!url.pathname.startsWith('/_sim/')) {
        isapi(req, res, url, bytes);
        return;
      }
      const rawBody = bytes.toString('utf8');
      let body: Record<string, unknown>;
      try {
        body = rawBody ? (JSON.parse(rawBody) as Record<string, unknown>) : {};
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'the body is not JSON' }));
        return;
      }
      control(req.method ?? 'GET', url.pathname, body).then(
        (result) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result ?? null)),
        (error: unknown) => {
          const status = error instanceof ControlError ? error.status : 500;
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: (error as Error).message }));
        },
      );
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  log(`device simulator on ${url} with ${devices.size} devices${listenerUrl ? `, pushing to ${listenerUrl}` : ''}${mqtt ? ' and MQTT' : ''}`);

  return {
    url,
    port,
    devices,
    async stop() {
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      devices.forEach((device) => device.stop());
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await mqtt?.endAsync();
    },
  };
}
