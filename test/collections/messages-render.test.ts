import { Eta } from 'eta';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { formatDate, formatMoney } from '../../src/collections/communications/format.js';
import { LANGUAGES, pickLanguage, type Language } from '../../src/collections/communications/language.js';
import { renderLetterPdf } from '../../src/collections/communications/letter-pdf.js';
import { addressFor, postalLines } from '../../src/collections/communications/recipient.js';
import { checkTemplateContent, renderChannel, renderTemplateSource } from '../../src/collections/communications/render.js';
import { smsSegments } from '../../src/collections/communications/sms.js';
import { TEMPLATE_IDS, shippedContent } from '../../src/collections/communications/templates/catalogue.js';
import { PLACEHOLDERS, type TemplateValues } from '../../src/collections/communications/templates/content.js';

function values(language: Language, overrides: Partial<TemplateValues> = {}): TemplateValues {
  return {
    debtorName: 'Johanna Österberg-Whitfield', creditorName: 'Acme Trading AB', claimReference: 'CLAIM_REFERENCE_0002',
    paymentReference: 'RF18539007547034', amountDue: formatMoney(1_234_567, 'EUR', language), dueDate: formatDate('2026-03-05', language),
    landingPageUrl: '', ...overrides,
  };
}

const EXPECTED = {
  en: { amount: '€12,345.67', date: '5 March 2026', greeting: 'Dear', subject: 'Friendly reminder' },
  de: { amount: '12.345,67 €', date: '5. März 2026', greeting: 'Guten Tag', subject: 'Freundliche Erinnerung' },
  sv: { amount: '12 345,67 €', date: '5 mars 2026', greeting: 'Hej', subject: 'Vänlig påminnelse' },
  nl: { amount: '€ 12.345,67', date: '5 maart 2026', greeting: 'Beste', subject: 'Vriendelijke herinnering' },
} as const;

const INVOICE: Record<Language, string> = { en: 'invoice', de: 'Rechnung', sv: 'faktura', nl: 'factuur' };

const plain = (text: string) => text.replace(/[\u00A0\u202F]/g, ' ');

describe('amounts and dates per language (Intl)', () => {
  it.each(LANGUAGES)('%s', (language) => {
    expect(plain(formatMoney(1_234_567, 'EUR', language))).toBe(EXPECTED[language].amount);
    expect(formatDate('2026-03-05', language)).toBe(EXPECTED[language].date);
  });
  it('uses the currency decimals from minor units, never a float', () => {
    expect(plain(formatMoney(100_100, 'SEK', 'sv'))).toBe('1 001,00 kr');
    expect(plain(formatMoney(5, 'JPY', 'en'))).toBe('JP¥5');
    expect(plain(formatMoney(1, 'EUR', 'de'))).toBe('0,01 €');
  });
});

describe('the debtor\'s language', () => {
  it('takes the requested language, then the debtor\'s, then the country\'s, then English', () => {
    const debtor = { language: 'nl-BE', contactInformation: { country: 'DE' } };
    expect(pickLanguage('sv', debtor)).toBe('sv');
    expect(pickLanguage(undefined, debtor)).toBe('nl');
    expect(pickLanguage(undefined, { contactInformation: { country: 'AT' } })).toBe('de');
    expect(pickLanguage(undefined, { contactInformation: { country: 'SE' } })).toBe('sv');
    expect(pickLanguage(undefined, { contactInformation: { country: 'BE' } })).toBe('nl');
    expect(pickLanguage(undefined, { contactInformation: { country: 'FR' } })).toBe('en');
    expect(pickLanguage('fr', { language: 'it' })).toBe('en');
    expect(pickLanguage(undefined, null)).toBe('en');
  });
});

