import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { composePlainTextEml } from '../../platform/mail/compose-alternative.js';

/*
 * The `.eml` of the channels that do not travel by SMTP, nodemailer's bytes like every e-mail of the platform: an SMS
 * is a bare text/plain message, quoted-printable, with exactly the headers of the seed's #28 example (Content-Type,
 * Message-ID, Content-Transfer-Encoding, Date, MIME-Version), composed in one pass from nodemailer's encoders
 * (compose-alternative.ts; test/platform/mail-compose.test.ts compares it with nodemailer's composer); a letter is a
 * message carrying its PDF, through nodemailer's composer.
 */

function build(options: Mail.Options): Promise<string> {
  return new Promise((resolve, reject) => {
    new MailComposer(options).compile().build((error, built) => (error ? reject(error) : resolve(built.toString('utf8'))));
  });
}

/** nodemailer's bytes for `{ text, textEncoding: 'quoted-printable', date, messageId }`, composed in one pass. */
export function composeSmsEml(sms: { text: string; date: Date; messageIdDomain: string; id: string }): string {
  return composePlainTextEml({ text: sms.text, date: sms.date, messageId: `<${sms.id}@${sms.messageIdDomain}>` });
}

export function composeLetterEml(letter: {
  from: string; subject: string; text: string; pdf: Buffer; filename: string; date: Date; language: string; id: string; messageIdDomain: string;
}): Promise<string> {
  return build({
    from: letter.from, subject: letter.subject, text: letter.text, date: letter.date,
    messageId: `<${letter.id}@${letter.messageIdDomain}>`,
    headers: { 'Content-Language': letter.language },
    attachments: [{ filename: letter.filename, content: letter.pdf, contentType: 'application/pdf' }],
  });
}
