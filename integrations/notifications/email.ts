import nodemailer from 'nodemailer';
import { DeliveryRefused, type ChannelSender } from './channel';

/** SMTP connections kept open to the server. */
const POOL_CONNECTIONS = 5;

/** Email over SMTP (`smtp://user:password@host:port`, `smtps://` for TLS from the start). */
export function smtpSender(url: string, from: string, timeoutMs: number): ChannelSender {
  // Pooled: a page of the outbox goes over a few kept connections instead of a connection per message.
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: POOL_CONNECTIONS, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    async send(message) {
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.link ? `${message.text}\n\n${message.link}` : message.text,
          messageId: `<${message.deliveryKey}@steward>`,
        });
      } catch (error) {
        // A 5xx reply is the server's final word on this message (no such mailbox, refused); 4xx and lost connections pass.
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500) throw new DeliveryRefused(`smtp-${code}`, (error as Error).message);
        throw error;
      }
    },
    close: () => transport.close(),
  };
}
