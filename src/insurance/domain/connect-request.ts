// Decision: `invoice_number` is documented as required, yet the seed's own example answers `"invoice_number": null`,
// so it is accepted when absent and echoed as null (seed wins). `seller_language` falls back to English for any
// well-formed code we have no translation for (spec §4.2); issue/due dates follow the §4.2 [X] rules.
import { type MinorUnits, parseDecimalAmount } from '../../platform/money.js';
import { type BusinessDate, addDays, compareDates } from '../../platform/dates.js';
import { COUNTRY_CODES, type DiscountCode, normaliseRegistryId, resolveDiscountCode } from '../../risk/api.js';
import { type Result, err, ok } from '../../platform/result.js';
import { DRF, type FieldError, type FieldErrors, addFieldError, hasErrors } from './drf-errors.js';
import { type FieldResult, isBody, parseChar, parseChoice, parseDate, parseDecimal, parseEmail, readField } from './drf-fields.js';
import { AMOUNT_RULES, ISSUE_DATE_WINDOW_DAYS, QUOTE_CURRENCIES, type QuoteCurrency, notADictionary } from './quote-validation.js';

export const PAYMENT_TERMS = { min: 7, max: 120 } as const;
export const CONNECT_SELLER_COUNTRIES: ReadonlySet<string> = new Set(['SE']);
export const CONNECT_LANGUAGES = ['sv', 'en'] as const;
export type ConnectLanguage = (typeof CONNECT_LANGUAGES)[number];

export const CONNECT_ERRORS = {
  invalidInteger: (): FieldError => ({ message: 'A valid integer is required.', code: 'invalid' }),
  minValue: (min: number): FieldError => ({ message: `Ensure this value is greater than or equal to ${min}.`, code: 'min_value' }),
  maxValue: (max: number): FieldError => ({ message: `Ensure this value is less than or equal to ${max}.`, code: 'max_value' }),
  invalidLanguage: (): FieldError => ({ message: 'Enter a valid two-letter ISO 639-1 language code.', code: 'invalid' }),
  invalidDiscountCode: (): FieldError => ({ message: 'Invalid discount code.', code: 'invalid' }),
  issueOutsideWindow: (): FieldError => ({ message: 'Issue date must be within 15 days before or after today.', code: 'invalid' }),
  dueNotInFuture: (): FieldError => ({ message: 'Due date must be in the future.', code: 'invalid' }),
  dueBeforeIssue: (): FieldError => ({ message: 'Due date cannot be before the issue date.', code: 'invalid' }),
} as const;

export interface ConnectQuoteRequest {
  readonly sellerIdentifier: string;
  readonly sellerCountry: string;
  readonly sellerEmail: string;
  /** As sent (null when absent); `language` is what communication uses. */
  readonly sellerLanguage: string | null;
  readonly language: ConnectLanguage;
  readonly sellerFirstName: string | null;
  readonly sellerLastName: string | null;
  readonly buyerIdentifier: string;
  readonly buyerCountry: string;
  readonly invoicePaymentTerms: number;
  /** The decimal string as sent ("10000"), and the amount in minor units. */
  readonly invoiceAmountText: string;
  readonly invoiceAmount: MinorUnits;
  readonly invoiceAmountCurrency: QuoteCurrency;
  readonly invoiceNumber: string | null;
  readonly invoiceIssueDate: BusinessDate | null;
  readonly invoiceDueDate: BusinessDate | null;
  readonly discount: DiscountCode | null;
  /** The code as sent (trimmed), echoed in the response. */
  readonly discountCodeText: string | null;
  readonly invoiceReference: string | null;
}

const CURRENCY_CHOICES: ReadonlySet<string> = new Set(QUOTE_CURRENCIES);

/** DRF IntegerField: integers, or strings of one ("30", "30.0"); booleans and fractions refused. */
export function parseInteger(value: unknown, bounds: { min: number; max: number }): FieldResult<number> {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value).trim().replace(/\.0*$/, '') : '';
  if (!/^-?\d{1,15}$/.test(text)) return err(CONNECT_ERRORS.invalidInteger());
  const number = Number(text);
  if (number < bounds.min) return err(CONNECT_ERRORS.minValue(bounds.min));
  if (number > bounds.max) return err(CONNECT_ERRORS.maxValue(bounds.max));
  return ok(number);
}

function parseLanguage(value: unknown): FieldResult<string> {
  return typeof value === 'string' && /^[a-z]{2}$/.test(value) ? ok(value) : err(CONNECT_ERRORS.invalidLanguage());
}

export function communicationLanguage(sellerLanguage: string | null): ConnectLanguage {
  return (CONNECT_LANGUAGES as readonly string[]).includes(sellerLanguage ?? '') ? (sellerLanguage as ConnectLanguage) : 'en';
}

