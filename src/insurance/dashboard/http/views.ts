// What the seller dashboard's templates show: every amount in its currency and every date in the page's language.
import { Eta } from 'eta';
import { fileURLToPath } from 'node:url';
import { formatDate, formatInstant, formatMoney } from '../../domain/connect-locale.js';
import { CONNECT_LANGUAGES, type ConnectLanguage } from '../../domain/connect-request.js';
import { DASHBOARD_PATH } from '../sign-in-mail.js';
import { DASHBOARD_TEXTS, type DashboardTexts, labelOf } from '../texts.js';
import type { SellerCover, SellerReceipt } from '../use-cases/read-seller-insurance.js';

export const SELLER_WEB_DIR = fileURLToPath(new URL('../../../../web/seller/', import.meta.url));
const eta = new Eta({ views: SELLER_WEB_DIR, autoEscape: true, autoTrim: false, cache: true });

export type SellerTemplate = 'sign-in' | 'message' | 'link' | 'dashboard' | 'invoice' | 'receipt';

const LANGUAGE_NAMES: Record<ConnectLanguage, string> = { en: 'English', sv: 'Svenska' };

export interface PageFrame {
  readonly lang: ConnectLanguage;
  readonly t: DashboardTexts;
  readonly title: string;
  readonly stylesheet: string;
  readonly languages: { code: ConnectLanguage; name: string; href: string; current: boolean }[];
  readonly signOut: { action: string; csrf: string; who: string } | null;
}

/** Where a page is and in which language; `explicit` keeps a language chosen in the URL on every link. */
export interface PageContext {
  readonly lang: ConnectLanguage;
  readonly explicit: boolean;
  readonly path: string;
}

export function href(page: PageContext, path: string): string {
  return page.explicit ? `${path}?lang=${page.lang}` : path;
}

export function frame(page: PageContext, title: string, signOut: PageFrame['signOut'] = null): PageFrame {
  return {
    lang: page.lang, t: DASHBOARD_TEXTS[page.lang], title, stylesheet: `${DASHBOARD_PATH}/assets/seller.css`, signOut,
    languages: CONNECT_LANGUAGES.map((code) => ({ code, name: LANGUAGE_NAMES[code], href: `${page.path}?lang=${code}`, current: code === page.lang })),
  };
}

export function renderSellerPage(template: SellerTemplate, data: { frame: PageFrame } & Record<string, unknown>): string {
  return eta.render(`./${template}`, data);
}

function money(amount: number | null, currency: string | null, lang: ConnectLanguage): string {
  return amount === null || currency === null ? '–' : formatMoney(amount, currency, lang);
}

function date(value: string | null, lang: ConnectLanguage): string {
  return value === null ? '–' : formatDate(value, lang);
}

export function invoiceName(cover: SellerCover, t: DashboardTexts): string {
  return cover.invoiceNumber ?? `${t.invoiceWithoutNumber} (${cover.id})`;
}

function buyerName(cover: SellerCover): string {
  const id = `${cover.buyerCountry} ${cover.buyerIdentifier}`;
  return cover.buyerName ? `${cover.buyerName} (${id})` : id;
}

function statusText(cover: SellerCover, t: DashboardTexts): string {
  const status = labelOf(t.statuses, cover.status);
  return cover.reason ? `${status} (${labelOf(t.reasons, cover.reason)})` : status;
}

export function coverHref(page: PageContext, cover: SellerCover): string {
  return href(page, `${DASHBOARD_PATH}/invoices/${encodeURIComponent(cover.id)}`);
}

export function receiptHref(page: PageContext, cover: SellerCover): string | null {
  return cover.product === 'connect' ? href(page, `${DASHBOARD_PATH}/invoices/${encodeURIComponent(cover.id)}/receipt`) : null;
}

