import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { composeAlternativeEml } from './compose-alternative.js';

export interface OutgoingMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
  /** Stable Message-ID domain part; the id itself is generated. */
  messageIdDomain?: string;
  date: Date;
  language?: string;
  /** Files attached to the message (a letter's PDF), in the order given. */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * Builds the complete RFC 5322 message (headers, MIME parts) exactly as it is stored and sent. A text-and-HTML
 * message without attachments takes the one-pass composer (the same bytes, compose-alternative.ts).
 */
export async function composeEml(mail: OutgoingMail): Promise<string> {
  if (mail.text !== '' && mail.html !== undefined && mail.html !== '' && mail.messageIdDomain && (mail.attachments ?? []).length === 0) {
    return composeAlternativeEml({
      from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, date: mail.date,
      messageId: `<${randomUUID()}@${mail.messageIdDomain}>`, ...(mail.language ? { language: mail.language } : {}),
    });
  }
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: mail.date,
    // Nodemailer's own Message-ID costs five randomBytes calls and a parse of the From address per message.
    ...(mail.messageIdDomain ? { messageId: `<${randomUUID()}@${mail.messageIdDomain}>` } : {}),
    headers: mail.language ? { 'Content-Language': mail.language } : undefined,
    attachments: mail.attachments?.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
  });
  const message = await new Promise<Buffer>((resolve, reject) => {
    composer.compile().build((error, built) => (error ? reject(error) : resolve(built)));
  });
  return message.toString('utf8');
}
