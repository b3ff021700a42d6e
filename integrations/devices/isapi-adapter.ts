import { XMLParser } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import {
  DeviceCommandError,
  type CameraCallUp,
  type CredentialEnrolment,
  type CredentialHolder,
  type CredentialRevocation,
  type DeviceAdapter,
  type DeviceConnection,
  type DeviceEventRecord,
  type DeviceInfo,
  type EventSearch,
  type EventSearchPage,
  type FirmwareImage,
  type FirmwareUploadResult,
  type PlateEntry,
  type UpgradeStatus,
} from './device-adapter';
import { DigestClient, type DigestResponse } from './digest-client';

/**
 * The Hikvision ISAPI implementation of the device adapter: the subset Steward uses, JSON where the
 * firmware offers `?format=json`, XML where ISAPI only speaks XML (door control, streaming channels).
 * Every command is a SetUp/Delete style call, so repeating it (an activity retry) changes nothing.
 */

const FACE_LIBRARY = 'FDID=1&faceLibType=blackFD';

/** ISAPI answers `{statusCode: 1, statusString: "OK"}` on success; anything else is the device saying no. */
function checkStatus(response: DigestResponse, what: string): void {
  if (response.status >= 200 && response.status < 300) return;
  const text = response.text();
  const code = /"subStatusCode"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? /<subStatusCode>([^<]+)</.exec(text)?.[1];
  const detail = /"errorMsg"\s*:\s*"([^"]+)"/.exec(text)?.[1] ?? /<errorMsg>([^<]+)</.exec(text)?.[1];
  const reason = [code, detail].filter(Boolean).join(': ') || `HTTP ${response.status}`;
  throw new DeviceCommandError(response.status >= 500 ? 'DeviceBadResponse' : 'DeviceRejected', `${what}: ${reason}`, response.status, code);
}

// Values stay text: a version such as `1.10` must not become the number 1.1.
const xmlParser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, removeNSPrefix: true });

/** The fields of an ISAPI XML answer's root element; a missing one means the device did not answer what was asked. */
function xmlFields(response: DigestResponse, root: string, what: string): (element: string) => string {
  let fields: Record<string, unknown> | undefined;
  try {
    fields = (xmlParser.parse(response.text()) as Record<string, Record<string, unknown> | undefined>)[root];
  } catch {
    fields = undefined;
  }
  return (element) => {
    const value = fields?.[element];
    if (typeof value !== 'string') throw new DeviceCommandError('DeviceBadResponse', `${what}: no ${root}.${element} in the answer`, response.status);
    return value.trim();
  };
}

/** Firmware images and configuration files of tens of megabytes take minutes over a site network, not the usual 5 s. */
const LARGE_TRANSFER_TIMEOUT_MS = 10 * 60_000;

function parseJson(response: DigestResponse, what: string): Record<string, unknown> {
  try {
    return JSON.parse(response.text()) as Record<string, unknown>;
  } catch {
    throw new DeviceCommandError('DeviceBadResponse', `${what}: the device did not answer JSON`, response.status);
  }
}

/** ISAPI channel ids: channel 1's main stream is 101. */
const streamId = (channel: number) => `${channel}01`;

export class IsapiAdapter implements DeviceAdapter {
  private readonly clients = new Map<string, DigestClient>();