export function dashboardView(page: PageContext, covers: SellerCover[]) {
  const t = DASHBOARD_TEXTS[page.lang];
  return {
    c: t.columns,
    covers: covers.map((cover) => ({
      href: coverHref(page, cover), invoice: invoiceName(cover, t), buyer: buyerName(cover),
      amount: money(cover.invoiceAmount, cover.currency, page.lang), status: statusText(cover, t),
      coverFrom: date(cover.coverFrom, page.lang), coverTo: date(cover.coverTo, page.lang),
      premium: money(cover.premium, cover.premiumCurrency, page.lang),
      receiptHref: receiptHref(page, cover), receiptLabel: `${t.columns.receipt}: ${invoiceName(cover, t)}`,
    })),
    claims: covers.filter((cover) => cover.claim !== null).map((cover) => ({
      href: coverHref(page, cover), invoice: invoiceName(cover, t), buyer: buyerName(cover),
      claimedOn: date(cover.claim?.claimedOn ?? null, page.lang), state: labelOf(t.statuses, cover.claim?.state ?? ''),
    })),
  };
}

type Fact = { label: string; value: string };

function coverageText(cover: SellerCover, t: DashboardTexts, lang: ConnectLanguage): string {
  const from = date(cover.coverFrom, lang);
  const to = date(cover.coverTo, lang);
  return cover.product === 'connect' ? t.details.coverageConnect(from, to) : t.details.coverageQuote(from, to);
}

function paymentFacts(cover: SellerCover, t: DashboardTexts, lang: ConnectLanguage): Fact[] {
  const payment = cover.payment;
  if (!payment) return [];
  return [
    { label: t.details.payment, value: `${labelOf(t.providers, payment.provider)}: ${labelOf(t.paymentStatuses, payment.status)}` },
    { label: t.details.paymentReference, value: payment.reference },
    ...(payment.dueDate ? [{ label: t.details.paymentDue, value: date(payment.dueDate, lang) }] : []),
  ];
}

export function invoiceFacts(cover: SellerCover, lang: ConnectLanguage): Fact[] {
  const t = DASHBOARD_TEXTS[lang];
  const d = t.details;
  return [
    { label: d.product, value: labelOf(t.products, cover.product) },
    { label: d.invoice, value: invoiceName(cover, t) },
    { label: d.buyer, value: buyerName(cover) },
    { label: d.amount, value: money(cover.invoiceAmount, cover.currency, lang) },
    ...(cover.issueDate ? [{ label: d.issued, value: date(cover.issueDate, lang) }] : []),
    ...(cover.dueDate ? [{ label: d.due, value: date(cover.dueDate, lang) }] : []),
    { label: d.status, value: statusText(cover, t) },
    { label: d.coverage, value: coverageText(cover, t, lang) },
    { label: d.premium, value: money(cover.premium, cover.premiumCurrency, lang) },
    ...(cover.boughtOn ? [{ label: d.bought, value: date(cover.boughtOn, lang) }] : []),
    ...paymentFacts(cover, t, lang),
    ...(cover.claim ? [
      { label: d.claim, value: labelOf(t.statuses, cover.claim.state) },
      { label: d.claimedOn, value: date(cover.claim.claimedOn, lang) },
    ] : []),
  ];
}

export function receiptView(page: PageContext, receipt: SellerReceipt, timeZone: string) {
  const t = DASHBOARD_TEXTS[page.lang];
  const { cover } = receipt;
  const d = t.details;
  return {
    sent: t.receiptSent(formatInstant(receipt.sentAt, page.lang, timeZone)),
    facts: [
      { label: d.invoice, value: invoiceName(cover, t) },
      { label: d.buyer, value: buyerName(cover) },
      { label: d.premium, value: money(cover.premium, cover.premiumCurrency, page.lang) },
      { label: d.amount, value: money(cover.invoiceAmount, cover.currency, page.lang) },
      { label: d.coverage, value: coverageText(cover, t, page.lang) },
      ...(cover.boughtOn ? [{ label: d.bought, value: date(cover.boughtOn, page.lang) }] : []),
      ...paymentFacts(cover, t, page.lang),
    ],
    emlHref: `${DASHBOARD_PATH}/invoices/${encodeURIComponent(cover.id)}/receipt.eml`,
    invoiceHref: coverHref(page, cover), invoiceLink: t.invoiceTitle(invoiceName(cover, t)),
  };
}
