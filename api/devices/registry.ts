import type { ApiContext } from '../context';
import { DeviceGateway } from './gateway';
import { deviceSettings } from './settings';

const gateways = new WeakMap<ApiContext, DeviceGateway>();

/** The API context's device gateway: the one installed (tests, start-up), else one with settings from the environment. */
export function deviceGateway(ctx: ApiContext): DeviceGateway {
  let gateway = gateways.get(ctx);
  if (!gateway) {
    gateway = new DeviceGateway(ctx, deviceSettings());
    gateways.set(ctx, gateway);
  }
  return gateway;
}

export function installDeviceGateway(ctx: ApiContext, gateway: DeviceGateway): DeviceGateway {
  gateways.set(ctx, gateway);
  return gateway;
}
