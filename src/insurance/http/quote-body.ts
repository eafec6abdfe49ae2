// Decision: field checks run first in the spec's field order; an identifier is checked against its country and a date
// rule runs only when every field it involves parsed (spec §8). Amounts allow at most 14 digits (12 before the point).
import { parseDecimalAmount } from '../../platform/money.js';
import type { BusinessDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import { COUNTRY_CODES, normaliseRegistryId } from '../../risk/api.js';
import {
  type InvoiceDateRule, type InvoiceDates, type PartyIdentity, QUOTE_CURRENCIES, type QuoteCurrency, type QuoteRequest,
  invoiceDateViolations,
} from '../domain/quote-request.js';
import { type QuoteStatus, isTerminal } from '../domain/quote-state.js';
import { DRF, type FieldError, type FieldErrors, NON_FIELD_ERRORS, addFieldError, hasErrors } from './drf-errors.js';
import {
  decimalAsSent, type FieldResult, isBody, parseChar, parseChoice, parseDate, parseDecimal, pythonTypeName, readField,
} from './drf-fields.js';

export const AMOUNT_RULES = { maxDigits: 14, decimalPlaces: 2, greaterThan: '1.0' } as const;

/** The Credable wording of each invoice-date rule (spec §5.3). */
export const DATE_RULE_ERRORS = {
  issueOutsideWindow: { message: 'Issue date must be within 15 days before or after today.', code: 'invalid' },
  dueNotInFuture: { message: 'Due date must be in the future.', code: 'invalid' },
  dueTooFarFromIssue: { message: 'Due date cannot be more than 180 days after the issue date.', code: 'invalid' },
  dueBeforeIssue: { message: 'Due date cannot be before the issue date.', code: 'invalid' },
} as const satisfies Record<string, FieldError>;

const DATE_RULE_KEYS: Readonly<Record<InvoiceDateRule, keyof typeof DATE_RULE_ERRORS>> = {
  issue_outside_window: 'issueOutsideWindow',
  due_not_in_future: 'dueNotInFuture',
  due_too_far_from_issue: 'dueTooFarFromIssue',
  due_before_issue: 'dueBeforeIssue',
};

export const DUPLICATE_INVOICE_ERROR: FieldError = {
  message: 'An active quote already exists for this invoice.', code: 'unique',
};

const CURRENCY_CHOICES: ReadonlySet<string> = new Set(QUOTE_CURRENCIES);

/** Validates a `POST /quotes/` body (Reinsure and Insure, spec §5.2-5.3) against the business date `today`. */
export function validateQuoteRequest(body: unknown, today: BusinessDate): Result<QuoteRequest, FieldErrors> {
  if (!isBody(body)) return err(notADictionary(body));
  const errors: FieldErrors = {};
  const take = <T>(name: string, result: FieldResult<T | undefined>): T | undefined => {
    if (!result.ok) addFieldError(errors, name, result.error);
    return result.ok ? result.value : undefined;
  };
  const text = (name: string): string | undefined => take(name, readField(body, name, true, (v) => parseChar(v)));
  const country = (name: string): string | undefined =>
    take(name, readField(body, name, true, (v) => parseChoice<string>(v, COUNTRY_CODES)));

  const userReference = text('user_reference');
  const sellerReference = text('seller_reference');
  const sellerIdentifier = text('seller_identifier');
  const sellerCountry = country('seller_country');
  const buyerReference = text('buyer_reference');
  const buyerIdentifier = text('buyer_identifier');
  const buyerCountry = country('buyer_country');
  const invoiceReference = text('invoice_reference');
  const amount = take('invoice_amount', readField(body, 'invoice_amount', true, (v) => parseDecimal(v, AMOUNT_RULES)));
  const currency = take('invoice_amount_currency',
    readField(body, 'invoice_amount_currency', true, (v) => parseChoice<QuoteCurrency>(v, CURRENCY_CHOICES)));
  const issueDate = take('invoice_issue_date', readField(body, 'invoice_issue_date', true, parseDate));
  const dueDate = take('invoice_due_date', readField(body, 'invoice_due_date', true, parseDate));

  const seller = checkIdentifier(errors, 'seller_identifier', sellerCountry, sellerIdentifier);
  const buyer = checkIdentifier(errors, 'buyer_identifier', buyerCountry, buyerIdentifier);
  checkInvoiceDates(errors, { issueDate, dueDate, today });

  if (hasErrors(errors) || !seller || !buyer || !userReference || !sellerReference || !buyerReference
    || !invoiceReference || !amount || !currency || !issueDate || !dueDate) {
    return err(orderedLikeTheSpec(errors));
  }
  return ok({
    userReference, sellerReference, seller, buyerReference, buyer, invoiceReference,
    invoiceAmountText: decimalAsSent(body.invoice_amount), invoiceAmount: parseDecimalAmount(amount, currency), invoiceAmountCurrency: currency,
    invoiceIssueDate: issueDate, invoiceDueDate: dueDate,
  });
}

const FIELD_ORDER = [
  'user_reference', 'seller_reference', 'seller_identifier', 'seller_country', 'buyer_reference', 'buyer_identifier',
  'buyer_country', 'invoice_reference', 'invoice_amount', 'invoice_amount_currency', 'invoice_issue_date',
  'invoice_due_date',
] as const;

/** Error keys appear in the body's declared field order, like DRF's OrderedDict. */
function orderedLikeTheSpec(errors: FieldErrors): FieldErrors {
  const ordered: FieldErrors = {};
  for (const field of FIELD_ORDER) if (errors[field]) ordered[field] = errors[field];
  for (const [field, list] of Object.entries(errors)) ordered[field] ??= list;
  return ordered;
}

export function notADictionary(body: unknown): FieldErrors {
  return { [NON_FIELD_ERRORS]: [body === null ? DRF.null() : DRF.notADictionary(pythonTypeName(body))] };
}

function checkIdentifier(
  errors: FieldErrors,
  field: string,
  country: string | undefined,
  identifier: string | undefined,
): PartyIdentity | undefined {
  if (country === undefined || identifier === undefined) return undefined;
  const normalised = normaliseRegistryId(country, identifier);
  if (!normalised.ok) addFieldError(errors, field, DRF.invalidOrganisationNumber());
  return normalised.ok ? normalised.value : undefined;
}

/** Rules I, D1, D2 and D3 of spec §5.3, in Credable's words. */
export function checkInvoiceDates(errors: FieldErrors, dates: InvoiceDates, limitDaysToDue = true): void {
  for (const { field, rule } of invoiceDateViolations(dates, limitDaysToDue)) addFieldError(errors, field, DATE_RULE_ERRORS[DATE_RULE_KEYS[rule]]);
}

/** Rule U: the client may not hold two live quotes for one `invoice_reference`; re-quoting after an end state is fine. */
export function checkInvoiceReferenceUnique(existingStatuses: readonly QuoteStatus[]): FieldErrors | null {
  const live = existingStatuses.some((status) => !isTerminal(status));
  return live ? { invoice_reference: [DUPLICATE_INVOICE_ERROR] } : null;
}
