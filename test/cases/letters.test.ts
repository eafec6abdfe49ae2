import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { LETTER_TYPES, type LetterContent, type LetterType } from '../../src/cases/letters/content.js';
import { composeLetterEmail, letterFileName } from '../../src/cases/letters/email.js';
import { formatDate, formatMoney, formatPercent, toWinAnsi, type LetterLanguage } from '../../src/cases/letters/format.js';
import { renderLetterPdf } from '../../src/cases/letters/pdf.js';
import { letterText } from '../../src/cases/letters/text.js';
import { subjectOf, textPart } from '../support/smtp.js';
import { letterDetails, letterHeader, letterOf } from './letters-fixtures.js';

/** Every page's text, with no-break spaces as spaces and runs of white space collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await document.destroy();
  return normalise(pages.join(' '));
}

function normalise(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
}

/** The amounts (öre) and dates each letter's fixture carries, as the letter must print them. */
function expectedFigures(type: LetterType): { amounts: number[]; dates: string[] } {
  const details = letterDetails[type] as unknown as Record<string, unknown>;
  const amounts = Object.entries(details).filter(([key, value]) => typeof value === 'number' && /Amount|Costs|Contribution|limit|Loss|Paid$/.test(key)).map(([, value]) => value as number);
  const dates = Object.entries(details).filter(([, value]) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)).map(([, value]) => value as string);
  return { amounts, dates };
}

const LANGUAGES: LetterLanguage[] = ['en', 'sv'];

describe('letter formatting', () => {
  it('writes amounts from minor units, dates and percentages for each language', () => {
    expect(formatMoney(123_456_789, 'SEK', 'en')).toBe('SEK\u00a01,234,567.89');
    expect(formatMoney(123_456_789, 'SEK', 'sv')).toBe('1\u00a0234\u00a0567,89\u00a0SEK');
    expect(formatMoney(5, 'EUR', 'en')).toBe('EUR\u00a00.05');
    expect(formatMoney(1200, 'JPY', 'sv')).toBe('1\u00a0200\u00a0JPY');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'SEK', 'en')).toBe('SEK\u00a090,071,992,547,409.91');
    expect(formatDate('2025-07-01', 'en')).toBe('1 July 2025');
    expect(formatDate('2025-12-31', 'sv')).toBe('31 december 2025');
    expect(() => formatDate('2025-02-30', 'en')).toThrow(RangeError);
    expect(formatPercent('92.5', 'en')).toBe('92.5%');
    expect(formatPercent('92.5', 'sv')).toBe('92,5\u00a0%');
  });

  it('keeps Swedish letters for the standard fonts and reduces what they cannot show', () => {
    expect(toWinAnsi('Åkesson Östgöta Ärende € – “x”')).toBe('Åkesson Östgöta Ärende € – “x”');
    expect(toWinAnsi('Łódź Spółka\u2212ę 北京')).toBe('Lódz Spólka-e ??');
  });

  it('says the case, customer, buyer and every figure in the API body', () => {
    const text = letterText(letterOf('LIABILITY_ASSESSMENT'), 'sv');
    expect(text.subject).toBe('Ansvarsbedömning för ärende NP-000123');
    expect(text.date).toBe('30 september 2025');
    expect(normalise(text.body)).toContain('Ersättningen om 36 000,00 SEK betalas ut den 5 oktober 2025.');
    expect(text.body).toContain('Åkesson & Söner Trävaror AB');
    expect(text.body).toContain('Östgöta Bygg Kärnhus AB (11223344)');
  });

  it('dates the letter in the business time zone', () => {
    const lateEvening = { ...letterOf('CASE_CLOSED'), issuedAt: new Date('2025-09-30T22:30:00Z') };
    expect(letterText(lateEvening, 'en').date).toBe('1 October 2025');
    expect(letterText({ ...lateEvening, timeZone: 'UTC' }, 'en').date).toBe('30 September 2025');
  });
});

