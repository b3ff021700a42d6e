import type { ApiContext } from '../context';
import { DeviceGateway } from './gateway';

const gateways = new WeakMap<ApiContext, DeviceGateway>();

/** The API context's device gateway: the one installed (tests, start-up), else one with the context's device settings. */
export function deviceGateway(ctx: ApiContext): DeviceGateway {
  let gateway = gateways.get(ctx);
  if (!gateway) {
    gateway = new DeviceGateway(ctx, ctx.settings.devices);
    gateways.set(ctx, gateway);
  }
  return gateway;
}

export function installDeviceGateway(ctx: ApiContext, gateway: DeviceGateway): DeviceGateway {
  gateways.set(ctx, gateway);
  return gateway;
}
