import { DEFAULT_SIMULATOR_URL } from '../../db/seed/demo-devices';
import { startDeviceSimulator } from './simulator';

/**
 * `npm run simulator`: the demo community's devices as their own process. Environment:
 * SIMULATOR_PORT (default 8091; 0 picks a free port), STEWARD_EVENTS_URL (Steward's listener),
 * MQTT_URL (publish there too), MQTT_TOPIC_PREFIX (default steward), HEARTBEAT_SECONDS (default 5). Prints `listening <url>` once ready.
 */
const port = Number(process.env.SIMULATOR_PORT ?? new URL(DEFAULT_SIMULATOR_URL).port);
const simulator = await startDeviceSimulator({
  port,
  listenerUrl: process.env.STEWARD_EVENTS_URL ?? 'http://127.0.0.1:3000/api/v1/device-events',
  mqttUrl: process.env.MQTT_URL ?? null,
  mqttTopicPrefix: process.env.MQTT_TOPIC_PREFIX ?? 'steward',
  heartbeatSeconds: Number(process.env.HEARTBEAT_SECONDS ?? 5),
  log: (line) => console.log(`[simulator] ${line}`),
});
console.log(`listening ${simulator.url}`);

const stop = () => {
  simulator.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
