import { loadConfig } from '../../config';
import { startDeviceSimulator } from './simulator';

/**
 * `npm run simulator`: the demo community's devices as their own process. Configuration (config/schema.ts):
 * SIMULATOR_PORT (default 8091; 0 picks a free port), STEWARD_EVENTS_URL (Steward's listener), MQTT_URL
 * (publish there too), MQTT_TOPIC_PREFIX (default steward), HEARTBEAT_SECONDS (default 5). Prints
 * `listening <url>` once ready.
 */
const settings = loadConfig().simulator;
const simulator = await startDeviceSimulator({
  port: settings.port,
  listenerUrl: settings.listenerUrl,
  mqttUrl: settings.mqttUrl,
  mqttTopicPrefix: settings.mqttTopicPrefix,
  heartbeatSeconds: settings.heartbeatMs / 1000,
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