describe('letter PDFs', () => {
  for (const language of LANGUAGES) {
    for (const type of LETTER_TYPES) {
      it(`${type} in ${language}: the PDF's text has the case, parties, amounts and dates`, async () => {
        const letter = letterOf(type);
        const pdf = await renderLetterPdf(letter, language);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const text = await pdfText(pdf);
        expect(text).toContain(normalise(letterText(letter, language).subject));
        for (const expected of [letter.caseId, letter.letterId, letter.policyId, letter.customer.name, letter.buyer.name, String(letter.buyer.buyerId), 'ERP-CASE-77']) {
          expect(text).toContain(expected);
        }
        expect(text).toContain(language === 'sv' ? '30 september 2025' : '30 September 2025');
        const { amounts, dates } = expectedFigures(type);
        for (const amount of amounts) expect(text).toContain(normalise(formatMoney(amount, 'SEK', language)));
        for (const date of dates) expect(text).toContain(formatDate(date, language));
      });
    }
  }

  it('finds the figures this test expects (the fixture is not empty)', () => {
    expect(expectedFigures('PRE_LIABILITY_CALCULATION')).toEqual({
      amounts: [4_300_000, 4_000_000, 4_000_000, 3_700_000], dates: ['2025-08-28', '2025-06-01'],
    });
  });

  it('prints percentages and free text in the letter language', async () => {
    expect(await pdfText(await renderLetterPdf(letterOf('PRE_LIABILITY_CALCULATION'), 'sv'))).toContain('92,5 %');
    expect(await pdfText(await renderLetterPdf(letterOf('PRE_LIABILITY_CALCULATION'), 'en'))).toContain('92.5%');
    expect(await pdfText(await renderLetterPdf(letterOf('CLAIM_DECLINED'), 'en'))).toContain('Notified after the maximum extension period plus 30 days.');
  });

  it('renders the same bytes for the same letter, whenever it is rendered', async () => {
    const first = await renderLetterPdf(letterOf('PAYMENT_ADVICE'), 'sv');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await renderLetterPdf(letterOf('PAYMENT_ADVICE'), 'sv');
    expect(second.equals(first)).toBe(true);
    const document = await pdfjs.getDocument({ data: new Uint8Array(first), verbosity: 0 }).promise;
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    await document.destroy();
    expect(info).toMatchObject({ CreationDate: 'D:20250930081500Z', ModDate: 'D:20250930081500Z', Title: 'Utbetalningsavisering för ärende NP-000123' });
    const other = await renderLetterPdf({ ...letterOf('PAYMENT_ADVICE'), issuedAt: new Date('2025-10-01T08:15:00Z') }, 'sv');
    expect(other.equals(first)).toBe(false);
  });

  it('renders with the shared font to the bytes pdfkit renders with its own font, across letters and sizes', async () => {
    // Kerning pairs (AV, To, Wa, y.), WinAnsi letters, a long word that must be broken, and a multi-page list.
    const tricky = 'AVAWAY To Wa y. Ærø Øresund Ångström « quoted » — 0123456789 ' + 'W'.repeat(120);
    const invoices = Array.from({ length: 80 }, (_, index) => ({ documentNumber: `INV-AV-${index}`, dueDate: '2025-03-01', outstandingAmount: 10_000 + index }));
    const letters: LetterContent[] = [
      ...LETTER_TYPES.map((type) => letterOf(type)),
      { ...letterHeader, letterType: 'ACKNOWLEDGEMENT', outstandingAmount: 5_000_000, oldestDueDate: '2025-03-01', invoices,
        customer: { ...letterHeader.customer, name: tricky }, buyer: { ...letterHeader.buyer, name: `${tricky} Łódź` } },
    ];
    for (const letter of letters) {
      for (const language of LANGUAGES) {
        // Twice with the shared font: the second rendering uses the widths the first remembered.
        for (let round = 0; round < 2; round += 1) {
          const shared = await renderLetterPdf(letter, language);
          const own = await renderLetterPdf(letter, language, 'pdfkit');
          expect(shared.equals(own), `${letter.letterType} in ${language}`).toBe(true);
        }
      }
    }
  });

  it('continues a long invoice list on further pages, each with its footer', async () => {
    const invoices = Array.from({ length: 120 }, (_, index) => ({ documentNumber: `INV-${2000 + index}`, dueDate: '2025-03-01', outstandingAmount: 10_000 + index }));
    const letter: LetterContent = { ...letterHeader, letterType: 'ACKNOWLEDGEMENT', outstandingAmount: 5_000_000, oldestDueDate: '2025-03-01', invoices };
    const pdf = await renderLetterPdf(letter, 'en');
    const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    expect(document.numPages).toBeGreaterThan(1);
    await document.destroy();
    const text = await pdfText(pdf);
    expect(text).toContain('INV-2119, due 1 March 2025: SEK 101.19');
    expect(text).toContain('page 2 of');
  });
});

/** The parts of a multipart message: headers (lower-cased names) and the raw body. */
function mimeParts(eml: string): { headers: string; body: string }[] {
  const normalised = eml.replace(/\r\n/g, '\n');
  const boundary = /boundary="?([^"\n;]+)"?/i.exec(normalised)?.[1];
  if (!boundary) throw new Error('not multipart');
  return normalised.split(`--${boundary}`).slice(1, -1).map((part) => {
    const [headers = '', ...body] = part.replace(/^\n/, '').split('\n\n');
    return { headers: headers.replace(/\n[ \t]+/g, ' '), body: body.join('\n\n') };
  });
}

describe('letter e-mails', () => {
  it('is a real .eml with the text in the body and the PDF attached byte for byte', async () => {
    const letter = letterOf('LIABILITY_ASSESSMENT');
    const pdf = await renderLetterPdf(letter, 'sv');
    const eml = await composeLetterEmail(letter, 'sv', pdf, { from: 'claims@nordkredit.example', to: ['ekonomi@akesson.example'] });
    expect(eml).toMatch(/^From: claims@nordkredit\.example$/m);
    expect(eml).toMatch(/^To: ekonomi@akesson\.example$/m);
    expect(eml).toMatch(/^Date: Tue, 30 Sep 2025 08:15:00 \+0000$/m);
    expect(eml).toContain('Content-Language: sv');
    expect(subjectOf(eml)).toBe('Ansvarsbedömning för ärende NP-000123');
    expect(normalise(textPart(eml))).toContain('Ersättningen om 36 000,00 SEK betalas ut den 5 oktober 2025.');
    expect(textPart(eml)).toContain('Brevet finns bifogat som PDF-dokument.');

    const attachment = mimeParts(eml).find((part) => /content-type: application\/pdf/i.test(part.headers));
    expect(attachment).toBeDefined();
    expect(attachment!.headers).toMatch(/content-disposition: attachment; filename=NP-000123-liability-assessment-LTR-000042\.pdf/i);
    expect(attachment!.headers).toMatch(/content-transfer-encoding: base64/i);
    const attached = Buffer.from(attachment!.body.replace(/\s+/g, ''), 'base64');
    expect(attached.equals(pdf)).toBe(true);
    expect(await pdfText(attached)).toContain('NP-000123');
  });

  it('names the attachment safely whatever the ids hold', () => {
    expect(letterFileName({ ...letterOf('CASE_CLOSED'), caseId: 'NP/1 2', letterId: 'L"1' })).toBe('NP_1_2-case-closed-L_1.pdf');
  });
});