/** Validates a `POST /connect/v1/quote-requests/` body (spec §4.2) against the business date and the discount codes in force. */
export function validateConnectQuoteRequest(
  body: unknown,
  today: BusinessDate,
  discountCodes: readonly DiscountCode[],
): Result<ConnectQuoteRequest, FieldErrors> {
  if (!isBody(body)) return err(notADictionary(body));
  const errors: FieldErrors = {};
  const take = <T>(name: string, result: FieldResult<T | undefined>): T | undefined => {
    if (!result.ok) addFieldError(errors, name, result.error);
    return result.ok ? result.value : undefined;
  };
  const text = (name: string, required: boolean) => take(name, readField(body, name, required, (v) => parseChar(v)));

  const sellerIdentifier = text('seller_identifier', true);
  const sellerCountry = take('seller_country', readField(body, 'seller_country', true, (v) => parseChoice<string>(v, CONNECT_SELLER_COUNTRIES)));
  const sellerEmail = take('seller_email', readField(body, 'seller_email', true, (v) => parseEmail(v)));
  const sellerLanguage = take('seller_language', readField(body, 'seller_language', false, parseLanguage));
  const sellerFirstName = text('seller_first_name', false);
  const sellerLastName = text('seller_last_name', false);
  const buyerIdentifier = text('buyer_identifier', true);
  const buyerCountry = take('buyer_country', readField(body, 'buyer_country', true, (v) => parseChoice<string>(v, COUNTRY_CODES)));
  const terms = take('invoice_payment_terms', readField(body, 'invoice_payment_terms', true, (v) => parseInteger(v, PAYMENT_TERMS)));
  const amount = take('invoice_amount', readField(body, 'invoice_amount', true, (v) => parseDecimal(v, AMOUNT_RULES)));
  const currency = take('invoice_amount_currency', readField(body, 'invoice_amount_currency', true, (v) => parseChoice<QuoteCurrency>(v, CURRENCY_CHOICES)));
  const invoiceNumber = text('invoice_number', false);
  const issueDate = take('invoice_issue_date', readField(body, 'invoice_issue_date', false, parseDate));
  const dueDate = take('invoice_due_date', readField(body, 'invoice_due_date', false, parseDate));
  const discountText = text('discount_code', false);
  const invoiceReference = text('invoice_reference', false);

  const seller = identifierOf(errors, 'seller_identifier', sellerCountry, sellerIdentifier);
  const buyer = identifierOf(errors, 'buyer_identifier', buyerCountry, buyerIdentifier);
  checkConnectDates(errors, issueDate, dueDate, today);
  const discount = discountText === undefined ? null : resolveDiscountCode(discountCodes, discountText, today);
  if (discount && !discount.ok) addFieldError(errors, 'discount_code', CONNECT_ERRORS.invalidDiscountCode());

  if (hasErrors(errors) || !seller || !buyer || !sellerEmail || terms === undefined || !amount || !currency) return err(errors);
  return ok({
    sellerIdentifier: seller,
    sellerCountry: sellerCountry as string,
    sellerEmail,
    sellerLanguage: sellerLanguage ?? null,
    language: communicationLanguage(sellerLanguage ?? null),
    sellerFirstName: sellerFirstName ?? null,
    sellerLastName: sellerLastName ?? null,
    buyerIdentifier: buyer,
    buyerCountry: buyerCountry as string,
    invoicePaymentTerms: terms,
    invoiceAmountText: amount,
    invoiceAmount: parseDecimalAmount(amount, currency),
    invoiceAmountCurrency: currency,
    invoiceNumber: invoiceNumber ?? null,
    invoiceIssueDate: issueDate ?? null,
    invoiceDueDate: dueDate ?? null,
    discount: discount?.ok ? discount.value : null,
    discountCodeText: discount?.ok ? (discountText as string) : null,
    invoiceReference: invoiceReference ?? null,
  });
}

function identifierOf(errors: FieldErrors, field: string, country: string | undefined, identifier: string | undefined): string | undefined {
  if (country === undefined || identifier === undefined) return undefined;
  const normalised = normaliseRegistryId(country, identifier);
  if (!normalised.ok) addFieldError(errors, field, DRF.invalidOrganisationNumber());
  return normalised.ok ? normalised.value.registryId : undefined;
}

/** Optional dates: an issue date within today ±15 days (the coverage window), a due date after today and not before issue. */
function checkConnectDates(errors: FieldErrors, issueDate: BusinessDate | undefined, dueDate: BusinessDate | undefined, today: BusinessDate): void {
  if (issueDate !== undefined) {
    const tooEarly = compareDates(issueDate, addDays(today, -ISSUE_DATE_WINDOW_DAYS)) < 0;
    const tooLate = compareDates(issueDate, addDays(today, ISSUE_DATE_WINDOW_DAYS)) > 0;
    if (tooEarly || tooLate) addFieldError(errors, 'invoice_issue_date', CONNECT_ERRORS.issueOutsideWindow());
  }
  if (dueDate !== undefined && compareDates(dueDate, today) <= 0) addFieldError(errors, 'invoice_due_date', CONNECT_ERRORS.dueNotInFuture());
  if (issueDate !== undefined && dueDate !== undefined && compareDates(dueDate, issueDate) < 0) {
    addFieldError(errors, 'invoice_due_date', CONNECT_ERRORS.dueBeforeIssue());
  }
}
