import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { describe, expect, it } from 'vitest';
import { composeAlternativeEml, composePlainTextEml, type AlternativeMail } from '../../src/platform/mail/compose-alternative.js';
import { composeEml } from '../../src/platform/mail/compose.js';

/** nodemailer's composition of the same message (the reference the one-pass composer must equal). */
function nodemailerEml(mail: AlternativeMail): Promise<string> {
  const composer = new MailComposer({
    from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, date: mail.date, messageId: mail.messageId,
    headers: mail.language ? { 'Content-Language': mail.language } : undefined,
  });
  return new Promise((resolve, reject) => {
    composer.compile().build((error, built) => (error ? reject(error) : resolve(built.toString('utf8'))));
  });
}

const BOUNDARY = /--_NmP-[0-9a-f]+-Part_1/g;
const sameBoundary = (eml: string) => eml.replace(BOUNDARY, '--_NmP-boundary-Part_1');

const words = fc.array(fc.oneof(
  fc.constantFrom('Rechnung', 'Försäkring', 'über', '1.000,00\u00a0€', 'A & B', '"quoted"', 'Ünïcödé', 'Счёт', '請求書', '=', '==', ' ', '\t', '\r\n', 'end.  ', '.', 'x'.repeat(90), 'https://pay.example/c/x-753Ss5Et-eKKBXWdS517p3JgAd5HLI'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
), { maxLength: 40 });
const text = fc.array(words.map((parts) => parts.join(' ')), { minLength: 1, maxLength: 6 }).map((lines) => lines.join('\n')).filter((value) => value !== '');
const name = fc.oneof(fc.constant(''), fc.constantFrom('Collections', 'Acme AB', 'Müller & Söhne', 'O\'Brien, "Jr"', 'Иван'), fc.string({ maxLength: 20 }));
const address = fc.tuple(name, fc.oneof(fc.constantFrom('d1@example.com', 'first.last@bench.example', 'x@jõgeva.ee', 'user+tag@sub.example.org', 'A.b@Example.COM'), fc.emailAddress()))
  .map(([display, email]) => (display.trim() === '' ? email : `${display} <${email}>`));
const mail: fc.Arbitrary<AlternativeMail> = fc.record({
  from: address,
  to: fc.array(address, { minLength: 1, maxLength: 3 }),
  subject: words.map((parts) => parts.join(' ')),
  text,
  html: text.map((value) => `<!DOCTYPE html>\n<html lang="de">\n<body>\n<p>${value}</p>\n</body>\n</html>`),
  date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
  messageId: fc.uuid().map((id) => `<${id}@bench.example>`),
  language: fc.option(fc.constantFrom('de', 'en', 'sv', 'nl'), { nil: undefined }),
}, { requiredKeys: ['from', 'to', 'subject', 'text', 'html', 'date', 'messageId'] });

describe('the one-pass e-mail composer', () => {
  it('builds the bytes nodemailer builds for a text-and-HTML message (boundary aside)', async () => {
    await fc.assert(fc.asyncProperty(mail, async (one) => {
      expect(sameBoundary(composeAlternativeEml(one))).toBe(sameBoundary(await nodemailerEml(one)));
    }), { numRuns: 400 });
  });

  it('builds the bytes nodemailer builds for a bare quoted-printable text message (a stored SMS)', async () => {
    const sms = fc.record({
      text: fc.oneof(text, fc.constantFrom('short and plain', 'ends with a break\n', 'ends with a return\r', 'Zahlen Sie 1.000,00 € bis 23.11.2026.')),
      date: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
      messageId: fc.uuid().map((id) => `<${id}@bench.example>`),
    });
    await fc.assert(fc.asyncProperty(sms, async (one) => {
      const composer = new MailComposer({ text: one.text, textEncoding: 'quoted-printable', date: one.date, messageId: one.messageId });
      const reference = await new Promise<string>((resolve, reject) => {
        composer.compile().build((error, built) => (error ? reject(error) : resolve(built.toString('utf8'))));
      });
      expect(composePlainTextEml(one)).toBe(reference);
    }), { numRuns: 400 });
  });

  it('gives each message its own boundary and Message-ID', async () => {
    const one = { from: 'Collections <c@bench.example>', to: ['d@example.com'], subject: 'S', text: 'T', html: '<p>T</p>', date: new Date(0), messageIdDomain: 'bench.example' };
    const [a, b] = [await composeEml(one), await composeEml(one)];
    expect(a.match(BOUNDARY)?.[0]).not.toBe(b.match(BOUNDARY)?.[0]);
    expect(/^Message-ID: (.*)$/m.exec(a)?.[1]).not.toBe(/^Message-ID: (.*)$/m.exec(b)?.[1]);
    expect(a).toMatch(/^Message-ID: <[0-9a-f-]{36}@bench\.example>\r$/m);
  });
});
