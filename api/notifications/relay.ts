import { sql } from 'drizzle-orm';
import type { ApiContext } from '../context';
import { nameMessages } from '../use-cases/notifications';
import { DeliveryRefused, type ChannelSender } from '../../integrations/notifications/channel';
import { smtpSender } from '../../integrations/notifications/email';
import { smsSender, type SmsSettings } from '../../integrations/notifications/sms';
import { weComSender, type WeComSettings } from '../../integrations/notifications/wecom';
import type { NotificationChannel } from '../../contracts/notifications';

export interface NotificationSettings {
  /** Unset: no email goes out; its deliveries wait in the outbox until a server is configured. */
  smtpUrl: string | null;
  /** Unset: no SMS goes out; likewise WeCom. */
  sms: SmsSettings | null;
  weCom: WeComSettings | null;
  /** Where people open Steward: links go out whole; unset, as paths. */
  publicUrl: string | null;
  emailFrom: string;
  everyMs: number;
  sendTimeoutMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** Quiet hours are local times of the community. */
  timeZone: string;
}

/** Deliveries taken per statement. */
const PAGE = 100;
const FIRST_RETRY_MS = 2_000;

type Due = {
  id: number;
  notification_id: number;
  /** Null for a delivery to an address (someone without an account): its own address, text and link. */
  user_id: string | null;
  address: string | null;
  body: string | null;
  delivery_link: string | null;
  channel: string;
  attempts: number;
  message: string;
  link: string | null;
  urgent: boolean;
  email: string | null;
  phone: string | null;
  wecom_user_id: string | null;
  channels: string[] | null;
  quiet_from: number | null;
  quiet_to: number | null;
};

/** Minutes after local midnight at `at` in `timeZone`. */
function localMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute');
}

/** When quiet hours that hold `at` end, or null when `at` is outside them (a span may run past midnight). */
export function quietUntil(at: Date, quiet: { from: number | null; to: number | null }, timeZone: string): Date | null {
  if (quiet.from === null || quiet.to === null) return null;
  const now = localMinutes(at, timeZone);
  const inside = quiet.from < quiet.to ? now >= quiet.from && now < quiet.to : now >= quiet.from || now < quiet.to;
  if (!inside) return null;
  const minutes = (quiet.to - now + 24 * 60) % (24 * 60);
  const end = new Date(at.getTime() + minutes * 60_000);
  end.setUTCSeconds(0, 0);
  return end;
}

