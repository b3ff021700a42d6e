import nodemailer from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** The same for every try of one notification to one person: a receiving server can tell a repeat. */
  messageId: string;
}

export interface EmailSender {
  send(email: Email): Promise<void>;
  close(): void;
}

/** Email over SMTP (`smtp://user:password@host:port`, `smtps://` for TLS from the start). */
export function smtpSender(url: string, from: string, timeoutMs: number): EmailSender {
  const transport = nodemailer.createTransport(url, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  return {
    async send(email) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text, messageId: email.messageId });
    },
    close: () => transport.close(),
  };
}