describe('every shipped template renders in every language and channel', () => {
  for (const language of LANGUAGES) {
    for (const templateId of TEMPLATE_IDS) {
      it(`${templateId} in ${language}`, () => {
        const content = shippedContent(templateId, language);
        expect(checkTemplateContent(content)).toEqual([]);
        const email = renderChannel(content, 'email', values(language), language);
        const sms = renderChannel(content, 'sms', values(language), language);
        const letter = renderChannel(content, 'letter', values(language), language);
        if (!email.ok || !sms.ok || !letter.ok) throw new Error('render refused');
        if (email.value.channel !== 'email' || sms.value.channel !== 'sms' || letter.value.channel !== 'letter') throw new Error('wrong channel');
        for (const text of [email.value.text, sms.value.text, letter.value.paragraphs.join('\n'), email.value.subject]) {
          expect(text).toContain('CLAIM_REFERENCE_0002');
          expect(text).not.toContain('<%');
        }
        expect(plain(email.value.text)).toContain(EXPECTED[language].amount);
        expect(email.value.text).toContain(EXPECTED[language].date);
        expect(email.value.text.startsWith(`${EXPECTED[language].greeting} Johanna Österberg-Whitfield`)).toBe(true);
        expect(email.value.html).toContain(`<html lang="${language}">`);
        expect(email.value.html).toContain(`<title>${email.value.subject}</title>`);
        expect(email.value.html.match(/<p>/g)?.length).toBeGreaterThanOrEqual(3);
        expect(sms.value.segments).toBeLessThanOrEqual(2);
        expect(sms.value.text).toContain('RF18539007547034');
        expect(sms.value.text).not.toMatch(/[\u00A0\u202F]/);
        expect(letter.value.paragraphs.length).toBeGreaterThanOrEqual(3);
      });
    }
  }

  it('the friendly reminder subject reads as each language writes it', () => {
    for (const language of LANGUAGES) {
      const email = renderChannel(shippedContent('reminder-friendly', language), 'email', values(language), language);
      if (!email.ok || email.value.channel !== 'email') throw new Error('render refused');
      expect(email.value.subject).toBe(`${EXPECTED[language].subject}: ${INVOICE[language]} CLAIM_REFERENCE_0002`);
    }
  });
});

describe('escaping', () => {
  it('escapes values and the template\'s own text in HTML, and leaves plain text alone', () => {
    const content = { ...shippedContent('reminder-friendly', 'en'), email: { subject: 'Hi <%= it.debtorName %>', body: 'Tom & Jerry <b>say</b>: <%= it.debtorName %>' } };
    const email = renderChannel(content, 'email', values('en', { debtorName: '<script>alert("x")</script> & Co' }), 'en');
    if (!email.ok || email.value.channel !== 'email') throw new Error('render refused');
    expect(email.value.html).toContain('<p>Tom &amp; Jerry &lt;b&gt;say&lt;/b&gt;: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co</p>');
    expect(email.value.html).not.toContain('<script>');
    expect(email.value.html).toContain('<title>Hi &lt;script&gt;');
    expect(email.value.text).toBe('Tom & Jerry <b>say</b>: <script>alert("x")</script> & Co\n');
  });
});

describe('rendering a source as eta renders it', () => {
  const literal = fc.oneof(fc.string({ maxLength: 20 }).filter((text) => !text.includes('<%') && !text.includes('%>')),
    fc.constantFrom('&', '<b>', '"', "'", '\\', '`', '${x}', '\n', '\r\n', '<', '%', '>', ' <a href="'));
  const tag = fc.tuple(fc.constantFrom(...PLACEHOLDERS), fc.constantFrom('', ' ', '  ', '\n'), fc.constantFrom('', ' ', '\t'))
    .map(([name, before, after]) => `<%=${before}it.${name}${after}%>`);
  const source = fc.array(fc.oneof(literal, tag), { maxLength: 12 }).map((parts) => parts.join(''))
    .filter((text) => checkTemplateContent({ email: { subject: text || 'x', body: text || 'x' }, sms: { text: 'x' }, letter: { subject: 'x', body: 'x' } }).length === 0);
  const someValues = fc.record(Object.fromEntries(PLACEHOLDERS.map((name) => [name, fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('A & B', '<script>"x"</script>', "O'Brien", ''))]))) as fc.Arbitrary<TemplateValues>;

  it('gives what eta gives for every checked source, in HTML and in text', () => {
    const html = new Eta({ autoEscape: true, autoTrim: false });
    const text = new Eta({ autoEscape: false, autoTrim: false });
    fc.assert(fc.property(source, someValues, (one, values) => {
      expect(renderTemplateSource(one, values, true)).toBe(html.renderString(one, values));
      expect(renderTemplateSource(one, values, false)).toBe(text.renderString(one, values));
    }), { numRuns: 1000 });
  });
});

