/**
 * WeCom (企业微信) application messages, with the API of `qyapi.weixin.qq.com`: an access token from `gettoken` (kept
 * until it expires or the server says it has), then `message/send` to a member's account, a text card when the
 * message leads somewhere. WeCom's own duplicate check drops a repeat of the same message within half an hour.
 * Tested over HTTP against scripts/notification-simulator.
 */
import { DeliveryFailed, DeliveryRefused, fetchWithin, type ChannelSender } from './channel';

export interface WeComSettings {
  /** `https://qyapi.weixin.qq.com` in production. */
  url: string;
  corpId: string;
  secret: string;
  agentId: number;
}

interface WeComAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
  invaliduser?: string;
}

/** The token is invalid or expired: fetch a new one and send again. */
const TOKEN_ERRORS = new Set([40014, 42001]);
/** No such member, the application may not reach them, the corp id or secret wrong: no retry helps. */
const REFUSALS = new Set([40003, 40013, 40001, 60111, 81013, 301002]);
/** Renew a little before WeCom's stated expiry. */
const EARLY_MS = 60_000;

export function weComSender(settings: WeComSettings, timeoutMs: number): ChannelSender {
  const base = settings.url.replace(/\/$/, '');
  let token: { value: string; until: number } | null = null;

  async function call(path: string, init: RequestInit = {}): Promise<WeComAnswer> {
    const response = await fetchWithin(`${base}${path}`, init, timeoutMs);
    const answer = (await response.json().catch(() => null)) as WeComAnswer | null;
    if (!response.ok || !answer || typeof answer.errcode !== 'number') throw new DeliveryFailed(`WeCom ${response.status}: ${answer?.errmsg ?? 'no answer'}`);
    return answer;
  }

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const answer = await call(`/cgi-bin/gettoken?corpid=${encodeURIComponent(settings.corpId)}&corpsecret=${encodeURIComponent(settings.secret)}`);
    if (answer.errcode !== 0 || !answer.access_token) {
      if (REFUSALS.has(answer.errcode!)) throw new DeliveryRefused(`wecom-${answer.errcode}`, answer.errmsg ?? '');
      throw new DeliveryFailed(`WeCom gettoken ${answer.errcode}: ${answer.errmsg}`);
    }
    token = { value: answer.access_token, until: Date.now() + (answer.expires_in ?? 7200) * 1000 - EARLY_MS };
    return token.value;
  }

  return {
    async send(message) {
      const body = JSON.stringify({
        touser: message.to,
        agentid: settings.agentId,
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
        ...(message.link
          ? { msgtype: 'textcard', textcard: { title: message.subject, description: message.text, url: message.link, btntxt: '查看' } }
          : { msgtype: 'text', text: { content: message.text } }),
      });
      for (let renewed = false; ; renewed = true) {
        const answer = await call(`/cgi-bin/message/send?access_token=${encodeURIComponent(await accessToken())}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        if (TOKEN_ERRORS.has(answer.errcode!) && !renewed) {
          token = null;
          continue;
        }
        // A member unknown to the application is named in `invaliduser` with errcode 0.
        if (answer.errcode === 0 && answer.invaliduser) throw new DeliveryRefused('wecom-invaliduser', `not a member the application reaches: ${answer.invaliduser}`);
        if (answer.errcode === 0) return;
        if (REFUSALS.has(answer.errcode!)) throw new DeliveryRefused(`wecom-${answer.errcode}`, answer.errmsg ?? '');
        throw new DeliveryFailed(`WeCom message/send ${answer.errcode}: ${answer.errmsg}`);
      }
    },
    close: () => {
      token = null;
    },
  };
}

/** `WECOM_URL`: `https://<corpid>:<secret>@qyapi.weixin.qq.com/?agent=<AgentId>`. */
export function parseWeComUrl(text: string): WeComSettings | string {
  const expected = 'a URL like https://CORP_ID:SECRET@qyapi.weixin.qq.com/?agent=1000002';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return expected;
  }
  const agentId = Number(url.searchParams.get('agent'));
  if (!['http:', 'https:'].includes(url.protocol) || !url.username || !url.password || !Number.isInteger(agentId) || agentId <= 0) return expected;
  return { url: `${url.protocol}//${url.host}`, corpId: decodeURIComponent(url.username), secret: decodeURIComponent(url.password), agentId };
}
