import { reportedModel } from '../../db/seed/demo-devices';
import type { SimulatedDevice, StoredEvent } from './device-state';
import { checkFirmware, unpackConfiguration } from './firmware-image';

/**
 * The ISAPI subset Steward uses, answered from a simulated device's memory. Paths and bodies follow
 * Hikvision's ISAPI (JSON with `?format=json`, XML for door control and streaming); answers use ISAPI's
 * `ResponseStatus` shape so the adapter's error handling is exercised as against a real device.
 */

export interface IsapiReply {
  status: number;
  contentType: string;
  body: string | Uint8Array;
  /** Events the command logged, pushed once the answer is sent. */
  events?: StoredEvent[];
}

const ok = (): IsapiReply => json(200, { statusCode: 1, statusString: 'OK', subStatusCode: 'ok' });
const json = (status: number, body: unknown): IsapiReply => ({ status, contentType: 'application/json', body: JSON.stringify(body) });
const xml = (status: number, body: string): IsapiReply => ({ status, contentType: 'application/xml', body });
const invalid = (subStatusCode: string, errorMsg: string): IsapiReply =>
  json(400, { statusCode: 4, statusString: 'Invalid Operation', subStatusCode, errorCode: 0x60000001, errorMsg });
const notSupported = (path: string): IsapiReply =>
  json(404, { statusCode: 4, statusString: 'Invalid Operation', subStatusCode: 'notSupport', errorMsg: `not supported: ${path}` });

/** A 1×1 grey JPEG: enough for a browser to show "a snapshot" without shipping images. */
const SNAPSHOT_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

type Json = Record<string, unknown>;

function parse(body: string): Json | null {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' ? (value as Json) : null;
  } catch {
    return null;
  }
}

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');

function model(device: SimulatedDevice, ...models: string[]): boolean {
  return models.includes(device.config.model);
}

export function handleIsapi(device: SimulatedDevice, method: string, path: string, query: URLSearchParams, bytes: Buffer): IsapiReply {
  const route = `${method} ${path}`;
  if (path.startsWith('/ISAPI/System/')) return system(device, route, path, bytes);
  const rawBody = bytes.toString('utf8');
  const body = parse(rawBody);

  let match = /^GET \/ISAPI\/Streaming\/channels\/(\d+)01(\/picture)?$/.exec(route);
  if (match) {
    if (!model(device, 'camera')) return notSupported(path);
    if (Number(match[1]) !== 1) return invalid('badChannelNo', `no channel ${match[1]}`);
    if (match[2]) return { status: 200, contentType: 'image/jpeg', body: SNAPSHOT_JPEG };
    return xml(
      200,
      `<?xml version="1.0" encoding="UTF-8"?><StreamingChannel version="2.0"><id>${match[1]}01</id><channelName>${device.id}</channelName><enabled>true</enabled></StreamingChannel>`,
    );
  }

  match = /^PUT \/ISAPI\/AccessControl\/RemoteControl\/door\/(\d+)$/.exec(route);
  if (match) {
    if (!model(device, 'door-controller', 'barrier')) return notSupported(path);
    if (!/<cmd>\s*open\s*<\/cmd>/.test(rawBody)) return invalid('badXmlContent', 'cmd must be open');
    device.doorOpens.push({ door: Number(match[1]), at: new Date().toISOString() });
    return { ...ok(), events: [device.record('remoteOpenDoor', 'active', { doorNo: Number(match[1]) })] };
  }

  // Every simulated device keeps an event log that Steward can search to backfill a sequence gap.
  if (route === 'POST /ISAPI/AccessControl/AcsEvent') {
    if (!body) return invalid('badJsonFormat', 'the body is not JSON');
    return searchEvents(device, (body.AcsEventCond ?? {}) as Json);
  }

  if (path.startsWith('/ISAPI/AccessControl/') || path.startsWith('/ISAPI/Intelligent/FDLib/')) {
    if (!model(device, 'door-controller')) return notSupported(path);
    if (!body && method !== 'GET') return invalid('badJsonFormat', 'the body is not JSON');
    return accessControl(device, route, path, query, body ?? {});
  }

  if (path.startsWith('/ISAPI/Traffic/')) {
    if (!model(device, 'barrier')) return notSupported(path);
    if (!body) return invalid('badJsonFormat', 'the body is not JSON');
    return traffic(device, route, path, body);
  }

  return notSupported(path);
}

