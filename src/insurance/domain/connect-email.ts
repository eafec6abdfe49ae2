// Decision: money and the link's expiry are written the seller's way (connect-locale.ts); an unknown buyer is named by
// its identifier (spec §4.1 [X]).
import type { MinorUnits } from '../../platform/money.js';
import { formatDate, formatInstant, formatMoney } from './connect-locale.js';
import type { ConnectLanguage } from './connect-request.js';

export interface QuoteEmailInput {
  language: ConnectLanguage;
  sellerFirstName: string | null;
  buyerName: string | null;
  buyerIdentifier: string;
  buyerCountry: string;
  invoiceAmount: MinorUnits;
  premium: MinorUnits;
  currency: string;
  purchaseUrl: string;
  expiresAt: Date;
  timeZone: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const QUOTE_TEXTS = {
  sv: {
    subject: (buyer: string) => `Kreditförsäkring för din faktura till ${buyer}`,
    greeting: (name: string | null) => (name ? `Hej ${name}!` : 'Hej!'),
    intro: 'Du kan försäkra din faktura mot att kunden inte betalar.',
    buyer: 'Kund',
    identifier: 'Organisationsnummer',
    invoice: 'Fakturabelopp',
    premium: 'Pris för försäkringen',
    action: 'Köp försäkringen',
    validity: (until: string) => `Länken gäller till ${until}.`,
    coverage: 'Försäkringen gäller fakturor till kunden som skickas från 15 dagar före till 15 dagar efter köpet, upp till fakturabeloppet.',
  },
  en: {
    subject: (buyer: string) => `Credit insurance for your invoice to ${buyer}`,
    greeting: (name: string | null) => (name ? `Hi ${name},` : 'Hi,'),
    intro: 'You can insure your invoice against your customer not paying.',
    buyer: 'Customer',
    identifier: 'Company registration number',
    invoice: 'Invoice amount',
    premium: 'Insurance price',
    action: 'Buy the insurance',
    validity: (until: string) => `The link is valid until ${until}.`,
    coverage: 'The insurance covers invoices to this customer sent from 15 days before to 15 days after the purchase, up to the invoice amount.',
  },
} as const;

/** The quote e-mail of spec §4.1: buyer name and identifier, premium, and a purchase link valid 24 hours. */
export function renderQuoteEmail(input: QuoteEmailInput): RenderedEmail {
  const t = QUOTE_TEXTS[input.language];
  const buyer = input.buyerName ?? `${input.buyerCountry} ${input.buyerIdentifier}`;
  const rows: [string, string][] = [
    [t.buyer, buyer],
    [t.identifier, `${input.buyerCountry} ${input.buyerIdentifier}`],
    [t.invoice, formatMoney(input.invoiceAmount, input.currency, input.language)],
    [t.premium, formatMoney(input.premium, input.currency, input.language)],
  ];
  const validity = t.validity(formatInstant(input.expiresAt, input.language, input.timeZone));
  const text = [
    t.greeting(input.sellerFirstName),
    '',
    t.intro,
    '',
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    `${t.action}: ${input.purchaseUrl}`,
    validity,
    '',
    t.coverage,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(t.greeting(input.sellerFirstName))}</p>`,
    `<p>${escapeHtml(t.intro)}</p>`,
    '<table>',
    ...rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(input.purchaseUrl)}">${escapeHtml(t.action)}</a></p>`,
    `<p>${escapeHtml(validity)}</p>`,
    `<p>${escapeHtml(t.coverage)}</p>`,
  ].join('\n');
  return { subject: t.subject(buyer), text, html };
}

export interface ReceiptEmailInput {
  language: ConnectLanguage;
  sellerFirstName: string | null;
  buyerName: string | null;
  buyerIdentifier: string;
  buyerCountry: string;
  premium: MinorUnits;
  currency: string;
  coverFrom: string;
  coverTo: string;
  coverLimit: MinorUnits;
}

const RECEIPT_TEXTS = {
  sv: {
    subject: 'Kvitto: din kreditförsäkring',
    thanks: 'Tack för ditt köp. Din faktura är nu försäkrad.',
    paid: 'Betalt',
    limit: 'Försäkrat belopp',
    window: (from: string, to: string) => `Gäller fakturor till kunden skickade ${from} – ${to}.`,
  },
  en: {
    subject: 'Receipt: your credit insurance',
    thanks: 'Thank you for your purchase. Your invoice is now insured.',
    paid: 'Paid',
    limit: 'Insured amount',
    window: (from: string, to: string) => `Covers invoices to this customer sent ${from} to ${to}.`,
  },
} as const;

/** The receipt after a Connect purchase (spec §4.1 step 4), stating the coverage window of ±15 days. */
export function renderReceiptEmail(input: ReceiptEmailInput): RenderedEmail {
  const t = RECEIPT_TEXTS[input.language];
  const greeting = QUOTE_TEXTS[input.language].greeting(input.sellerFirstName);
  const buyer = input.buyerName ?? `${input.buyerCountry} ${input.buyerIdentifier}`;
  const lines = [
    `${QUOTE_TEXTS[input.language].buyer}: ${buyer} (${input.buyerCountry} ${input.buyerIdentifier})`,
    `${t.paid}: ${formatMoney(input.premium, input.currency, input.language)}`,
    `${t.limit}: ${formatMoney(input.coverLimit, input.currency, input.language)}`,
    t.window(formatDate(input.coverFrom, input.language), formatDate(input.coverTo, input.language)),
  ];
  return {
    subject: t.subject,
    text: [greeting, '', t.thanks, '', ...lines].join('\n'),
    html: [`<p>${escapeHtml(greeting)}</p>`, `<p>${escapeHtml(t.thanks)}</p>`, ...lines.map((line) => `<p>${escapeHtml(line)}</p>`)].join('\n'),
  };
}