  private client(device: DeviceConnection): DigestClient {
    const key = `${device.baseUrl}|${device.username}|${device.password}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new DigestClient(device.username, device.password);
      this.clients.set(key, client);
    }
    return client;
  }

  private async call(device: DeviceConnection, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, what = path, timeoutMs?: number): Promise<DigestResponse> {
    const binary = body instanceof Uint8Array;
    const response = await this.client(device).request({
      method,
      url: `${device.baseUrl}${path}`,
      body: body === undefined ? undefined : binary || typeof body === 'string' ? body : JSON.stringify(body),
      contentType: body === undefined ? undefined : binary ? 'application/octet-stream' : typeof body === 'string' ? 'application/xml' : 'application/json',
      timeoutMs,
    });
    checkStatus(response, `${device.deviceId} ${what}`);
    return response;
  }

  async callUpCamera(device: DeviceConnection, channel = 1): Promise<CameraCallUp> {
    // Asking for the channel's configuration proves the camera is there and answering before the console shows it.
    await this.call(device, 'GET', `/ISAPI/Streaming/channels/${streamId(channel)}`, undefined, 'camera call-up');
    const base = new URL(device.baseUrl);
    const devicePath = base.pathname.replace(/\/$/, '');
    return {
      deviceId: device.deviceId,
      channel,
      streamUrl: `rtsp://${base.hostname}:554${devicePath}/Streaming/Channels/${streamId(channel)}`,
      snapshotUrl: `${device.baseUrl}/ISAPI/Streaming/channels/${streamId(channel)}/picture`,
      calledUpAt: new Date().toISOString(),
    };
  }

  async snapshot(device: DeviceConnection, channel = 1): Promise<Uint8Array> {
    const response = await this.call(device, 'GET', `/ISAPI/Streaming/channels/${streamId(channel)}/picture`, undefined, 'snapshot');
    return response.body;
  }

  async openDoor(device: DeviceConnection, door: number): Promise<void> {
    await this.call(
      device,
      'PUT',
      `/ISAPI/AccessControl/RemoteControl/door/${door}`,
      '<?xml version="1.0" encoding="UTF-8"?><RemoteControlDoor><cmd>open</cmd></RemoteControlDoor>',
      'door open',
    );
  }

  private async setUpHolder(device: DeviceConnection, holder: CredentialHolder, pin?: string): Promise<void> {
    await this.call(
      device,
      'PUT',
      '/ISAPI/AccessControl/UserInfo/SetUp?format=json',
      {
        UserInfo: {
          employeeNo: holder.personId,
          name: holder.name,
          userType: 'normal',
          Valid: { enable: true, beginTime: holder.validity.from, endTime: holder.validity.until, timeType: 'local' },
          doorRight: (holder.doors?.length ? holder.doors : [1]).join(','),
          ...(pin !== undefined ? { password: pin } : {}),
        },
      },
      'user set-up',
    );
  }

  async enrolCredential(device: DeviceConnection, enrolment: CredentialEnrolment): Promise<void> {
    const personId = enrolment.holder.personId;
    switch (enrolment.kind) {
      case 'pin':
        await this.setUpHolder(device, enrolment.holder, enrolment.pin);
        return;
      case 'card':
        await this.setUpHolder(device, enrolment.holder);
        await this.call(device, 'PUT', '/ISAPI/AccessControl/CardInfo/SetUp?format=json', {
          CardInfo: { employeeNo: personId, cardNo: enrolment.cardNo, cardType: 'normalCard' },
        }, 'card set-up');
        return;
      case 'face':
        await this.setUpHolder(device, enrolment.holder);
        await this.call(device, 'PUT', `/ISAPI/Intelligent/FDLib/FDSetUp?format=json`, {
          faceLibType: 'blackFD',
          FDID: '1',
          FPID: personId,
          faceData: enrolment.faceImage,
        }, 'face set-up');
        return;
      case 'fingerprint':
        await this.setUpHolder(device, enrolment.holder);
        await this.call(device, 'PUT', '/ISAPI/AccessControl/FingerPrint/SetUp?format=json', {
          FingerPrintCfg: { employeeNo: personId, fingerPrintID: enrolment.fingerIndex, fingerType: 'normalFP', fingerData: enrolment.template },
        }, 'fingerprint set-up');
        return;
    }
  }

  async revokeCredential(device: DeviceConnection, revocation: CredentialRevocation): Promise<void> {
    switch (revocation.kind) {
      case 'card':
        await this.call(device, 'PUT', '/ISAPI/AccessControl/CardInfo/Delete?format=json', {
          CardInfoDelCond: { CardNoList: [{ cardNo: revocation.cardNo }] },
        }, 'card delete');
        return;
      case 'face':
        await this.deleteFace(device, revocation.personId);
        return;
      case 'fingerprint':
        await this.call(device, 'PUT', '/ISAPI/AccessControl/FingerPrint/Delete?format=json', {
          FingerPrintDelete: {
            mode: 'byEmployeeNo',
            EmployeeNoDetail: { employeeNo: revocation.personId, ...(revocation.fingerIndex !== undefined ? { fingerPrintID: [revocation.fingerIndex] } : {}) },
          },
        }, 'fingerprint delete');
        return;
      case 'pin':
        await this.call(device, 'PUT', '/ISAPI/AccessControl/UserInfo/Modify?format=json', {
          UserInfo: { employeeNo: revocation.personId, password: '' },
        }, 'PIN clear');
        return;
    }
  }

  async deleteFace(device: DeviceConnection, personId: string): Promise<void> {
    await this.call(device, 'PUT', `/ISAPI/Intelligent/FDLib/FDSearch/Delete?format=json&${FACE_LIBRARY}`, {
      FPID: [{ value: personId }],
    }, 'face delete');
  }

  async deletePerson(device: DeviceConnection, personId: string): Promise<void> {
    await this.call(device, 'PUT', '/ISAPI/AccessControl/UserInfoDetail/Delete?format=json', {
      UserInfoDetail: { mode: 'byEmployeeNo', EmployeeNoList: [{ employeeNo: personId }] },
    }, 'person delete');
  }

  async setPlate(device: DeviceConnection, entry: PlateEntry): Promise<void> {
    await this.call(device, 'PUT', '/ISAPI/Traffic/channels/1/licensePlateAuditData/record?format=json', {
      LicensePlateInfoList: [
        {
          LicensePlate: entry.plate,
          listType: entry.list === 'allow' ? 'whiteList' : 'blackList',
          ...(entry.validity ? { effectiveStartDate: entry.validity.from, effectiveTime: entry.validity.until } : {}),
        },
      ],
    }, 'plate list');
  }

  async removePlate(device: DeviceConnection, plate: string): Promise<void> {
    await this.call(device, 'PUT', '/ISAPI/Traffic/channels/1/DelLicensePlateAuditData?format=json', {
      deleteAllEnabled: false,
      LicensePlateInfoList: [{ LicensePlate: plate }],
    }, 'plate delete');
  }

  async searchEvents(device: DeviceConnection, search: EventSearch): Promise<EventSearchPage> {
    const response = await this.call(device, 'POST', '/ISAPI/AccessControl/AcsEvent?format=json', {
      AcsEventCond: {
        searchID: `steward-${device.deviceId}-${search.fromSequence ?? search.from ?? 0}`,
        searchResultPosition: search.position ?? 0,
        maxResults: search.maxResults ?? 100,
        major: 0,
        minor: 0,
        ...(search.from ? { startTime: search.from } : {}),
        ...(search.to ? { endTime: search.to } : {}),
        ...(search.fromSequence !== undefined ? { beginSerialNo: search.fromSequence } : {}),
        ...(search.toSequence !== undefined ? { endSerialNo: search.toSequence } : {}),
      },
    }, 'event search');
    const body = parseJson(response, `${device.deviceId} event search`);
    const result = body.AcsEvent as { responseStatusStrg?: string; totalMatches?: number; InfoList?: Array<Record<string, unknown>> } | undefined;
    if (!result) throw new DeviceCommandError('DeviceBadResponse', `${device.deviceId} event search: no AcsEvent in the answer`);
    const events: DeviceEventRecord[] = (result.InfoList ?? []).map((info) => ({
      sequence: Number(info.serialNo),
      occurredAt: String(info.time ?? ''),
      major: Number(info.major ?? 0),
      minor: Number(info.minor ?? 0),
      eventType: String(info.eventType ?? 'AccessControllerEvent'),
      state: info.eventState === 'inactive' ? 'inactive' : 'active',
      channel: info.channelID !== undefined ? Number(info.channelID) : undefined,
      door: info.doorNo !== undefined ? Number(info.doorNo) : undefined,
      subject: typeof info.employeeNoString === 'string' && info.employeeNoString ? info.employeeNoString : undefined,
      raw: info,
    }));
    return { events, totalMatches: Number(result.totalMatches ?? events.length), more: result.responseStatusStrg === 'MORE' };
  }

  async deviceInfo(device: DeviceConnection): Promise<DeviceInfo> {
    const response = await this.call(device, 'GET', '/ISAPI/System/deviceInfo', undefined, 'device info');
    const field = xmlFields(response, 'DeviceInfo', `${device.deviceId} device info`);
    return { model: field('model'), firmwareVersion: field('firmwareVersion') };
  }

  async upgradeStatus(device: DeviceConnection): Promise<UpgradeStatus> {
    const response = await this.call(device, 'GET', '/ISAPI/System/upgradeStatus', undefined, 'upgrade status');
    const what = `${device.deviceId} upgrade status`;
    const field = xmlFields(response, 'upgradeStatus', what);
    const percent = Number(field('percent'));
    if (!Number.isFinite(percent)) throw new DeviceCommandError('DeviceBadResponse', `${what}: percent is not a number`, response.status);
    return { upgrading: field('upgrading') === 'true', percent };
  }

  async uploadFirmware(device: DeviceConnection, image: FirmwareImage): Promise<FirmwareUploadResult> {
    // A file altered in storage or transfer never reaches a device: not every device checks what it flashes.
    const actual = createHash('sha256').update(image.bytes).digest('hex');
    if (actual !== image.sha256.toLowerCase()) {
      throw new DeviceCommandError('FirmwareChecksumMismatch', `${device.deviceId} firmware ${image.version}: the file's SHA-256 is ${actual}, not the registered ${image.sha256}`);
    }
    // Asking first makes a retry harmless (and primes the Digest challenge, so the image is sent once).
    if ((await this.deviceInfo(device)).firmwareVersion === image.version) return 'installed';
    if ((await this.upgradeStatus(device)).upgrading) return 'in-progress';
    await this.call(device, 'PUT', '/ISAPI/System/updateFirmware', image.bytes, `firmware ${image.version} upload`, LARGE_TRANSFER_TIMEOUT_MS);
    return 'started';
  }

  async reboot(device: DeviceConnection): Promise<void> {
    await this.call(device, 'PUT', '/ISAPI/System/reboot', undefined, 'reboot');
  }

  async exportConfiguration(device: DeviceConnection): Promise<Uint8Array> {
    const response = await this.call(device, 'GET', '/ISAPI/System/configurationData', undefined, 'configuration export', LARGE_TRANSFER_TIMEOUT_MS);
    if (response.body.length === 0) throw new DeviceCommandError('DeviceBadResponse', `${device.deviceId} configuration export: the file is empty`, response.status);
    return response.body;
  }

  async importConfiguration(device: DeviceConnection, configuration: Uint8Array): Promise<void> {
    await this.call(device, 'PUT', '/ISAPI/System/configurationData', configuration, 'configuration import', LARGE_TRANSFER_TIMEOUT_MS);
  }
}

/** The adapter for a connection's protocol; one place to add a second vendor. */
export function adapterFor(connection: Pick<DeviceConnection, 'protocol'>, isapi: IsapiAdapter = sharedIsapi): DeviceAdapter {
  switch (connection.protocol) {
    case 'isapi':
      return isapi;
  }
}

const sharedIsapi = new IsapiAdapter();
