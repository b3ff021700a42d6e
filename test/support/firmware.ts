import { randomUUID } from 'node:crypto';
import type { FirmwareReleaseRequest, FirmwareReleaseView } from '../../contracts/upgrades';
import { reportedModel, type DemoDeviceModel } from '../../db/seed/demo-devices';
import { sha256Hex, simulatedFirmware } from '../../scripts/device-simulator/firmware-image';
import type { HttpClient } from './http-client';

/** A release of simulated firmware as its supplier registers it: for the simulator's models, as the devices report them. */
export function firmwareRelease(version: string, models: DemoDeviceModel[], extra: Partial<FirmwareReleaseRequest> = {}): FirmwareReleaseRequest {
  const file = simulatedFirmware({ version, models });
  return {
    releaseId: randomUUID(),
    version,
    models: models.map(reportedModel),
    releasedOn: '2026-11-20',
    notes: `Fixes and hardening for ${models.join(', ')}`,
    fileName: `digicap-${version}.dav`,
    file: file.toString('base64'),
    sha256: sha256Hex(file),
    ...extra,
  };
}

/** Registers a release over the API (as a supplier's staff, or as staff naming `vendorId`); throws unless it is stored. */
export async function registerFirmware(http: HttpClient, request: FirmwareReleaseRequest): Promise<FirmwareReleaseView> {
  const response = await http.post('/api/v1/firmware-releases', request);
  if (response.status !== 201) throw new Error(`firmware ${request.version}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as FirmwareReleaseView;
}
