// The HTML of the Connect purchase pages: the offer, then the step the seller is on (identity, policy, payment), or the
// confirmation, the expiry notice and the error pages. Plain forms that post back to the link's own URL. Every page is
// in the request's language (purchase-texts.ts); element ids do not depend on it.
import { businessDateAt } from '../../platform/dates.js';
import type { FormErrors } from '../domain/connect-kyc.js';
import { formatDate, formatInstant, formatMoney } from '../domain/connect-locale.js';
import type { ConnectLanguage } from '../domain/connect-request.js';
import { coverWindow } from '../domain/connect-state.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { PolicyDocument } from '../policy.js';
import type { PurchaseStep } from '../use-cases/connect/open-purchase.js';
import type { ConnectPaymentRow, ConnectRequestRow } from '../connect/store.js';
import { escapeHtml, fieldError, page, resultPage } from './html.js';
import { policyTerms } from './policy-terms.js';
import { PURCHASE_TEXTS, type PurchaseTexts } from './purchase-texts.js';

export interface OfferView {
  readonly row: ConnectRequestRow;
  readonly language: ConnectLanguage;
  readonly buyerName: string | null;
  readonly now: Date;
  readonly timeZone: string;
  readonly step: PurchaseStep | null;
  readonly newUser: boolean;
  readonly policy: PolicyDocument;
  readonly providers: readonly PaymentProvider[];
  readonly payment: ConnectPaymentRow | null;
  /** Prefill of the signature form (the representative confirmed in the identity step). */
  readonly signer: { name: string; email: string };
  readonly errors: FormErrors;
  readonly values: Record<string, string>;
}

const textsOf = (view: OfferView): PurchaseTexts => PURCHASE_TEXTS[view.language];

function summary(view: OfferView): string {
  const { row, language } = view;
  const t = textsOf(view).summary;
  const money = (amount: number, currency: string) => escapeHtml(formatMoney(amount, currency, language));
  const window = row.coverFrom && row.coverTo ? { from: row.coverFrom, to: row.coverTo } : coverWindow(businessDateAt(view.now, view.timeZone));
  const premium = row.premiumAmount === null ? '—' : money(row.premiumAmount, row.premiumCurrency ?? row.invoiceCurrency);
  const identifier = escapeHtml(`${row.buyerCountry} ${row.buyerIdentifier}`);
  return [
    '<dl id="offer">',
    `<dt>${escapeHtml(t.buyer)}</dt><dd id="buyer-name">${view.buyerName === null ? identifier : escapeHtml(view.buyerName)}</dd>`,
    `<dt>${escapeHtml(t.buyerIdentifier)}</dt><dd id="buyer-identifier">${identifier}</dd>`,
    `<dt>${escapeHtml(t.insuredAmount)}</dt><dd id="invoice-amount">${money(row.invoiceAmount, row.invoiceCurrency)}</dd>`,
    `<dt>${escapeHtml(t.premium)}</dt><dd id="premium">${premium}</dd>`,
    `<dt>${escapeHtml(t.coverage)}</dt><dd id="coverage">${escapeHtml(t.coverageWindow(formatDate(window.from, language), formatDate(window.to, language)))}</dd>`,
    row.status === 'priced' && row.expiresAt
      ? `<dt>${escapeHtml(t.validUntil)}</dt><dd id="expires">${escapeHtml(formatInstant(row.expiresAt, language, view.timeZone))}</dd>` : '',
    '</dl>',
  ].join('');
}

function steps(view: OfferView): string {
  const all: PurchaseStep[] = ['kyc', 'sign', 'pay'];
  const shown = view.newUser ? all : all.filter((step) => step !== 'kyc' || view.step === 'kyc');
  const labels = textsOf(view).steps;
  return `<ol class="steps">${shown.map((step) => `<li${step === view.step ? ' class="current"' : ''}>${escapeHtml(labels[step])}</li>`).join('')}</ol>`;
}

function errorOf(view: OfferView, name: string): string {
  const error = view.errors[name];
  return error === undefined ? '' : fieldError(name, textsOf(view).errors[error]);
}

