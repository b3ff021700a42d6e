import { Aedes } from 'aedes';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { subscribeDeviceEvents } from '../../api/devices/mqtt-subscriber';
import { deviceGateway } from '../../api/devices/registry';
import type { ApiContext } from '../../api/context';
import { pointDemoDevicesAt } from '../../db/seed/devices';
import { preferredPort } from './ports';

const simulatorMain = fileURLToPath(new URL('../device-simulator/main.ts', import.meta.url));

/** An MQTT broker inside this process (aedes), for a machine with no `MQTT_URL`. */
export async function startEmbeddedBroker(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const broker = await Aedes.createBroker();
  const server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The device side of `npm start`: the MQTT broker (`MQTT_URL`, else an embedded aedes), the gateway's
 * health sweeper and MQTT subscription, and, unless STEWARD_SIMULATOR=0, the device simulator as its own
 * process, playing the demo community's devices and pushing to this API.
 */
export async function startDeviceServices(
  ctx: ApiContext,
  apiPort: number,
  settings: { mqtt: { url: string | null; clientId: string; sharedGroup: string | null; connections: number }; simulator: { enabled: boolean; port: number } },
  log: (line: string) => void,
): Promise<{ mqttUrl: string; simulatorUrl: string | null; stop(): Promise<void> }> {
  const stops: Array<() => Promise<void>> = [];
  let mqttUrl = settings.mqtt.url;
  // aedes has no shared subscriptions; embedded, this is the only instance anyway.
  const sharedGroup = mqttUrl ? settings.mqtt.sharedGroup : null;
  if (!mqttUrl) {
    const broker = await startEmbeddedBroker(await preferredPort(1883));
    stops.unshift(broker.stop);
    mqttUrl = broker.url;
  }
  const gateway = deviceGateway(ctx);
  gateway.start();
  stops.unshift(() => gateway.stop());
  const subscription = await subscribeDeviceEvents(gateway, { url: mqttUrl, clientId: settings.mqtt.clientId, sharedGroup, connections: settings.mqtt.connections }, (line) => log(line));
  stops.unshift(subscription.stop);

  let simulatorUrl: string | null = null;
  if (settings.simulator.enabled) {
    const port = await preferredPort(settings.simulator.port);
    const child = spawn(process.execPath, ['--import', 'tsx', simulatorMain], {
      env: { ...process.env, SIMULATOR_PORT: String(port), STEWARD_EVENTS_URL: `http://127.0.0.1:${apiPort}/api/v1/device-events`, MQTT_URL: mqttUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    simulatorUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening (\S+)/.exec(output);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the device simulator exited (${code}): ${output}`)));
    });
    child.stdout.resume();
    await pointDemoDevicesAt(ctx.db, simulatorUrl);
    stops.unshift(async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    });
  }
  return {
    mqttUrl,
    simulatorUrl,
    stop: async () => {
      for (const stop of stops) await stop().catch((error: unknown) => console.error(error));
    },
  };
}
