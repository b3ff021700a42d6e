/**
 * How the demo community's devices are reached: the simulator (`npm run simulator`) plays exactly these
 * devices, and `seedDeviceConnections` stores the same addresses and credentials in `device_connections`.
 * Demo credentials only: a real installation enters each device's own.
 */
export type DemoDeviceModel = 'camera' | 'door-controller' | 'barrier' | 'intrusion-detector' | 'network-switch' | 'lift-monitor';

export interface DemoDevice {
  id: string;
  model: DemoDeviceModel;
  username: string;
  password: string;
  /** Secret the device signs its event pushes with (HTTP Basic on the listener, HMAC on MQTT). */
  pushSecret: string;
  /** The alarm type the device raises in its zone, if it raises one. */
  alarmType?: string;
}

const device = (id: string, model: DemoDeviceModel, alarmType?: string): DemoDevice => ({
  id,
  model,
  username: 'admin',
  password: `demo-${id}-pw`,
  pushSecret: `demo-${id}-push`,
  alarmType,
});

export const DEMO_DEVICES: DemoDevice[] = [
  device('cam-b1-lobby', 'camera', 'fielddetection'),
  device('cam-b2-lobby', 'camera', 'fielddetection'),
  device('cam-gate', 'camera', 'linedetection'),
  device('cam-car-park', 'camera', 'fielddetection'),
  device('door-b1', 'door-controller', 'doorForcedOpen'),
  device('door-b2', 'door-controller', 'doorForcedOpen'),
  device('barrier-gate', 'barrier'),
  device('pir-car-park', 'intrusion-detector', 'intrusion'),
  device('switch-core', 'network-switch'),
  device('lift-b1', 'lift-monitor', 'liftTrapped'),
];

export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:8091';

/** The device's ISAPI base URL on a simulator: each simulated device lives under its own path. */
export const simulatedDeviceUrl = (simulatorUrl: string, deviceId: string) => `${simulatorUrl.replace(/\/$/, '')}/devices/${deviceId}`;