const ISAPI_XMLNS = 'http://www.isapi.org/ver20/XMLSchema';

/** Versions come from uploaded images and test controls, so they are escaped like any text in XML. */
const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (value: string) => value.replace(/[<>&"']/g, (char) => XML_ENTITIES[char]);

/** ISAPI's XML `ResponseStatus`, which the `/ISAPI/System/` resources answer with. */
function responseStatus(status: number, path: string, statusCode: number, statusString: string, subStatusCode: string, errorMsg?: string): IsapiReply {
  return xml(
    status,
    `<?xml version="1.0" encoding="UTF-8"?><ResponseStatus version="2.0" xmlns="${ISAPI_XMLNS}"><requestURL>${path}</requestURL><statusCode>${statusCode}</statusCode><statusString>${statusString}</statusString><subStatusCode>${subStatusCode}</subStatusCode>${errorMsg ? `<errorMsg>${errorMsg}</errorMsg>` : ''}</ResponseStatus>`,
  );
}

/**
 * Device information, firmware upgrade, reboot and configuration export/import, as Hikvision's ISAPI
 * System resources. Documented: the paths, `DeviceInfo.firmwareVersion`, the binary `PUT updateFirmware`
 * and `configurationData` (application/octet-stream), `upgradeStatus {upgrading, percent}`, and
 * `ResponseStatus` codes (2 Device Busy, 6 Invalid Content). Not documented publicly, so modelled on the
 * closest documented shape: the sub-status codes of a refused image (after the devices' "upgrade packet
 * mismatch"), the firmware and configuration file formats (`firmware-image.ts`), and the timing: a device
 * answers the upload at once, writes the image while `upgradeStatus` climbs, then reboots by itself into
 * it; it also reboots after loading a configuration, as the devices do.
 */
function system(device: SimulatedDevice, route: string, path: string, bytes: Buffer): IsapiReply {
  const busy = () => responseStatus(503, path, 2, 'Device Busy', 'deviceBusy', device.upgradeStatus().upgrading ? 'an upgrade is in progress' : 'the device is restarting');
  switch (route) {
    case 'GET /ISAPI/System/deviceInfo':
      return xml(
        200,
        `<?xml version="1.0" encoding="UTF-8"?><DeviceInfo version="2.0" xmlns="${ISAPI_XMLNS}"><deviceName>${device.id}</deviceName><deviceID>${device.id}</deviceID><model>${reportedModel(device.config.model)}</model><firmwareVersion>${escapeXml(device.firmwareVersion)}</firmwareVersion><deviceType>${device.config.model}</deviceType></DeviceInfo>`,
      );
    case 'GET /ISAPI/System/upgradeStatus': {
      const status = device.upgradeStatus();
      return xml(200, `<?xml version="1.0" encoding="UTF-8"?><upgradeStatus version="2.0" xmlns="${ISAPI_XMLNS}"><upgrading>${status.upgrading}</upgrading><percent>${status.percent}</percent></upgradeStatus>`);
    }
    case 'PUT /ISAPI/System/updateFirmware': {
      if (device.busy) return busy();
      const check = checkFirmware(bytes, device.config.model);
      if (!check.ok) return responseStatus(400, path, 6, 'Invalid Content', check.subStatusCode, check.errorMsg);
      device.flash(check.manifest.version);
      return responseStatus(200, path, 1, 'OK', 'ok');
    }
    case 'PUT /ISAPI/System/reboot':
      if (device.busy) return busy();
      device.reboot();
      return responseStatus(200, path, 1, 'OK', 'ok');
    case 'GET /ISAPI/System/configurationData':
      return { status: 200, contentType: 'application/octet-stream', body: device.exportConfiguration() };
    case 'PUT /ISAPI/System/configurationData': {
      if (device.busy) return busy();
      const file = unpackConfiguration(bytes);
      if (!file.ok) return responseStatus(400, path, 6, 'Invalid Content', 'badConfigFile', file.errorMsg);
      if (file.body.model !== device.config.model) return responseStatus(400, path, 6, 'Invalid Content', 'configDeviceMismatch', `the file is from a ${String(file.body.model)}, not a ${device.config.model}`);
      if (device.firmwareFaults.configImportFails) return responseStatus(500, path, 3, 'Device Error', 'importFailed', 'the device could not apply the configuration');
      device.importConfiguration(file.body);
      device.reboot();
      return responseStatus(200, path, 1, 'OK', 'ok');
    }
  }
  return notSupported(path);
}

function accessControl(device: SimulatedDevice, route: string, path: string, query: URLSearchParams, body: Json): IsapiReply {
  switch (route) {
    case 'PUT /ISAPI/AccessControl/UserInfo/SetUp': {
      const info = (body.UserInfo ?? {}) as Json;
      const employeeNo = text(info.employeeNo);
      if (!employeeNo) return invalid('badParameters', 'UserInfo.employeeNo is required');
      const valid = (info.Valid ?? {}) as Json;
      const existing = device.users.get(employeeNo);
      device.users.set(employeeNo, {
        employeeNo,
        name: text(info.name) || existing?.name || employeeNo,
        beginTime: text(valid.beginTime) || existing?.beginTime || '',
        endTime: text(valid.endTime) || existing?.endTime || '',
        doorRight: text(info.doorRight) || existing?.doorRight || '1',
        pin: info.password !== undefined ? text(info.password) || null : (existing?.pin ?? null),
      });
      return ok();
    }
    case 'PUT /ISAPI/AccessControl/UserInfo/Modify': {
      const info = (body.UserInfo ?? {}) as Json;
      const user = device.users.get(text(info.employeeNo));
      if (!user) return invalid('employeeNoNotExist', `no user ${text(info.employeeNo)}`);
      if (info.password !== undefined) user.pin = text(info.password) || null;
      if (info.name !== undefined) user.name = text(info.name);
      return ok();
    }
    case 'PUT /ISAPI/AccessControl/UserInfoDetail/Delete': {
      const detail = (body.UserInfoDetail ?? {}) as Json;
      for (const entry of (detail.EmployeeNoList ?? []) as Json[]) device.deleteUser(text(entry.employeeNo));
      return ok();
    }
    case 'POST /ISAPI/AccessControl/UserInfo/Search': {
      const users = [...device.users.values()];
      return json(200, { UserInfoSearch: { responseStatusStrg: 'OK', numOfMatches: users.length, totalMatches: users.length, UserInfo: users } });
    }
    case 'PUT /ISAPI/AccessControl/CardInfo/SetUp': {
      const info = (body.CardInfo ?? {}) as Json;
      const employeeNo = text(info.employeeNo);
      const cardNo = text(info.cardNo);
      if (!cardNo) return invalid('badParameters', 'CardInfo.cardNo is required');
      if (!device.users.has(employeeNo)) return invalid('employeeNoNotExist', `no user ${employeeNo}`);
      const holder = device.cards.get(cardNo);
      if (holder && holder.employeeNo !== employeeNo) return invalid('cardNoAlreadyExist', `card ${cardNo} belongs to another user`);
      device.cards.set(cardNo, { employeeNo, cardType: text(info.cardType) || 'normalCard' });
      return ok();
    }
    case 'PUT /ISAPI/AccessControl/CardInfo/Delete': {
      const cond = (body.CardInfoDelCond ?? {}) as Json;
      for (const entry of (cond.CardNoList ?? []) as Json[]) device.cards.delete(text(entry.cardNo));
      return ok();
    }
    case 'PUT /ISAPI/AccessControl/FingerPrint/SetUp': {
      const cfg = (body.FingerPrintCfg ?? {}) as Json;
      const employeeNo = text(cfg.employeeNo);
      if (!device.users.has(employeeNo)) return invalid('employeeNoNotExist', `no user ${employeeNo}`);
      if (!text(cfg.fingerData)) return invalid('badParameters', 'FingerPrintCfg.fingerData is required');
      const fingerPrintID = Number(cfg.fingerPrintID);
      if (!Number.isInteger(fingerPrintID) || fingerPrintID < 1 || fingerPrintID > 10) return invalid('badParameters', 'fingerPrintID must be 1–10');
      device.fingerprints.set(`${employeeNo}:${fingerPrintID}`, { employeeNo, fingerPrintID });
      return ok();
    }
    case 'PUT /ISAPI/AccessControl/FingerPrint/Delete': {
      const detail = ((body.FingerPrintDelete ?? {}) as Json).EmployeeNoDetail as Json | undefined;
      const employeeNo = text(detail?.employeeNo);
      const ids = (detail?.fingerPrintID as number[] | undefined) ?? null;
      for (const [key, print] of device.fingerprints) {
        if (print.employeeNo === employeeNo && (!ids || ids.includes(print.fingerPrintID))) device.fingerprints.delete(key);
      }
      return ok();
    }
    case 'PUT /ISAPI/Intelligent/FDLib/FDSetUp': {
      const employeeNo = text(body.FPID);
      if (!device.users.has(employeeNo)) return invalid('employeeNoNotExist', `no user ${employeeNo}`);
      const faceData = text(body.faceData);
      if (!faceData) return invalid('badParameters', 'faceData is required');
      device.faces.set(employeeNo, { bytes: Buffer.from(faceData, 'base64').length });
      return ok();
    }
    case 'PUT /ISAPI/Intelligent/FDLib/FDSearch/Delete': {
      if (query.get('FDID') !== '1') return invalid('badParameters', 'FDID must be 1');
      for (const entry of (body.FPID ?? []) as Json[]) device.faces.delete(text(entry.value));
      return ok();
    }
  }
  return notSupported(path);
}

/** AcsEvent search: serial-number and time range, paged by position; also serves non-ACS events for backfill. */
function searchEvents(device: SimulatedDevice, cond: Json): IsapiReply {
  device.eventSearches += 1;
  const position = Number(cond.searchResultPosition ?? 0);
  const maxResults = Math.min(Number(cond.maxResults ?? 30), 1000);
  const begin = cond.beginSerialNo !== undefined ? Number(cond.beginSerialNo) : -Infinity;
  const end = cond.endSerialNo !== undefined ? Number(cond.endSerialNo) : Infinity;
  const start = typeof cond.startTime === 'string' ? Date.parse(cond.startTime) : -Infinity;
  const stop = typeof cond.endTime === 'string' ? Date.parse(cond.endTime) : Infinity;
  const matches: StoredEvent[] = device.events.filter((event) => {
    const at = Date.parse(event.time);
    return event.serialNo >= begin && event.serialNo <= end && at >= start && at <= stop;
  });
  const page = matches.slice(position, position + maxResults);
  const more = position + page.length < matches.length;
  return json(200, {
    AcsEvent: {
      searchID: text(cond.searchID),
      responseStatusStrg: matches.length === 0 ? 'NO MATCH' : more ? 'MORE' : 'OK',
      numOfMatches: page.length,
      totalMatches: matches.length,
      InfoList: page,
    },
  });
}

function traffic(device: SimulatedDevice, route: string, path: string, body: Json): IsapiReply {
  const entries = (body.LicensePlateInfoList ?? []) as Json[];
  switch (route) {
    case 'PUT /ISAPI/Traffic/channels/1/licensePlateAuditData/record':
      for (const entry of entries) {
        const plate = text(entry.LicensePlate);
        const listType = text(entry.listType);
        if (!plate || !['whiteList', 'blackList'].includes(listType)) return invalid('badParameters', 'LicensePlate and listType (whiteList|blackList) are required');
        device.plates.set(plate, {
          list: listType === 'whiteList' ? 'allow' : 'refuse',
          from: text(entry.effectiveStartDate) || undefined,
          until: text(entry.effectiveTime) || undefined,
        });
      }
      return ok();
    case 'PUT /ISAPI/Traffic/channels/1/DelLicensePlateAuditData':
      if (body.deleteAllEnabled === true) device.plates.clear();
      for (const entry of entries) device.plates.delete(text(entry.LicensePlate));
      return ok();
  }
  return notSupported(path);
}
