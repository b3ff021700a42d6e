/**
 * SMS and WeCom (issue 15, P4.1): the relay's adapters over HTTP against the project's simulator of the providers'
 * APIs (Aliyun SMS's signed SendSms; WeCom's gettoken and message/send). A person who chose SMS or WeCom gets each
 * notification there once, with its link whole; a provider down or throttling is tried again and delivers once;
 * a provider's refusal (a wrong key, an unknown member) fails the delivery at once, without further tries; an
 * expired WeCom token is renewed.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationRelay, type NotificationSettings } from '../api/notifications/relay';
import { notificationDeliveries, notifications } from '../db/schema';
import { recordNotification } from '../domain/notifications';
import { parseSmsUrl, type SmsSettings } from '../integrations/notifications/sms';
import { parseWeComUrl, type WeComSettings } from '../integrations/notifications/wecom';
import { startNotificationSimulator, type NotificationSimulator, type ProviderFault } from '../scripts/notification-simulator/simulator';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';
const PUBLIC_URL = 'https://steward.example.test';
const SMS_ACCOUNT = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'sim secret/with+signs', signName: '锦园物业', templateCode: 'SMS_200000001' };
const WECOM_ACCOUNT = { corpId: 'ww-test-corp', secret: 'wecom-app-secret', agentId: 1000002 };

let stack: ApiTestStack;
let simulator: NotificationSimulator;
let sms: SmsSettings;
let weCom: WeComSettings;
let checker: SignedInClient;
let manager: SignedInClient;
const relays: NotificationRelay[] = [];

function relay(overrides: Partial<NotificationSettings> = {}) {
  const made = new NotificationRelay(stack.ctx, { ...stack.ctx.settings.notifications, smtpUrl: null, sms, weCom, publicUrl: PUBLIC_URL, sendTimeoutMs: 1_000, retryMaxMs: 20, ...overrides });
  relays.push(made);
  return made;
}

/** A notice to one person, as a process writes it; its id. */
async function tell(userId: string, message: string, link: string | null = null): Promise<number> {
  const dedupeKey = `test.${randomUUID()}`;
  await recordNotification(stack.db, { dedupeKey, workflowId: `test-${randomUUID()}`, recipientRoles: [], recipientUsers: [userId], message, link });
  const [row] = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
  return row.id;
}

const deliveriesOf = (notificationId: number) => stack.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));
const fail = (channel: 'sms' | 'wecom', faults: ProviderFault[]) => fetch(`${simulator.url}/_sim/${channel}/faults`, { method: 'POST', body: JSON.stringify({ faults }) });

/** Passes of the relay until the delivery is no longer pending. */
async function settle(made: NotificationRelay, notificationId: number) {
  return eventually(async () => {
    await made.deliverDue();
    const [delivery] = await deliveriesOf(notificationId);
    return delivery.status === 'pending' ? undefined : delivery;
  });
}

beforeAll(async () => {
  stack = await startApiTestStack();
  simulator = await startNotificationSimulator({ sms: SMS_ACCOUNT, wecom: { ...WECOM_ACCOUNT, members: ['zhang.manager', 'li.checker'] } });
  const host = new URL(simulator.url).host;
  sms = parseSmsUrl(`http://${SMS_ACCOUNT.accessKeyId}:${encodeURIComponent(SMS_ACCOUNT.accessKeySecret)}@${host}/?sign=${encodeURIComponent(SMS_ACCOUNT.signName)}&template=${SMS_ACCOUNT.templateCode}`) as SmsSettings;
  weCom = parseWeComUrl(`http://${WECOM_ACCOUNT.corpId}:${WECOM_ACCOUNT.secret}@${host}/?agent=${WECOM_ACCOUNT.agentId}`) as WeComSettings;
  [checker, manager] = await Promise.all([signIn(stack.baseUrl, 'checker'), signIn(stack.baseUrl, 'manager')]);
});
afterAll(async () => {
  await Promise.all(relays.map((made) => made.stop()));
  await simulator?.stop();
  await stack?.stop();
});

