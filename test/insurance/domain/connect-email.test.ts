import { describe, expect, it } from 'vitest';
import { escapeHtml, renderQuoteEmail, renderReceiptEmail } from '../../../src/insurance/domain/connect-email.js';

const base = {
  sellerFirstName: 'Hello',
  buyerName: 'Demo Bygg AB',
  buyerIdentifier: '5567104046',
  buyerCountry: 'SE',
  invoiceAmount: 1_001_000,
  premium: 14_500,
  currency: 'SEK',
  purchaseUrl: 'https://tc.example/connect/purchase/abc?token=x&y=1',
  expiresAt: new Date('2018-05-02T10:00:00Z'),
  timeZone: 'Europe/Stockholm',
};

describe('Connect e-mails', () => {
  it('the Swedish quote e-mail names the buyer, its identifier, the premium and the link with its expiry', () => {
    const mail = renderQuoteEmail({ ...base, language: 'sv' });
    expect(mail.subject).toBe('Kreditförsäkring för din faktura till Demo Bygg AB');
    expect(mail.text).toContain('Hej Hello!');
    expect(mail.text).toContain('Organisationsnummer: SE 5567104046');
    expect(mail.text).toContain('Pris för försäkringen: 145,00 kr');
    expect(mail.text).toContain(`Köp försäkringen: ${base.purchaseUrl}`);
    expect(mail.text).toContain('12:00');
    expect(mail.html).toContain('href="https://tc.example/connect/purchase/abc?token=x&amp;y=1"');
  });

  it('the English e-mail, and an unknown buyer named by its identifier', () => {
    const mail = renderQuoteEmail({ ...base, language: 'en', buyerName: null, sellerFirstName: null });
    expect(mail.subject).toBe('Credit insurance for your invoice to SE 5567104046');
    expect(mail.text.startsWith('Hi,')).toBe(true);
    expect(mail.text).toContain('Insurance price: SEK 145.00');
  });

  it('escapes what it puts into HTML', () => {
    expect(escapeHtml(`<b>"A&B's"</b>`)).toBe('&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;');
    const mail = renderQuoteEmail({ ...base, language: 'en', buyerName: '<script>x</script>' });
    expect(mail.html).not.toContain('<script>');
  });

  it('the receipt states what is paid and the coverage window', () => {
    const mail = renderReceiptEmail({ ...base, language: 'sv', coverFrom: '2018-04-16', coverTo: '2018-05-16', coverLimit: 1_001_000 });
    expect(mail.subject).toBe('Kvitto: din kreditförsäkring');
    expect(mail.text).toContain('Betalt: 145,00 kr');
    expect(mail.text).toContain('Gäller fakturor till kunden skickade 16 april 2018 – 16 maj 2018.');
    const english = renderReceiptEmail({ ...base, language: 'en', coverFrom: '2018-04-16', coverTo: '2018-05-16', coverLimit: 1_001_000 });
    expect(english.text).toContain('Covers invoices to this customer sent 16 April 2018 to 16 May 2018.');
  });
});
