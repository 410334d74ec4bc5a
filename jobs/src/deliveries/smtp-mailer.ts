import nodemailer from 'nodemailer';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  attachment?: { name: string; content: Buffer; contentType: string } | null;
};

/** Sends one e-mail; throws with the server's answer when it is refused. */
export type Mailer = { send(message: MailMessage): Promise<void>; close(): void };

/**
 * E-mail through an SMTP server (SMTP_URL: smtp://user:pass@host:587, STARTTLS when the server
 * offers it; smtps:// for TLS from the start), from SMTP_FROM. A server that does not answer
 * within `timeoutMs` fails the attempt, so a retry can try again.
 */
export function smtpMailer(options: { url: string; from: string; timeoutMs?: number }): Mailer {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({ url: options.url, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }, { from: options.from });
  return {
    async send(message) {
      await transport.sendMail({
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.attachment ? { attachments: [{ filename: message.attachment.name, content: message.attachment.content, contentType: message.attachment.contentType }] } : {}),
      });
    },
    close: () => transport.close(),
  };
}