describe('SMS and WeCom through their providers', () => {
  it('reads the providers from their URLs, refusing one that lacks a part', () => {
    expect(sms).toMatchObject({ accessKeyId: SMS_ACCOUNT.accessKeyId, accessKeySecret: SMS_ACCOUNT.accessKeySecret, signName: SMS_ACCOUNT.signName, templateCode: SMS_ACCOUNT.templateCode });
    expect(weCom).toMatchObject({ corpId: WECOM_ACCOUNT.corpId, secret: WECOM_ACCOUNT.secret, agentId: WECOM_ACCOUNT.agentId });
    expect(parseSmsUrl('https://key:secret@dysmsapi.aliyuncs.com/?sign=x')).toMatch(/template=/);
    expect(parseWeComUrl('https://corp:secret@qyapi.weixin.qq.com/')).toMatch(/agent=/);
  });

  it('refuses a channel without its address, or an address of the wrong form, naming the field', async () => {
    const base = { email: null, quietFrom: null, quietTo: null };
    expectProblem(await checker.put(`${API}/notifications/preferences`, { ...base, channels: ['sms'] }), 400, 'request.body-invalid', 'phone');
    expectProblem(await checker.put(`${API}/notifications/preferences`, { ...base, channels: ['sms'], phone: '010-8888-6666' }), 400, 'request.body-invalid', 'phone');
    expectProblem(await checker.put(`${API}/notifications/preferences`, { ...base, channels: ['wecom'] }), 400, 'request.body-invalid', 'wecomUserId');
    expectProblem(await checker.put(`${API}/notifications/preferences`, { ...base, channels: ['wecom'], wecomUserId: 'li checker' }), 400, 'request.body-invalid', 'wecomUserId');
    expect((await checker.get(`${API}/notifications/preferences`)).body).toMatchObject({ channels: [], phone: null, wecomUserId: null });
  });

  it('an SMS goes once through the signed API, with the link whole; down, throttled or silent, it is tried again', async () => {
    const set = await checker.put(`${API}/notifications/preferences`, { channels: ['sms'], email: null, phone: '13800138001', quietFrom: null, quietTo: null });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const first = await tell('u-checker', '数据变更待您复核 A data change waits for your check', '/tasks/t-1');
    const made = relay();
    expect(await settle(made, first)).toMatchObject({ channel: 'sms', status: 'sent', attempts: 1 });
    const sent = simulator.sms.filter((message) => message.outId === `notification-${first}.u-checker`);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ phone: '13800138001' });
    expect(sent[0].content).toContain('数据变更待您复核');
    expect(sent[0].content).toContain(`${PUBLIC_URL}/tasks/t-1`);

    // A 500, the provider's throttling answer and no answer at all: each tried again, then delivered once.
    expect((await fail('sms', ['http-500', 'throttle', 'hang'])).status).toBe(200);
    const second = await tell('u-checker', '维修已超时 A repair is late');
    const delivered = await settle(made, second);
    expect(delivered).toMatchObject({ status: 'sent', attempts: 4 });
    expect(simulator.sms.filter((message) => message.outId === `notification-${second}.u-checker`)).toHaveLength(1);
    await made.deliverDue();
    expect(simulator.sms.filter((message) => message.outId === `notification-${second}.u-checker`)).toHaveLength(1);
  });

  it("a provider's refusal fails the delivery at once: a wrong key is refused by the signature check", async () => {
    expect((await checker.put(`${API}/notifications/preferences`, { channels: ['sms'], email: null, phone: '13800138001', quietFrom: null, quietTo: null })).status).toBe(200);
    const notice = await tell('u-checker', '测试 Test');
    const wrongKey = relay({ sms: { ...sms, accessKeySecret: 'not the secret' } });
    const refused = await settle(wrongKey, notice);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.lastError).toMatch(/^SignatureDoesNotMatch/);
    const wrongSign = relay({ sms: { ...sms, signName: '别的签名' } });
    const other = await tell('u-checker', '测试 Test');
    expect((await settle(wrongSign, other)).lastError).toMatch(/^isv\.SMS_SIGNATURE_ILLEGAL/);
    expect(simulator.sms.filter((message) => message.outId === `notification-${notice}.u-checker` || message.outId === `notification-${other}.u-checker`)).toEqual([]);
  });

  it('WeCom: a text card with the link, once; an expired token renewed; an unknown member refused at once', async () => {
    expect((await manager.put(`${API}/notifications/preferences`, { channels: ['wecom'], email: null, wecomUserId: 'zhang.manager', quietFrom: null, quietTo: null })).status).toBe(200);
    const made = relay();
    const first = await tell('u-manager', '年度计划待您批准 The annual plan waits for your approval', '/processes/annual-plan/instances/p-1');
    expect(await settle(made, first)).toMatchObject({ channel: 'wecom', status: 'sent', attempts: 1 });
    expect(simulator.wecom.filter((message) => message.touser === 'zhang.manager' && message.content.includes('年度计划'))).toEqual([
      expect.objectContaining({ msgtype: 'textcard', url: `${PUBLIC_URL}/processes/annual-plan/instances/p-1` }),
    ]);

    // WeCom expires the token early (as when the secret is reset): the relay gets a new one and sends.
    expect((await fetch(`${simulator.url}/_sim/wecom/expire-tokens`, { method: 'POST' })).status).toBe(200);
    const second = await tell('u-manager', '巡检发现问题 The inspection found faults');
    expect(await settle(made, second)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(simulator.wecom.filter((message) => message.content.includes('巡检发现问题'))).toEqual([expect.objectContaining({ msgtype: 'text', touser: 'zhang.manager' })]);

    // Down once: tried again and delivered once.
    expect((await fail('wecom', ['http-500'])).status).toBe(200);
    const third = await tell('u-manager', '供应商评价 A supplier evaluation');
    expect(await settle(made, third)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(simulator.wecom.filter((message) => message.content.includes('供应商评价'))).toHaveLength(1);

    // An account the company's WeCom does not know: refused, not tried again.
    expect((await manager.put(`${API}/notifications/preferences`, { channels: ['wecom'], email: null, wecomUserId: 'left.the.company', quietFrom: null, quietTo: null })).status).toBe(200);
    const fourth = await tell('u-manager', '测试 Test');
    const refused = await settle(made, fourth);
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.lastError).toMatch(/^wecom-81013/);
  });
});
