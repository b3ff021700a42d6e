import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The notification providers as Steward meets them over HTTP: an SMS provider with the API of Aliyun's Short Message
 * Service (`POST /` with a signed `SendSms`) and WeCom's application messages (`/cgi-bin/gettoken`,
 * `/cgi-bin/message/send`). It checks what the real ones check (the request signature, its timestamp and nonce, the
 * number, the signature name and template; the access token, the application, the member) and keeps what it
 * delivered. A control API under `/_sim/` reads the deliveries, makes a provider fail, and expires WeCom tokens.
 */

export interface SmsAccount {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
}

export interface WeComAccount {
  corpId: string;
  secret: string;
  agentId: number;
  /** The members the application reaches. */
  members: string[];
}

export interface DeliveredSms {
  phone: string;
  content: string;
  outId: string | null;
  at: string;
}

export interface DeliveredWeCom {
  touser: string;
  msgtype: string;
  content: string;
  url: string | null;
  at: string;
}

/** How a provider fails its next calls: an HTTP 500, its throttling answer, or no answer at all. */
export type ProviderFault = 'http-500' | 'throttle' | 'hang';

export interface NotificationSimulator {
  url: string;
  sms: DeliveredSms[];
  wecom: DeliveredWeCom[];
  stop(): Promise<void>;
}

/** The provider's encoding, the documented way: the form encoding with `+`, `*` and `%7E` put right, `!'()` encoded. */
const providerEncode = (value: string) =>
  encodeURIComponent(value)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%7E/g, '~');

/** Requests older or newer than this are refused, as the provider does. */
const TIMESTAMP_SKEW_MS = 15 * 60_000;
/** What a token lasts, as WeCom says in `expires_in`. */
const TOKEN_SECONDS = 7200;
const DUPLICATE_INTERVAL_MAX_S = 4 * 3600;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

