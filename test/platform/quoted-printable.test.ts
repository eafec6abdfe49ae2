import fc from 'fast-check';
import qp from 'nodemailer/lib/qp/index.js';
import { describe, expect, it } from 'vitest';
import { encodeQuotedPrintable, wrapQuotedPrintable } from '../../src/platform/mail/quoted-printable.js';

/*
 * The quoted-printable encoder and line wrapping the e-mail composer uses give nodemailer's output (its qp.encode of
 * the UTF-8 bytes, its qp.wrap of that), character for character, on text built to reach every branch: blanks before
 * line breaks and at the end, `=`, CRLF, bare CR and LF, two- to four-byte characters, lone surrogates, long runs
 * with and without blanks and punctuation.
 */

const piece = fc.oneof(
  fc.constantFrom(' ', '\t', '\n', '\r\n', '\r', '=', '==', '.', ',', '!', '?', 'ä', 'Ö', '€', '請求書', '😀', '\ud800', '\udc00', 'x\u2028y', '1.000,00\u00a0€',
    'https://pay.example/c/x-753Ss5Et-eKKBXWdS517p3JgAd5HLI', '<p style="margin:0 0 16px">', 'x'.repeat(75), 'y'.repeat(80), '=3D', '=c3',
    'ä'.repeat(30), '😀'.repeat(12), 'z'.repeat(73) + 'ü', 'w'.repeat(74) + '\n', 'v'.repeat(60) + '\r\n', 'Zahlung bis 01.12.2026, danke!'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
);
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('quoted-printable', () => {
  it('encodes as nodemailer encodes the UTF-8 bytes', () => {
    fc.assert(fc.property(text, (value) => {
      expect(encodeQuotedPrintable(value)).toBe(qp.encode(Buffer.from(value, 'utf8')));
    }), { numRuns: 3000 });
  });

  it('wraps as nodemailer wraps the encoded text at 76 characters', () => {
    fc.assert(fc.property(text, (value) => {
      const encoded = qp.encode(Buffer.from(value, 'utf8'));
      expect(wrapQuotedPrintable(encoded, 76)).toBe(qp.wrap(encoded, 76));
    }), { numRuns: 3000 });
  });

  it('wraps long lines of escapes, blanks and line breaks as nodemailer does', () => {
    const cases = ['ä'.repeat(100), `${'a'.repeat(74)}é${'b'.repeat(80)}`, `${'a'.repeat(60)}\n${'b'.repeat(100)}`, `${'a '.repeat(70)}`,
      `${'x'.repeat(70)}\r${'y'.repeat(20)}\n${'z'.repeat(90)}`, `${'€'.repeat(40)}.${'😀'.repeat(30)}`, `${'k'.repeat(75)}\r\n${'m'.repeat(75)}`];
    for (const value of cases) {
      const encoded = qp.encode(Buffer.from(value, 'utf8'));
      expect(wrapQuotedPrintable(encoded)).toBe(qp.wrap(encoded, 76));
    }
    expect(wrapQuotedPrintable('short')).toBe('short');
  });

  it('keeps the cases worth naming', () => {
    expect(encodeQuotedPrintable('a b \r\nc\t\nend ')).toBe('a b=20\r\nc=09\nend=20');
    expect(encodeQuotedPrintable('Grüße = 😀')).toBe('Gr=C3=BC=C3=9Fe =3D =F0=9F=98=80');
    expect(encodeQuotedPrintable('\ud800x\udc00')).toBe('=EF=BF=BDx=EF=BF=BD');
    expect(encodeQuotedPrintable('plain text')).toBe('plain text');
  });
});
