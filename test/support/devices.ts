import { randomUUID } from 'node:crypto';
import { DeviceGateway } from '../../api/devices/gateway';
import { subscribeDeviceEvents } from '../../api/devices/mqtt-subscriber';
import { installDeviceGateway } from '../../api/devices/registry';
import type { DeviceSettings } from '../../api/devices/settings';
import { pointDemoDevicesAt } from '../../db/seed/devices';
import { spawnSimulator, type SimulatorProcess } from '../../scripts/device-simulator/spawn';
import { MACHINE } from './config';
import { startApiTestStack, type ApiTestStack, type StackOptions } from './stack';

export { spawnSimulator, type SimulatorProcess };

/** Mosquitto on this machine (CI starts one too); override with TEST_MQTT_URL. */
export const TEST_MQTT_URL = MACHINE.test.mqttUrl;

export interface DeviceTestStack extends ApiTestStack {
  gateway: DeviceGateway;
  settings: DeviceSettings;
  simulator: SimulatorProcess;
}

/**
 * The API stack plus the device side over the wire: the gateway (listener, sweeper) with test
 * durations, an MQTT subscription on Mosquitto, and the simulator process pushing to both. Workflow ids
 * and MQTT topics carry a per-stack prefix so parallel test files never see each other's devices.
 */
export async function startDeviceTestStack(
  options: { settings?: Partial<DeviceSettings>; heartbeatSeconds?: number; uiDir?: string; env?: Record<string, string>; stack?: StackOptions } = {},
): Promise<DeviceTestStack> {
  const stack = await startApiTestStack({}, options.uiDir, options.env, options.stack);
  const prefix = `t${randomUUID().slice(0, 8)}-`;
  const settings: DeviceSettings = {
    ...stack.ctx.settings.devices,
    alarm: { acknowledgeMs: 2_000, arriveOnSiteDueMs: 60_000, findingsDueMs: 60_000 },
    staleAfterMs: 2_000,
    downAfterMs: 4_000,
    sweepEveryMs: 500,
    workflowIdPrefix: prefix,
    mqttTopicPrefix: `steward-test/${prefix}`,
    ...options.settings,
  };
  const gateway = installDeviceGateway(stack.ctx, new DeviceGateway(stack.ctx, settings));
  gateway.start();
  const mqtt = await subscribeDeviceEvents(gateway, { url: TEST_MQTT_URL, clientId: `steward-${prefix}api`, sharedGroup: 'steward', connections: MACHINE.mqtt.connections });
  const simulator = await spawnSimulator({
    STEWARD_EVENTS_URL: `${stack.baseUrl}/api/v1/device-events`,
    MQTT_URL: TEST_MQTT_URL,
    MQTT_TOPIC_PREFIX: settings.mqttTopicPrefix,
    HEARTBEAT_SECONDS: String(options.heartbeatSeconds ?? 0),
  });
  await pointDemoDevicesAt(stack.db, simulator.url);
  return {
    ...stack,
    gateway,
    settings,
    simulator,
    async stop() {
      await simulator.stop();
      await mqtt.stop();
      await gateway.stop();
      await stack.stop();
    },
  };
}
