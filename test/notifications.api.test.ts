/**
 * Notifications that reach people (issue 15, P4.1): a task's candidate is told in-app (the list, the unread count,
 * the live stream) and by email through a real SMTP server the test runs; with the SMTP server down the email is
 * tried again and delivered once when it is back; quiet hours hold what can wait but not an alarm's dispatch.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationRelay, type NotificationSettings } from '../api/notifications/relay';
import { notificationDeliveries, notifications } from '../db/schema';
import { recordNotification } from '../domain/notifications';
import { signIn, type SignedInClient } from './support/http-client';
import { expectProblem } from './support/problems';
import { eventually, startApiTestStack, type ApiTestStack } from './support/stack';

const API = '/api/v1';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives; no STARTTLS or AUTH offered, as on a relay inside the site. */
function smtpServer(received: Received[]) {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  return {
    listen: (port = 0) => new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(raw)?.[1]?.trim();

let stack: ApiTestStack;
let checker: SignedInClient;
let admin: SignedInClient;
const started: string[] = [];
const relays: NotificationRelay[] = [];

function relayTo(port: number, overrides: Partial<NotificationSettings> = {}) {
  const relay = new NotificationRelay(stack.ctx, { ...stack.ctx.settings.notifications, smtpUrl: `smtp://127.0.0.1:${port}`, sendTimeoutMs: 2_000, retryMaxMs: 50, ...overrides });
  relays.push(relay);
  return relay;
}

/** Minutes after midnight in the community's time zone, now. */
function localNow(): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: stack.ctx.settings.notifications.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  return Number(parts.find((part) => part.type === 'hour')!.value) * 60 + Number(parts.find((part) => part.type === 'minute')!.value);
}
const clock = (minutes: number) => {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
};

const deliveriesOf = (notificationId: number) => stack.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));

beforeAll(async () => {
  stack = await startApiTestStack();
  [checker, admin] = await Promise.all([signIn(stack.baseUrl, 'checker'), signIn(stack.baseUrl, 'admin')]);
});
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.stop()));
  await Promise.all(started.map((workflowId) => stack.client.workflow.getHandle(workflowId).terminate('test done').catch(() => undefined)));
  await stack?.stop();
});

