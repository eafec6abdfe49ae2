// The HTML of the Connect purchase pages: the offer, then the step the seller is on (identity, policy, payment), or the
// confirmation, the expiry notice and the error pages. Plain forms that post back to the link's own URL.
import { formatDecimalAmount } from '../../platform/money.js';
import { businessDateAt } from '../../risk/business-date.js';
import type { FormErrors } from '../domain/connect-kyc.js';
import { coverWindow } from '../domain/connect-state.js';
import type { PaymentProvider } from '../payments/provider.js';
import type { PolicyDocument } from '../policy.js';
import type { PurchaseStep } from '../connect/purchase.js';
import type { ConnectPaymentRow, ConnectRequestRow } from '../connect/store.js';
import { escapeHtml, page } from './html.js';

export interface OfferView {
  readonly row: ConnectRequestRow;
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

const money = (amount: number, currency: string) => `${formatDecimalAmount(amount, currency)} ${currency}`;

function instant(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short',
  }).format(at);
}

function summary(view: OfferView): string {
  const { row } = view;
  const window = row.coverFrom && row.coverTo ? { from: row.coverFrom, to: row.coverTo } : coverWindow(businessDateAt(view.now, view.timeZone));
  const premium = row.premiumAmount === null ? '—' : money(row.premiumAmount, row.premiumCurrency ?? row.invoiceCurrency);
  return [
    '<dl id="offer">',
    `<dt>Buyer</dt><dd id="buyer-name">${escapeHtml(view.buyerName ?? `${row.buyerCountry} ${row.buyerIdentifier}`)}</dd>`,
    `<dt>Buyer identifier</dt><dd id="buyer-identifier">${escapeHtml(`${row.buyerCountry} ${row.buyerIdentifier}`)}</dd>`,
    `<dt>Insured amount</dt><dd id="invoice-amount">${escapeHtml(money(row.invoiceAmount, row.invoiceCurrency))}</dd>`,
    `<dt>Premium</dt><dd id="premium">${escapeHtml(premium)}</dd>`,
    `<dt>Covers invoices sent</dt><dd id="coverage">${escapeHtml(window.from)} to ${escapeHtml(window.to)}</dd>`,
    row.status === 'priced' && row.expiresAt
      ? `<dt>Offer valid until</dt><dd id="expires">${escapeHtml(instant(row.expiresAt, view.timeZone))}</dd>` : '',
    '</dl>',
  ].join('');
}

function steps(view: OfferView): string {
  const all: [PurchaseStep, string][] = [['kyc', 'Confirm your identity'], ['sign', 'Sign the insurance policy'], ['pay', 'Pay the premium']];
  const shown = view.newUser ? all : all.filter(([step]) => step !== 'kyc' || view.step === 'kyc');
  return `<ol class="steps">${shown.map(([step, label]) => `<li${step === view.step ? ' class="current"' : ''}>${label}</li>`).join('')}</ol>`;
}

function errorOf(view: OfferView, name: string): string {
  const message = view.errors[name];
  return message ? ` <span class="error" id="error-${name}" role="alert">${escapeHtml(message)}</span>` : '';
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

function kycForm(view: OfferView, action: string): string {
  return '<h2>Confirm your identity</h2><p>Tell us who represents the company. We use this to verify your identity before you buy.</p>'
    + form(action, 'kyc', [
      input(view, 'representative_name', 'Full name', 'text'),
      input(view, 'personal_number', 'Personal identity number (YYYYMMDD-NNNN)', 'text'),
      input(view, 'email', 'E-mail', 'email'),
      checkbox(view, 'authority', 'I am authorised to sign agreements on behalf of the company'),
    ].join(''), 'Continue');
}

function signForm(view: OfferView, action: string): string {
  const { policy } = view;
  return `<h2>Sign the insurance policy</h2><p>Policy version <strong id="policy-version">${escapeHtml(policy.version)}</strong>: ${escapeHtml(policy.title)}</p>`
    + `<section id="policy">${policy.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`
    + form(action, 'sign', [
      input(view, 'name', 'Full name', 'text', view.values.name ?? view.signer.name),
      input(view, 'email', 'E-mail', 'email', view.values.email ?? view.signer.email),
      checkbox(view, 'accept', 'I have read and accept the policy'),
    ].join(''), 'Sign the policy');
}

function payForm(view: OfferView, action: string): string {
  const options = view.providers.map((provider, index) => `<label><input type="radio" name="method" value="${escapeHtml(provider.id)}"${index === 0 ? ' checked' : ''}> `
    + `${escapeHtml(provider.label)}: ${escapeHtml(provider.description)}</label>`).join('');
  return `<h2>Pay the premium</h2>${form(action, 'pay', `<fieldset><legend>Payment method</legend>${options}${errorOf(view, 'method')}</fieldset>`, 'Buy the insurance')}`;
}

/** A priced offer on the step the seller is on. */
export function offerPage(view: OfferView, action: string): string {
  const body = view.step === 'kyc' ? kycForm(view, action) : view.step === 'sign' ? signForm(view, action) : payForm(view, action);
  return page('Insure your invoice', `<p>Credit insurance for one invoice to this buyer.</p>${summary(view)}${steps(view)}${body}`);
}

export function confirmationPage(view: OfferView): string {
  const { payment, row } = view;
  const paid = payment
    ? `<p id="payment">Payment: ${escapeHtml(money(payment.amount, payment.currency))} by ${escapeHtml(payment.provider)}, reference `
      + `<strong id="payment-reference">${escapeHtml(payment.reference)}</strong>${payment.dueDate ? `, due ${escapeHtml(payment.dueDate)}` : ''}.</p>` : '';
  const state = row.status === 'ended' ? 'This cover has ended.' : 'Your invoice is insured. A receipt has been sent to your e-mail.';
  return page('Purchase complete', `<p id="result">${escapeHtml(state)}</p>${summary(view)}${paid}`);
}

export function expiredPage(view: OfferView): string {
  return page('This offer has expired', `<p id="result">This offer has expired: it could be bought within 24 hours of the e-mail. `
    + 'Ask for a new quote to insure this invoice.</p>' + summary(view));
}

export const notFoundPage = page('Offer not found', '<p id="result">This link is not valid. Check that you copied the whole link from the e-mail.</p>');
export const crossSitePage = page('Request refused', '<p id="result">This form can only be sent from its own page. Open the link from the e-mail again.</p>');
export const failurePage = page('Something went wrong', '<p id="result">We could not complete this step. Please try again in a moment.</p>');
