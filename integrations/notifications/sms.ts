/**
 * SMS through a provider with the API of Aliyun's Short Message Service (`dysmsapi`, version 2017-05-25): a signed
 * `SendSms` call (RPC style, HMAC-SHA1 over the sorted, percent-encoded parameters) with a registered signature name
 * and a template whose one variable carries the message. Tested over HTTP against scripts/notification-simulator.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { DeliveryFailed, DeliveryRefused, fetchWithin, type ChannelSender } from './channel';

export interface SmsSettings {
  /** The provider's endpoint, `https://dysmsapi.aliyuncs.com` in production. */
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** A template approved with the provider whose one variable is `${content}`. */
  templateCode: string;
}

/** What a template variable may hold: longer messages are cut (the link goes in full after it). */
const CONTENT_MAX = 60;

/** RFC 3986: everything but the unreserved characters as UTF-8 %XY, as the provider's signature rules ask. */
function percentEncode(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-_.~]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** The request's signature: HMAC-SHA1 keyed with the secret and `&` over `POST&%2F&` and the canonical query. */
export function signRpcRequest(method: 'GET' | 'POST', parameters: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(parameters)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(parameters[key])}`)
    .join('&');
  return createHmac('sha1', `${accessKeySecret}&`).update(`${method}&${percentEncode('/')}&${percentEncode(canonical)}`).digest('base64');
}

/** Codes that say the message can never go as it is: the number, the signature name, the template, the key. */
const REFUSALS = new Set(['isv.MOBILE_NUMBER_ILLEGAL', 'isv.SMS_SIGNATURE_ILLEGAL', 'isv.SMS_TEMPLATE_ILLEGAL', 'isv.INVALID_PARAMETERS', 'SignatureDoesNotMatch', 'InvalidAccessKeyId.NotFound', 'isv.ACCOUNT_NOT_EXISTS']);

export function smsSender(settings: SmsSettings, timeoutMs: number): ChannelSender {
  return {
    async send(message) {
      const content = message.text.length > CONTENT_MAX ? `${message.text.slice(0, CONTENT_MAX - 1)}…` : message.text;
      const parameters: Record<string, string> = {
        Action: 'SendSms',
        Version: '2017-05-25',
        Format: 'JSON',
        AccessKeyId: settings.accessKeyId,
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: randomUUID(),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        PhoneNumbers: message.to,
        SignName: settings.signName,
        TemplateCode: settings.templateCode,
        TemplateParam: JSON.stringify({ content: message.link ? `${content} ${message.link}` : content }),
        OutId: message.deliveryKey,
      };
      const body = new URLSearchParams({ ...parameters, Signature: signRpcRequest('POST', parameters, settings.accessKeySecret) });
      const response = await fetchWithin(`${settings.url.replace(/\/$/, '')}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }, timeoutMs);
      const answer = (await response.json().catch(() => null)) as { Code?: string; Message?: string } | null;
      if (answer?.Code === 'OK') return;
      if (answer?.Code && REFUSALS.has(answer.Code)) throw new DeliveryRefused(answer.Code, answer.Message ?? '');
      throw new DeliveryFailed(`SMS provider ${response.status}: ${answer?.Code ?? 'no answer'} ${answer?.Message ?? ''}`.trim());
    },
    close: () => undefined,
  };
}

/** `SMS_URL`: `https://<AccessKeyId>:<AccessKeySecret>@dysmsapi.aliyuncs.com/?sign=<SignName>&template=<TemplateCode>`. */
export function parseSmsUrl(text: string): SmsSettings | string {
  const expected = 'a URL like https://KEY_ID:KEY_SECRET@dysmsapi.aliyuncs.com/?sign=SIGN_NAME&template=SMS_123';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return expected;
  }
  const signName = url.searchParams.get('sign');
  const templateCode = url.searchParams.get('template');
  if (!['http:', 'https:'].includes(url.protocol) || !url.username || !url.password || !signName || !templateCode) return expected;
  return { url: `${url.protocol}//${url.host}`, accessKeyId: decodeURIComponent(url.username), accessKeySecret: decodeURIComponent(url.password), signName, templateCode };
}
