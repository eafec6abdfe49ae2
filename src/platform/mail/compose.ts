import MailComposer from 'nodemailer/lib/mail-composer/index.js';

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
}

/** Builds the complete RFC 5322 message (headers, MIME parts) exactly as it is stored and sent. */
export async function composeEml(mail: OutgoingMail): Promise<string> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: mail.date,
    headers: mail.language ? { 'Content-Language': mail.language } : undefined,
  });
  const message = await new Promise<Buffer>((resolve, reject) => {
    composer.compile().build((error, built) => (error ? reject(error) : resolve(built)));
  });
  return message.toString('utf8');
}
