// Decision: `invoice_number` is documented as required, yet the seed's own example answers `"invoice_number": null`,
// so it is accepted when absent and echoed as null (seed wins). `seller_language` falls back to English for any
// well-formed code we have no translation for (spec §4.2); issue/due dates follow the §4.2 [X] rules.
import { parseDecimalAmount } from '../../platform/money.js';
import type { BusinessDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import { COUNTRY_CODES, type DiscountCode, normaliseRegistryId, resolveDiscountCode } from '../../risk/api.js';
import {
  CONNECT_SELLER_COUNTRIES, type ConnectQuoteRequest, PAYMENT_TERMS, communicationLanguage,
} from '../domain/connect-request.js';
import { QUOTE_CURRENCIES, type QuoteCurrency } from '../domain/quote-request.js';
import { DRF, type FieldError, type FieldErrors, addFieldError, hasErrors } from './drf-errors.js';
import { decimalAsSent, type FieldResult, isBody, parseChar, parseChoice, parseDate, parseDecimal, parseEmail, readField } from './drf-fields.js';
import { AMOUNT_RULES, checkInvoiceDates, notADictionary } from './quote-body.js';

export const CONNECT_ERRORS = {
  invalidInteger: (): FieldError => ({ message: 'A valid integer is required.', code: 'invalid' }),
  minValue: (min: number): FieldError => ({ message: `Ensure this value is greater than or equal to ${min}.`, code: 'min_value' }),
  maxValue: (max: number): FieldError => ({ message: `Ensure this value is less than or equal to ${max}.`, code: 'max_value' }),
  invalidLanguage: (): FieldError => ({ message: 'Enter a valid two-letter ISO 639-1 language code.', code: 'invalid' }),
  invalidDiscountCode: (): FieldError => ({ message: 'Invalid discount code.', code: 'invalid' }),
} as const;

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
  checkInvoiceDates(errors, { issueDate, dueDate, today }, false);
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
    invoiceAmountText: decimalAsSent(body.invoice_amount),
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