describe('notifications reach people', () => {
  it('refuses preferences that cannot be kept, naming the field', async () => {
    expectProblem(await checker.put(`${API}/notifications/preferences`, { channels: ['email'], email: null, quietFrom: null, quietTo: null }), 400, 'request.body-invalid', 'email');
    expectProblem(await checker.put(`${API}/notifications/preferences`, { channels: [], email: null, quietFrom: '22:00', quietTo: null }), 400, 'request.body-invalid', 'quietTo');
    expectProblem(await checker.put(`${API}/notifications/preferences`, { channels: ['fax'], email: null, quietFrom: null, quietTo: null }), 400, 'request.body-invalid', 'channels.0');
    expect((await checker.get(`${API}/notifications/preferences`)).body).toEqual({ channels: [], email: null, phone: null, wecomUserId: null, quietFrom: null, quietTo: null });
  });

  it("a task's candidate is told in-app, live and by email, once; reading it is theirs alone", async () => {
    const received: Received[] = [];
    const smtp = smtpServer(received);
    const port = await smtp.listen();
    try {
      const address = `checker-${randomUUID().slice(0, 8)}@example.test`;
      const set = await checker.put(`${API}/notifications/preferences`, { channels: ['email'], email: address, quietFrom: null, quietTo: null });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      const before = (await checker.get(`${API}/notifications`)).body.unread as number;

      // The live stream, as the header follows it.
      const stream = await checker.raw(`${API}/notifications/stream`);
      const reader = stream.body!.getReader();
      let streamed = '';
      const readStream = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          streamed += new TextDecoder().decode(value);
        }
      })();
      await eventually(async () => (streamed.includes('event: ready') ? true : undefined));

      // A unit's change made by the administrator waits for the checker: a real task of a real process.
      const changeId = randomUUID();
      const response = await admin.post(`${API}/data-changes`, { changeId, action: 'change', unitId: 'b1-301', unit: { exclusiveArea: 121.5 } });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      const workflowId = response.body.workflowId as string;
      started.push(workflowId);
      const taskId = `${workflowId}.checkChange.1`;

      const listed = await eventually(async () => {
        const page = await checker.get(`${API}/notifications`);
        return page.body.items.find((item: { link: string | null }) => item.link === `/tasks/${encodeURIComponent(taskId)}`) as { id: number; message: string; read: boolean } | undefined;
      });
      expect(listed.read).toBe(false);
      // The task's title as people read it: the unit named, not its id.
      expect(listed.message).toContain('1号楼');
      expect(listed.message).not.toContain('{unit:');
      expect((await checker.get(`${API}/notifications?unread=true`)).body.unread).toBe(before + 1);
      await eventually(async () => (streamed.includes(`"id":${listed.id}`) ? true : undefined));
      await reader.cancel();
      await readStream.catch(() => undefined);

      const relay = relayTo(port);
      await eventually(async () => {
        await relay.deliverDue();
        return received.some((mail) => mail.to.includes(address)) || undefined;
      });
      const mail = received.find((item) => item.to.includes(address))!;
      expect(header(mail.raw, 'Message-ID')).toBe(`<notification-${listed.id}.u-checker@steward>`);
      // Another pass sends nothing again.
      await relay.deliverDue();
      expect(received.filter((item) => item.to.includes(address))).toHaveLength(1);
      const [delivery] = await deliveriesOf(listed.id);
      expect(delivery).toMatchObject({ userId: 'u-checker', channel: 'email', status: 'sent', attempts: 1 });

      // Read marks are the reader's own: the administrator, also addressed by role, still has it unread.
      expect((await checker.post(`${API}/notifications/read`, { ids: [listed.id] })).body.unread).toBe(before);
      expect((await checker.post(`${API}/notifications/read`, { ids: [listed.id] })).status).toBe(200);
      const adminView = (await admin.get(`${API}/notifications`)).body.items.find((item: { id: number }) => item.id === listed.id);
      expect(adminView.read).toBe(false);
      // Someone the notification is not addressed to does not see it.
      const owner = await signIn(stack.baseUrl, 'owner-zhang');
      expect((await owner.get(`${API}/notifications`)).body.items.map((item: { id: number }) => item.id)).not.toContain(listed.id);
      expectProblem(await owner.post(`${API}/notifications/read`, { ids: [] }), 400, 'request.body-invalid');
    } finally {
      await smtp.close();
    }
  });

  it('with the SMTP server down the email is tried again, and delivered once when it is back', async () => {
    const received: Received[] = [];
    const smtp = smtpServer(received);
    const port = await smtp.listen();
    await smtp.close();
    const address = `admin-${randomUUID().slice(0, 8)}@example.test`;
    expect((await admin.put(`${API}/notifications/preferences`, { channels: ['email'], email: address, quietFrom: null, quietTo: null })).status).toBe(200);
    const dedupeKey = `test.${randomUUID()}`;
    await recordNotification(stack.db, { dedupeKey, workflowId: `test-${randomUUID()}`, recipientRoles: [], recipientUsers: ['u-admin'], message: '测试通知 Test notice' });
    const [notification] = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, dedupeKey));
    // A retried activity writes it again: nothing more is written or sent.
    await recordNotification(stack.db, { dedupeKey, workflowId: notification.workflowId, recipientRoles: [], recipientUsers: ['u-admin'], message: '测试通知 Test notice' });
    expect(await deliveriesOf(notification.id)).toHaveLength(1);

    const relay = relayTo(port);
    expect(await relay.deliverDue()).toBe(0);
    const [failed] = await deliveriesOf(notification.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.lastError).toMatch(/ECONNREFUSED/);

    const again = smtpServer(received);
    await again.listen(port);
    try {
      await eventually(async () => {
        await relay.deliverDue();
        return (await deliveriesOf(notification.id))[0].status === 'sent' || undefined;
      });
      await relay.deliverDue();
      expect(received.filter((mail) => mail.to.includes(address))).toHaveLength(1);
      expect((await deliveriesOf(notification.id))[0].attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await again.close();
    }
  });

  it("quiet hours hold what can wait until they end; an alarm's dispatch goes through them", async () => {
    const received: Received[] = [];
    const smtp = smtpServer(received);
    const port = await smtp.listen();
    try {
      const manager = await signIn(stack.baseUrl, 'manager');
      const address = `manager-${randomUUID().slice(0, 8)}@example.test`;
      const now = localNow();
      const quiet = { quietFrom: clock(now - 60), quietTo: clock(now + 60) };
      expect((await manager.put(`${API}/notifications/preferences`, { channels: ['email'], email: address, ...quiet })).status).toBe(200);
      const workflowId = `test-${randomUUID()}`;
      await recordNotification(stack.db, { dedupeKey: `${workflowId}.report`, workflowId, recipientRoles: [], recipientUsers: [manager.user.id], message: '月度报告 Monthly report' });
      await recordNotification(stack.db, { dedupeKey: `${workflowId}.dispatch`, workflowId, recipientRoles: [], recipientUsers: [manager.user.id], message: '火警派遣 Fire alarm dispatch', urgent: true });
      const relay = relayTo(port);
      await eventually(async () => {
        await relay.deliverDue();
        return received.some((mail) => mail.to.includes(address)) || undefined;
      });
      await relay.deliverDue();
      const mine = received.filter((mail) => mail.to.includes(address));
      expect(mine).toHaveLength(1);
      expect(header(mine[0].raw, 'Message-ID')).toMatch(/^<notification-\d+\.u-manager@steward>$/);
      const [report] = await stack.db.select().from(notifications).where(eq(notifications.dedupeKey, `${workflowId}.report`));
      const [held] = await deliveriesOf(report.id);
      expect(held).toMatchObject({ status: 'pending', attempts: 0 });
      // Held until the quiet hours end (within the minute they end in).
      const end = Date.now() + 60 * 60_000;
      expect(Math.abs(held.nextAttemptAt.getTime() - end)).toBeLessThan(2 * 60_000);

      // Once they have ended it goes: the hold is moved to now and the relay's clock past the end.
      await stack.db.update(notificationDeliveries).set({ nextAttemptAt: new Date() }).where(and(eq(notificationDeliveries.id, held.id)));
      await relay.deliverDue(() => new Date(end + 60_000));
      expect((await deliveriesOf(report.id))[0].status).toBe('sent');
      expect(received.filter((mail) => mail.to.includes(address))).toHaveLength(2);
    } finally {
      await smtp.close();
    }
  });
});