export async function startNotificationSimulator(options: { port?: number; host?: string; sms: SmsAccount; wecom: WeComAccount }): Promise<NotificationSimulator> {
  const sms: DeliveredSms[] = [];
  const wecom: DeliveredWeCom[] = [];
  const faults = { sms: [] as ProviderFault[], wecom: [] as ProviderFault[] };
  const nonces = new Set<string>();
  const tokens = new Map<string, number>();
  const members = new Set(options.wecom.members);
  /** WeCom's duplicate check: the same message to the same member within the interval is taken, not delivered again. */
  const recent = new Map<string, number>();
  const hung: ServerResponse[] = [];

  function fault(channel: 'sms' | 'wecom', response: ServerResponse): boolean {
    const next = faults[channel].shift();
    if (!next) return false;
    if (next === 'hang') hung.push(response);
    else if (next === 'http-500') answer(response, 500, channel === 'sms' ? { Code: 'ServiceUnavailable', Message: 'The request has failed due to a temporary failure of the server.' } : { errcode: -1, errmsg: 'system busy' });
    else answer(response, 200, channel === 'sms' ? { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发号码天级流控Permits:10', RequestId: randomBytes(8).toString('hex') } : { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    return true;
  }

  function sendSms(parameters: URLSearchParams, response: ServerResponse): void {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const refuse = (status: number, code: string, message: string) => answer(response, status, { Code: code, Message: message, RequestId: requestId });
    const given = Object.fromEntries(parameters);
    const missing = ['Action', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'Signature', 'PhoneNumbers', 'SignName', 'TemplateCode'].find((name) => !given[name]);
    if (missing) return refuse(400, 'MissingParameter', `${missing} is mandatory for this action.`);
    if (given.Action !== 'SendSms' || given.Version !== '2017-05-25') return refuse(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (given.AccessKeyId !== options.sms.accessKeyId) return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const { Signature: signature, ...signed } = given;
    const canonical = Object.keys(signed)
      .sort()
      .map((key) => `${providerEncode(key)}=${providerEncode(signed[key])}`)
      .join('&');
    const expected = createHmac('sha1', `${options.sms.accessKeySecret}&`).update(`POST&${providerEncode('/')}&${providerEncode(canonical)}`).digest('base64');
    if (signature !== expected) return refuse(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const at = Date.parse(given.Timestamp);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(given.Timestamp) || Math.abs(Date.now() - at) > TIMESTAMP_SKEW_MS) return refuse(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    if (nonces.has(given.SignatureNonce)) return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(given.SignatureNonce);
    if (given.SignName !== options.sms.signName) return refuse(200, 'isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    if (given.TemplateCode !== options.sms.templateCode) return refuse(200, 'isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    if (!/^(\+?86)?1[3-9]\d{9}$/.test(given.PhoneNumbers)) return refuse(200, 'isv.MOBILE_NUMBER_ILLEGAL', '手机号码格式错误');
    let content: string;
    try {
      content = String((JSON.parse(given.TemplateParam ?? '{}') as { content?: unknown }).content ?? '');
    } catch {
      return refuse(200, 'isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    sms.push({ phone: given.PhoneNumbers, content, outId: given.OutId ?? null, at: new Date().toISOString() });
    answer(response, 200, { Code: 'OK', Message: 'OK', BizId: `${Date.now()}^0`, RequestId: requestId });
  }

  function sendWeCom(url: URL, body: string, response: ServerResponse): void {
    const token = url.searchParams.get('access_token') ?? '';
    const until = tokens.get(token);
    if (until === undefined) return answer(response, 200, { errcode: 40014, errmsg: 'invalid access_token' });
    if (until <= Date.now()) return answer(response, 200, { errcode: 42001, errmsg: 'access_token expired' });
    let message: { touser?: string; agentid?: number; msgtype?: string; text?: { content?: string }; textcard?: { title?: string; description?: string; url?: string }; enable_duplicate_check?: number; duplicate_check_interval?: number };
    try {
      message = JSON.parse(body) as typeof message;
    } catch {
      return answer(response, 200, { errcode: 47001, errmsg: 'data format error' });
    }
    if (message.agentid !== options.wecom.agentId) return answer(response, 200, { errcode: 40056, errmsg: 'invalid agentid' });
    const content = message.msgtype === 'text' ? message.text?.content : message.msgtype === 'textcard' ? message.textcard?.description : undefined;
    if (!content || (message.msgtype === 'textcard' && (!message.textcard?.title || !message.textcard?.url))) return answer(response, 200, { errcode: 41009, errmsg: 'missing message content' });
    const wanted = (message.touser ?? '').split('|').filter(Boolean);
    const reached = wanted.filter((member) => members.has(member));
    const invaliduser = wanted.filter((member) => !members.has(member)).join('|');
    if (!reached.length) return answer(response, 200, { errcode: 81013, errmsg: 'user & party & tag all invalid', invaliduser });
    for (const touser of reached) {
      const key = `${touser}\n${message.msgtype}\n${content}\n${message.textcard?.url ?? ''}`;
      const interval = Math.min(message.duplicate_check_interval ?? 1800, DUPLICATE_INTERVAL_MAX_S) * 1000;
      if (message.enable_duplicate_check === 1 && (recent.get(key) ?? 0) > Date.now() - interval) continue;
      recent.set(key, Date.now());
      wecom.push({ touser, msgtype: message.msgtype!, content, url: message.textcard?.url ?? null, at: new Date().toISOString() });
    }
    answer(response, 200, { errcode: 0, errmsg: 'ok', invaliduser, msgid: randomBytes(12).toString('base64url') });
  }

  async function control(url: URL, body: string, response: ServerResponse): Promise<void> {
    const [, , target, action] = url.pathname.split('/');
    if (target === 'messages') return answer(response, 200, { sms, wecom });
    const given = (body ? JSON.parse(body) : {}) as { faults?: ProviderFault[] };
    if ((target === 'sms' || target === 'wecom') && action === 'faults') {
      faults[target] = [...(given.faults ?? [])];
      return answer(response, 200, { queued: faults[target].length });
    }
    if (target === 'wecom' && action === 'expire-tokens') {
      for (const token of tokens.keys()) tokens.set(token, 0);
      return answer(response, 200, { expired: tokens.size });
    }
    answer(response, 404, { error: 'no such control' });
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    readBody(request)
      .then(async (body) => {
        if (url.pathname.startsWith('/_sim/')) return control(url, body, response);
        if (request.method === 'POST' && url.pathname === '/') {
          if (fault('sms', response)) return;
          return sendSms(new URLSearchParams(body), response);
        }
        if (url.pathname.startsWith('/cgi-bin/') && fault('wecom', response)) return;
        if (request.method === 'GET' && url.pathname === '/cgi-bin/gettoken') {
          if (url.searchParams.get('corpid') !== options.wecom.corpId) return answer(response, 200, { errcode: 40013, errmsg: 'invalid corpid' });
          if (url.searchParams.get('corpsecret') !== options.wecom.secret) return answer(response, 200, { errcode: 40001, errmsg: 'invalid credential' });
          const token = randomBytes(24).toString('base64url');
          tokens.set(token, Date.now() + TOKEN_SECONDS * 1000);
          return answer(response, 200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: TOKEN_SECONDS });
        }
        if (request.method === 'POST' && url.pathname === '/cgi-bin/message/send') return sendWeCom(url, body, response);
        answer(response, 404, { error: 'not found' });
      })
      .catch((error: unknown) => answer(response, 500, { error: (error as Error).message }));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sms,
    wecom,
    async stop() {
      for (const response of hung) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
