// The HTML of the Insure sign-policy page: the policy and the insured invoice with the signature form, the page after
// signing (or for a quote no longer awaiting a signature), and the page for a link that leads nowhere. Every page is
// in the language it is given (sign-texts.ts); element ids do not depend on it.
import type { FormErrors } from '../domain/connect-kyc.js';
import { formatDate, formatMoney } from '../domain/connect-locale.js';
import type { ConnectLanguage } from '../domain/connect-request.js';
import type { PolicyDocument } from '../policy.js';
import type { QuoteRow } from '../store.js';
import { escapeHtml, fieldError, page, resultPage } from './html.js';
import { policyTerms } from './policy-terms.js';
import { SIGN_PAGE_TEXTS, type SignPageTexts } from './sign-texts.js';

export interface SignFormView {
  readonly row: QuoteRow;
  readonly language: ConnectLanguage;
  readonly buyerName: string | null;
  readonly policy: PolicyDocument;
  readonly errors: FormErrors;
  /** What the form shows in its fields: the signer named by the partner, or what the seller sent. */
  readonly values: { readonly name: string; readonly email: string };
}

function invoiceSummary(view: SignFormView, t: SignPageTexts): string {
  const { row, language } = view;
  const identifier = `${row.buyerCountry} ${row.buyerIdentifier}`;
  const buyer = view.buyerName ? `${view.buyerName} (${identifier})` : identifier;
  const invoice = t.invoiceLine(formatMoney(row.invoiceAmount, row.invoiceCurrency, language), formatDate(row.invoiceDueDate, language));
  const premium = row.premiumAmount === null ? '—' : formatMoney(row.premiumAmount, row.premiumCurrency ?? row.invoiceCurrency, language);
  return [
    '<dl>',
    `<dt>${escapeHtml(t.seller)}</dt><dd id="seller">${escapeHtml(`${row.sellerCountry} ${row.sellerIdentifier}`)}</dd>`,
    `<dt>${escapeHtml(t.buyer)}</dt><dd id="buyer">${escapeHtml(buyer)}</dd>`,
    `<dt>${escapeHtml(t.invoice)}</dt><dd id="invoice">${escapeHtml(invoice)}</dd>`,
    `<dt>${escapeHtml(t.premium)}</dt><dd id="premium">${escapeHtml(premium)}</dd>`,
    '</dl>',
  ].join('');
}

function errorOf(view: SignFormView, t: SignPageTexts, name: string): string {
  const error = view.errors[name];
  return error === undefined ? '' : fieldError(name, t.errors[error]);
}

function signatureForm(view: SignFormView, t: SignPageTexts): string {
  const { name, email } = view.values;
  return [
    '<form method="post">',
    `<label>${escapeHtml(t.form.fullName)} <input type="text" name="name" required maxlength="200" value="${escapeHtml(name)}">${errorOf(view, t, 'name')}</label>`,
    `<label>${escapeHtml(t.form.email)} <input type="email" name="email" required maxlength="255" value="${escapeHtml(email)}">${errorOf(view, t, 'email')}</label>`,
    `<label><input type="checkbox" name="accept" value="yes" required> ${escapeHtml(t.form.accept)}</label>${errorOf(view, t, 'accept')}`,
    `<button type="submit">${escapeHtml(t.submit)}</button></form>`,
  ].join('');
}

/** The policy, the invoice it insures and the signature form. */
export function signFormPage(view: SignFormView): string {
  const t = SIGN_PAGE_TEXTS[view.language];
  return page(t.title, policyTerms(view.policy, view.language, t.form.policyVersion) + invoiceSummary(view, t) + signatureForm(view, t), view.language);
}

/** A quote no longer awaiting a signature: signed and active, or past signing. */
export function closedPage(row: QuoteRow, language: ConnectLanguage): string {
  const t = SIGN_PAGE_TEXTS[language];
  const result = row.status === 'cover.activated' ? t.signed : t.notSignable(row.status);
  return resultPage(t.closedTitle, result, language);
}

/** A link that names no Insure quote. */
export function notFoundPage(language: ConnectLanguage): string {
  const t = SIGN_PAGE_TEXTS[language].notFound;
  return resultPage(t.title, t.message, language);
}
