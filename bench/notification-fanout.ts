/**
 * A notice to every owner (P4.1): one notification addressed to the owners' role with an email delivery each, written
 * in one statement, shown in-app at once, and sent by the relay to a local SMTP server (smtp-server on loopback).
 *
 *   npm run bench:notifications
 *
 * Env: BENCH_OWNERS (default 10000), BENCH_BASELINE (single notices timed one by one first, default 50),
 * BENCH_DATABASE_URL (use that server instead of an embedded PostgreSQL).
 *
 * Baseline, in the same process: one notice to one owner, written and sent alone; its messages per second is what
 * the relay does without batching. Figures: the write of the fan-out (notification + outbox rows), an owner's
 * unread count right after, the time from the write to the last email received, and the outbox's throughput; the
 * ratio is the fan-out's messages per second over the baseline's.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SMTPServer } from 'smtp-server';
import type { SessionUser } from '../api/auth/session';
import type { ApiContext } from '../api/context';
import { NotificationRelay } from '../api/notifications/relay';
import { listNotifications } from '../api/use-cases/notifications';
import { recordNotification } from '../domain/notifications';
import { envNumber, fmt, log, machineNote, onCleanup, printTable, runBench, saveResults, STEWARD_DEFAULTS } from './lib/common';
import { logPostgresVersion, startDemoDatabase } from './lib/demo-database';

const OWNERS = envNumber('BENCH_OWNERS', 10_000);
const BASELINE = envNumber('BENCH_BASELINE', 50);

/** An SMTP server on loopback that counts what it receives, by recipient. */
async function smtpServer(): Promise<{ url: string; received: Map<string, number>; close: () => Promise<void> }> {
  const received = new Map<string, number>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 1000,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo) received.set(rcpt.address, (received.get(rcpt.address) ?? 0) + 1);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  log(`Notification fan-out bench: ${OWNERS} owners. ${machineNote()}`);
  const database = await startDemoDatabase('steward_bench_notifications', { max: 10 });
  const { db } = database;
  await logPostgresVersion(database);
  const smtp = await smtpServer();
  onCleanup('stop SMTP server', smtp.close);
  const ctx = { db, settings: STEWARD_DEFAULTS.api } as unknown as ApiContext;
  const relay = new NotificationRelay(ctx, { ...STEWARD_DEFAULTS.api.notifications, smtpUrl: smtp.url, sms: null, weCom: null });
  onCleanup('stop relay', () => relay.stop());

  // Owners' portal accounts, each having chosen email.
  await db.$client.unsafe(
    `insert into users (id, username, display_name, password_hash, roles)
     select 'u-bench-owner-' || g, 'bench-owner-' || g, '业主 ' || g, 'x', array['owner'] from generate_series(1, ${OWNERS}) g`,
  );
  await db.$client.unsafe(
    `insert into notification_preferences (user_id, channels, email)
     select 'u-bench-owner-' || g, array['email'], 'owner-' || g || '@example.test' from generate_series(1, ${OWNERS}) g`,
  );

  const until = async (done: () => boolean) => {
    while (!done()) await relay.deliverDue();
  };

  // Baseline: one notice to one owner at a time.
  const single: number[] = [];
  for (let index = 0; index < BASELINE; index++) {
    const address = 'owner-1@example.test';
    const before = smtp.received.get(address) ?? 0;
    const started = performance.now();
    await recordNotification(db, { dedupeKey: `bench.single.${randomUUID()}`, workflowId: 'bench', recipientRoles: [], recipientUsers: ['u-bench-owner-1'], message: '单条通知 A single notice' });
    await until(() => (smtp.received.get(address) ?? 0) > before);
    single.push(performance.now() - started);
  }
  single.sort((a, b) => a - b);
  const baselineMs = single.reduce((sum, value) => sum + value, 0) / single.length;
  log(`baseline: one notice written and emailed in ${fmt(baselineMs)} ms on average (p50 ${fmt(single[Math.floor(single.length / 2)])} ms)`);

  // The fan-out: one notice to the owners' role.
  const receivedBefore = [...smtp.received.values()].reduce((sum, value) => sum + value, 0);
  const started = performance.now();
  const dedupeKey = `bench.fanout.${randomUUID()}`;
  await recordNotification(db, { dedupeKey, workflowId: 'bench', recipientRoles: ['owner'], recipientUsers: [], message: '停水通知：明天 9:00–12:00 2 号楼停水 Water off in building 2 tomorrow 9:00–12:00' });
  const writtenMs = performance.now() - started;
  // Every owner who chose email: the bench's (the demo's owners have chosen nothing).
  const [{ count }] = await db.$client.unsafe<Array<{ count: string }>>(
    `select count(*) from notification_deliveries d join notifications n on n.id = d.notification_id where n.dedupe_key = $1`,
    [dedupeKey],
  );
  const expected = Number(count);
  if (expected !== OWNERS) throw new Error(`${expected} deliveries written for ${OWNERS} owners`);
  const owner: SessionUser = { id: `u-bench-owner-${OWNERS}`, username: `bench-owner-${OWNERS}`, displayName: '业主', roles: ['owner'], ownerId: null, vendorId: null };
  const inAppStarted = performance.now();
  const page = await listNotifications(ctx, owner, { unread: true, limit: 30 });
  const inAppMs = performance.now() - inAppStarted;
  if (page.unread < 1) throw new Error('the owner does not see the notice in-app');
  const total = () => [...smtp.received.values()].reduce((sum, value) => sum + value, 0) - receivedBefore;
  await until(() => total() >= expected);
  const lastMs = performance.now() - started;
  const [{ pending, sent }] = await db.$client.unsafe<Array<{ pending: string; sent: string }>>(
    `select count(*) filter (where status = 'pending') as pending, count(*) filter (where status = 'sent') as sent from notification_deliveries`,
  );
  const perSecond = expected / ((lastMs - writtenMs) / 1000);
  const baselinePerSecond = 1000 / baselineMs;
  printTable(
    ['owners', 'write (notice + outbox) ms', 'in-app list ms', 'to last email s', 'emails/s', 'baseline emails/s', 'ratio', 'pending', 'duplicates'],
    [[expected, fmt(writtenMs), fmt(inAppMs), fmt(lastMs / 1000, 2), fmt(perSecond, 0), fmt(baselinePerSecond, 1), fmt(perSecond / baselinePerSecond, 1), pending, [...smtp.received.values()].filter((count) => count > 1).length - (BASELINE > 1 ? 1 : 0)]],
  );
  log(`sent ${sent} in all`);
  log(`results: ${await saveResults('notification-fanout', { machine: machineNote(), owners: expected, writtenMs, inAppMs, lastMs, perSecond, baselineMs, baselinePerSecond })}`);
}

runBench(main);