describe('SMS segments', () => {
  it('counts GSM-7 (160, then 153 per part; € counts two) and UCS-2 (70, then 67)', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('a'.repeat(306))).toBe(2);
    expect(smsSegments('a'.repeat(307))).toBe(3);
    expect(smsSegments('€'.repeat(80))).toBe(1);
    expect(smsSegments('€'.repeat(81))).toBe(2);
    expect(smsSegments('åäöÅÄÖüÜé'.repeat(10))).toBe(1);
    expect(smsSegments('ł'.repeat(70))).toBe(1);
    expect(smsSegments('ł'.repeat(71))).toBe(2);
    expect(smsSegments('ł'.repeat(135))).toBe(3);
  });
  it('refuses an SMS longer than two segments', () => {
    const content = { ...shippedContent('reminder-friendly', 'en'), sms: { text: '<%= it.debtorName %>' } };
    const sms = renderChannel(content, 'sms', values('en', { debtorName: 'x'.repeat(307) }), 'en');
    expect(sms).toEqual({ ok: false, error: { code: 'SMS_TOO_LONG', message: 'the SMS takes 3 segments, more than 2' } });
  });
});

describe('template validation names the field', () => {
  it('refuses code, unknown placeholders, stray tags and missing fields', () => {
    const content = {
      email: { subject: 'Hi <% process.exit(1) %>', body: '<%~ it.debtorName %>' },
      sms: { text: '<%= it.secret %>' },
      letter: { subject: 'ok', body: 'unclosed <%= it.debtorName' },
    };
    const problems = checkTemplateContent(content);
    expect(problems.map((problem) => problem.path)).toEqual(['content.email.subject', 'content.email.body', 'content.sms.text', 'content.letter.body']);
    expect(problems[2]!.message).toContain('unknown placeholder it.secret');
    expect(checkTemplateContent({ email: { subject: 'x' } }).map((problem) => problem.path))
      .toEqual(['content.email.body', 'content.sms.text', 'content.letter.subject', 'content.letter.body']);
    expect(checkTemplateContent(null)).toEqual([{ path: 'content', message: 'must be an object with email, sms and letter' }]);
  });
});

describe('addresses per channel', () => {
  const debtor = {
    firstName: 'John', lastName: 'White', contactInformation: {
      country: 'DE', city: 'Delbrück', postalCode: 33129, addressLine1: 'Boikweg 24', houseNumber: '24A', addressLine2: 'c/o Acme',
      additionalContactInformation: [{ landLine: '+495555555555' }, { mobileNumber: '+495555555556' }, { email: 'other@example.com' }],
    },
  };
  it('reads e-mail, mobile and postal address, with the additional contacts as a second choice', () => {
    expect(addressFor('email', debtor)).toBe('other@example.com');
    expect(addressFor('sms', debtor)).toBe('+495555555556');
    expect(postalLines(debtor)).toEqual(['John White', 'Boikweg 24 24A', 'c/o Acme', '33129 Delbrück', 'DE']);
    expect(addressFor('letter', { contactInformation: { country: 'DE', addressLine1: 'Boikweg 24' } })).toBeUndefined();
    expect(addressFor('sms', { contactInformation: { country: 'DE', landLine: '+4930123' } })).toBeUndefined();
  });
});

describe('letters', () => {
  it.each(LANGUAGES)('renders a PDF in %s whose text reads back', async (language) => {
    const letter = renderChannel(shippedContent('final-notice', language), 'letter', values(language), language);
    if (!letter.ok || letter.value.channel !== 'letter') throw new Error('render refused');
    const pdf = await renderLetterPdf({
      language, sender: 'Acme Trading AB', recipientLines: ['Johanna Österberg-Whitfield', 'Boikweg 24', '33129 Delbrück', 'DE'],
      dateLine: formatDate('2026-03-10', language), subject: letter.value.subject, paragraphs: letter.value.paragraphs, createdAt: new Date('2026-03-10T09:00:00Z'),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
    const page = await document.getPage(1);
    const text = (await page.getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('Johanna Österberg-Whitfield');
    expect(text).toContain(letter.value.subject);
    expect(plain(text)).toContain(EXPECTED[language].amount);
    expect(text).toContain(formatDate('2026-03-10', language));
  });
});