export const retryDelayMs = (attempts: number, maxMs: number) => Math.min(maxMs, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the outbox (P4.1): each delivery due is taken by one relay (row locks; a relay that dies mid-send leaves it
 * to another after the lease), sent on its channel and marked sent, or tried again later with a doubling wait;
 * outside an alarm or a dispatch, a person's quiet hours hold it until they end. A provider's refusal (no such
 * number or member) fails the delivery at once. Every try of one delivery carries the same key (an email's
 * Message-ID, an SMS's OutId; WeCom checks duplicates itself), so a repeat after a crash can be told apart.
 */
export class NotificationRelay {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** The channels this relay can send on now: one whose provider is not configured waits in the outbox. */
  private readonly senders: Partial<Record<NotificationChannel, ChannelSender>>;

  constructor(
    private readonly ctx: ApiContext,
    private readonly settings: NotificationSettings,
  ) {
    this.senders = {
      ...(settings.smtpUrl ? { email: smtpSender(settings.smtpUrl, settings.emailFrom, settings.sendTimeoutMs) } : {}),
      ...(settings.sms ? { sms: smsSender(settings.sms, settings.sendTimeoutMs) } : {}),
      ...(settings.weCom ? { wecom: weComSender(settings.weCom, settings.sendTimeoutMs) } : {}),
    };
  }

  /** One pass: every delivery due now; the number sent. */
  async deliverDue(now = () => new Date()): Promise<number> {
    let sent = 0;
    for (;;) {
      const due = await this.take();
      const messages = await nameMessages(this.ctx, due.map((delivery) => delivery.message));
      const results = await Promise.all(due.map((delivery, index) => this.deliver({ ...delivery, message: messages[index] }, now())));
      const delivered = due.filter((_, index) => results[index]).map((delivery) => Number(delivery.id));
      // The page's sent deliveries are marked in one statement; an addressed delivery's text and link (a one-time
      // link) are kept no longer than needed to send them. A crash before it sends them again, with the same key.
      if (delivered.length) {
        await this.ctx.db.execute(sql`
          update notification_deliveries set status = 'sent', sent_at = now(), attempts = attempts + 1, claimed_at = null, last_error = null,
            body = case when user_id is null then null else body end, link = case when user_id is null then null else link end
          where id = any(${sql.param(delivered)}::bigint[])`);
      }
      sent += delivered.length;
      if (due.length < PAGE) return sent;
    }
  }

  private async take(): Promise<Due[]> {
    const leaseSeconds = (this.settings.sendTimeoutMs * 3) / 1000;
    const channels = Object.keys(this.senders);
    return this.ctx.db.execute<Due>(sql`
      with due as (
        select id from notification_deliveries
        where status = 'pending' and next_attempt_at <= now() and channel = any(${sql.param(channels)}::text[])
          and (claimed_at is null or claimed_at < now() - make_interval(secs => ${leaseSeconds}))
        order by next_attempt_at, id limit ${PAGE} for update skip locked)
      update notification_deliveries d set claimed_at = now()
      from due join notification_deliveries x on x.id = due.id
        join notifications n on n.id = x.notification_id
        left join notification_preferences p on p.user_id = x.user_id
      where d.id = due.id
      returning d.id, d.notification_id, d.user_id, d.address, d.body, d.link as delivery_link, d.channel, d.attempts, n.message, n.link, n.urgent,
        p.email, p.phone, p.wecom_user_id, p.channels, p.quiet_from, p.quiet_to`);
  }

  private async deliver(delivery: Due, now: Date): Promise<boolean> {
    const id = Number(delivery.id);
    const channel = delivery.channel as NotificationChannel;
    const address = delivery.user_id === null ? delivery.address : { email: delivery.email, sms: delivery.phone, wecom: delivery.wecom_user_id }[channel];
    if ((delivery.user_id !== null && !delivery.channels?.includes(channel)) || !address) {
      await this.ctx.db.execute(sql`update notification_deliveries set status = 'failed', claimed_at = null, last_error = 'channel no longer chosen' where id = ${id}`);
      return false;
    }
    const held = delivery.urgent ? null : quietUntil(now, { from: delivery.quiet_from, to: delivery.quiet_to }, this.settings.timeZone);
    if (held) {
      await this.ctx.db.execute(sql`update notification_deliveries set next_attempt_at = ${held.toISOString()}::timestamptz, claimed_at = null where id = ${id}`);
      return false;
    }
    const text = delivery.body ?? delivery.message;
    const link = delivery.user_id === null ? delivery.delivery_link : delivery.link;
    try {
      await this.senders[channel]!.send({
        to: address,
        subject: text.length > 80 ? `${text.slice(0, 79)}…` : text,
        text,
        link: link === null ? null : `${this.settings.publicUrl?.replace(/\/$/, '') ?? ''}${link}`,
        deliveryKey: `notification-${delivery.notification_id}.${delivery.user_id ?? `d${id}`}`,
      });
    } catch (error) {
      const attempts = delivery.attempts + 1;
      // A refusal is the provider's last word (no such number or member): no retry can change it.
      const failed = error instanceof DeliveryRefused || attempts >= this.settings.maxAttempts;
      const next = new Date(now.getTime() + retryDelayMs(attempts, this.settings.retryMaxMs));
      await this.ctx.db.execute(sql`
        update notification_deliveries set attempts = ${attempts}, claimed_at = null, last_error = ${(error as Error).message.slice(0, 500)},
          status = ${failed ? 'failed' : 'pending'}, next_attempt_at = ${next.toISOString()}::timestamptz,
          body = case when ${failed} and user_id is null then null else body end, link = case when ${failed} and user_id is null then null else link end
        where id = ${id}`);
      return false;
    }
    return true;
  }

  /** Runs the relay until `stop`; its first pass at once, for what an earlier run left. */
  start(): void {
    if (this.timer) return;
    const pass = () => {
      this.running = this.running
        .then(() => this.deliverDue())
        .catch((error: unknown) => console.error(`[notifications] relay pass failed: ${(error as Error).message}`));
    };
    pass();
    this.timer = setInterval(pass, this.settings.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    for (const sender of Object.values(this.senders)) sender.close();
  }
}