function input(view: OfferView, name: string, label: string, type: 'text' | 'email', value = view.values[name] ?? ''): string {
  return `<label>${escapeHtml(label)} <input type="${type}" name="${name}" maxlength="255" value="${escapeHtml(value)}">${errorOf(view, name)}</label>`;
}

function checkbox(view: OfferView, name: string, label: string): string {
  return `<label><input type="checkbox" name="${name}" value="yes"> ${escapeHtml(label)}</label>${errorOf(view, name)}`;
}

function form(action: string, step: PurchaseStep, fields: string, button: string): string {
  return `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="step" value="${step}">${fields}<button type="submit">${escapeHtml(button)}</button></form>`;
}

function heading(view: OfferView, step: PurchaseStep): string {
  return `<h2>${escapeHtml(textsOf(view).steps[step])}</h2>`;
}

function kycForm(view: OfferView, action: string): string {
  const t = textsOf(view).kyc;
  return `${heading(view, 'kyc')}<p>${escapeHtml(t.intro)}</p>`
    + form(action, 'kyc', [
      input(view, 'representative_name', t.fullName, 'text'),
      input(view, 'personal_number', t.personalNumber, 'text'),
      input(view, 'email', t.email, 'email'),
      checkbox(view, 'authority', t.authority),
    ].join(''), t.submit);
}

function signForm(view: OfferView, action: string): string {
  const t = textsOf(view).sign;
  return heading(view, 'sign') + policyTerms(view.policy, view.language, t.policyVersion)
    + form(action, 'sign', [
      input(view, 'name', t.fullName, 'text', view.values.name ?? view.signer.name),
      input(view, 'email', t.email, 'email', view.values.email ?? view.signer.email),
      checkbox(view, 'accept', t.accept),
    ].join(''), t.submit);
}

function payForm(view: OfferView, action: string): string {
  const t = textsOf(view).pay;
  const options = view.providers.map((provider, index) => {
    const method = provider.texts[view.language];
    return `<label><input type="radio" name="method" value="${escapeHtml(provider.id)}"${index === 0 ? ' checked' : ''}> `
      + `${escapeHtml(method.label)}: ${escapeHtml(method.description)}</label>`;
  }).join('');
  return heading(view, 'pay') + form(action, 'pay', `<fieldset><legend>${escapeHtml(t.method)}</legend>${options}${errorOf(view, 'method')}</fieldset>`, t.submit);
}

/** A priced offer on the step the seller is on. */
export function offerPage(view: OfferView, action: string): string {
  const t = textsOf(view);
  const body = view.step === 'kyc' ? kycForm(view, action) : view.step === 'sign' ? signForm(view, action) : payForm(view, action);
  return page(t.offerTitle, `<p>${escapeHtml(t.offerIntro)}</p>${summary(view)}${steps(view)}${body}`, view.language);
}

function paymentLine(view: OfferView, payment: ConnectPaymentRow): string {
  const t = textsOf(view).confirmation;
  const method = view.providers.find((provider) => provider.id === payment.provider)?.texts[view.language].label ?? payment.provider;
  const due = payment.dueDate ? `, ${escapeHtml(t.due(formatDate(payment.dueDate, view.language)))}` : '';
  return `<p id="payment">${escapeHtml(t.payment(formatMoney(payment.amount, payment.currency, view.language), method))}, `
    + `${escapeHtml(t.reference)} <strong id="payment-reference">${escapeHtml(payment.reference)}</strong>${due}.</p>`;
}

export function confirmationPage(view: OfferView): string {
  const t = textsOf(view).confirmation;
  const state = view.row.status === 'ended' ? t.ended : t.insured;
  const paid = view.payment ? paymentLine(view, view.payment) : '';
  return resultPage(t.title, state, view.language, `${summary(view)}${paid}`);
}

export function expiredPage(view: OfferView): string {
  const t = textsOf(view).expired;
  return resultPage(t.title, t.message, view.language, summary(view));
}

type Notice = 'notFound' | 'crossSite' | 'failure';

/** A page that only says what happened: a link that leads nowhere, a refused cross-site post, a failure. */
export function noticePage(notice: Notice, language: ConnectLanguage): string {
  const t = PURCHASE_TEXTS[language][notice];
  return resultPage(t.title, t.message, language);
}
