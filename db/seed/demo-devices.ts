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
  /** The firmware the device runs when the simulator starts (ISAPI `deviceInfo.firmwareVersion`). */
  firmwareVersion: string;
}

/** The demo community's firmware per model, as the installer left it: what an upgrade plan starts from. */
export const INSTALLED_FIRMWARE: Record<DemoDeviceModel, string> = {
  camera: 'V5.7.3',
  'door-controller': 'V2.2.1',
  barrier: 'V1.4.0',
  'intrusion-detector': 'V1.1.2',
  'network-switch': 'V3.0.5',
  'lift-monitor': 'V1.0.8',
};

const device = (id: string, model: DemoDeviceModel, alarmType?: string): DemoDevice => ({
  id,
  model,
  username: 'admin',
  password: `demo-${id}-pw`,
  pushSecret: `demo-${id}-push`,
  alarmType,
  firmwareVersion: INSTALLED_FIRMWARE[model],
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

/** The model a simulated device reports (ISAPI `deviceInfo.model`): what firmware releases and upgrade plans name. */
export const reportedModel = (model: DemoDeviceModel) => `Steward simulator ${model}`;

export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:8091';

/** The device's ISAPI base URL on a simulator: each simulated device lives under its own path. */
export const simulatedDeviceUrl = (simulatorUrl: string, deviceId: string) => `${simulatorUrl.replace(/\/$/, '')}/devices/${deviceId}`;
