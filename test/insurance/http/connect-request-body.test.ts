import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { communicationLanguage } from '../../../src/insurance/domain/connect-request.js';
import { parseInteger, validateConnectQuoteRequest } from '../../../src/insurance/http/connect-request-body.js';
import type { DiscountCode } from '../../../src/risk/domain/discounts.js';

const TODAY = '2018-05-01';
const CODES: DiscountCode[] = [{ code: 'WELCOME10', percent: '10' }, { code: 'OLD', percent: '5', validUntil: '2018-04-30' }];

/** The request behind the seed's POST example (spec §4.3). */
const seedBody = {
  seller_identifier: '5591293013', seller_country: 'SE', seller_email: 'hello@credable.se', seller_language: 'sv',
  seller_first_name: 'Hello', seller_last_name: 'Credable', buyer_identifier: '5567104046', buyer_country: 'SE',
  invoice_amount: '10000', invoice_amount_currency: 'SEK', invoice_payment_terms: 30,
  invoice_issue_date: '2018-05-01', invoice_due_date: '2018-07-01',
};

const errorsOf = (body: unknown) => {
  const result = validateConnectQuoteRequest(body, TODAY, CODES);
  if (result.ok) throw new Error('expected errors');
  return result.error;
};

describe('Connect quote request validation (spec §4.2)', () => {
  it('accepts the seed example', () => {
    const result = validateConnectQuoteRequest(seedBody, TODAY, CODES);
    expect(result).toMatchObject({
      ok: true,
      value: {
        sellerIdentifier: '5591293013', language: 'sv', invoiceAmount: 1_000_000, invoiceAmountText: '10000', invoiceNumber: null,
        invoicePaymentTerms: 30, discount: null, invoiceIssueDate: '2018-05-01', invoiceDueDate: '2018-07-01',
      },
    });
  });

  it('answers the seed\'s verbatim error for a missing seller identifier', () => {
    const { seller_identifier: _omitted, ...body } = seedBody;
    expect(errorsOf(body)).toEqual({ seller_identifier: [{ message: 'This field is required.', code: 'required' }] });
  });

  it('requires every mandatory field', () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(
      ['buyer_country', 'buyer_identifier', 'invoice_amount', 'invoice_amount_currency', 'invoice_payment_terms', 'seller_country', 'seller_email', 'seller_identifier'].sort(),
    );
    expect(errorsOf([])).toEqual({ non_field_errors: [{ message: 'Invalid data. Expected a dictionary, but got list.', code: 'invalid' }] });
  });

  it('payment terms: whole days from 7 to 120', () => {
    const terms = (value: unknown) => validateConnectQuoteRequest({ ...seedBody, invoice_payment_terms: value }, TODAY, CODES);
    expect(terms(7).ok).toBe(true);
    expect(terms(120).ok).toBe(true);
    expect(terms('30').ok).toBe(true);
    expect(errorsOf({ ...seedBody, invoice_payment_terms: 6 }).invoice_payment_terms).toEqual([{ message: 'Ensure this value is greater than or equal to 7.', code: 'min_value' }]);
    expect(errorsOf({ ...seedBody, invoice_payment_terms: 121 }).invoice_payment_terms).toEqual([{ message: 'Ensure this value is less than or equal to 120.', code: 'max_value' }]);
    for (const bad of [30.5, true, 'thirty', '']) expect(errorsOf({ ...seedBody, invoice_payment_terms: bad }).invoice_payment_terms?.[0]?.code).toBe('invalid');
  });

  it('only Swedish sellers; any buyer country with a valid identifier', () => {
    expect(errorsOf({ ...seedBody, seller_country: 'NO' }).seller_country).toEqual([{ message: '"NO" is not a valid choice.', code: 'invalid_choice' }]);
    expect(errorsOf({ ...seedBody, seller_identifier: '5591293014' }).seller_identifier?.[0]?.code).toBe('invalid');
    expect(validateConnectQuoteRequest({ ...seedBody, seller_identifier: '559129-3013' }, TODAY, CODES)).toMatchObject({ ok: true, value: { sellerIdentifier: '5591293013' } });
    expect(errorsOf({ ...seedBody, buyer_country: 'se' }).buyer_country?.[0]?.code).toBe('invalid_choice');
  });

  it('amount greater than 1.0 with at most two decimals, in a supported currency', () => {
    expect(errorsOf({ ...seedBody, invoice_amount: '1.0' }).invoice_amount?.[0]?.code).toBe('min_value');
    expect(validateConnectQuoteRequest({ ...seedBody, invoice_amount: '1.01' }, TODAY, CODES).ok).toBe(true);
    expect(errorsOf({ ...seedBody, invoice_amount: '10.001' }).invoice_amount?.[0]?.code).toBe('max_decimal_places');
    expect(errorsOf({ ...seedBody, invoice_amount_currency: 'USD' }).invoice_amount_currency?.[0]?.code).toBe('invalid_choice');
  });

  it('e-mail and language', () => {
    expect(errorsOf({ ...seedBody, seller_email: 'not-an-address' }).seller_email).toEqual([{ message: 'Enter a valid email address.', code: 'invalid' }]);
    expect(errorsOf({ ...seedBody, seller_language: 'SV' }).seller_language?.[0]?.code).toBe('invalid');
    expect(validateConnectQuoteRequest({ ...seedBody, seller_language: 'de' }, TODAY, CODES)).toMatchObject({ ok: true, value: { sellerLanguage: 'de', language: 'en' } });
    expect(communicationLanguage(null)).toBe('en');
  });

  it('optional dates: issue within ±15 days, due in the future and not before issue', () => {
    expect(validateConnectQuoteRequest({ ...seedBody, invoice_issue_date: '2018-04-16' }, TODAY, CODES).ok).toBe(true);
    expect(errorsOf({ ...seedBody, invoice_issue_date: '2018-04-15' }).invoice_issue_date?.[0]?.code).toBe('invalid');
    expect(validateConnectQuoteRequest({ ...seedBody, invoice_issue_date: '2018-05-16', invoice_due_date: '2018-06-01' }, TODAY, CODES).ok).toBe(true);
    expect(errorsOf({ ...seedBody, invoice_issue_date: '2018-05-17' }).invoice_issue_date).toBeDefined();
    expect(errorsOf({ ...seedBody, invoice_due_date: '2018-05-01' }).invoice_due_date?.[0]?.message).toBe('Due date must be in the future.');
    expect(errorsOf({ ...seedBody, invoice_issue_date: '2018-05-10', invoice_due_date: '2018-05-05' }).invoice_due_date?.[0]?.message).toBe('Due date cannot be before the issue date.');
    const { invoice_issue_date: _i, invoice_due_date: _d, ...withoutDates } = seedBody;
    expect(validateConnectQuoteRequest(withoutDates, TODAY, CODES)).toMatchObject({ ok: true, value: { invoiceIssueDate: null, invoiceDueDate: null } });
  });

  it('discount codes in force only', () => {
    expect(validateConnectQuoteRequest({ ...seedBody, discount_code: 'welcome10' }, TODAY, CODES)).toMatchObject({ ok: true, value: { discount: { code: 'WELCOME10' } } });
    expect(errorsOf({ ...seedBody, discount_code: 'NOPE' }).discount_code).toEqual([{ message: 'Invalid discount code.', code: 'invalid' }]);
    expect(errorsOf({ ...seedBody, discount_code: 'OLD' }).discount_code).toBeDefined();
  });

  it('never throws, whatever the body', () => {
    fc.assert(fc.property(fc.jsonValue(), (body) => {
      validateConnectQuoteRequest(body, TODAY, CODES);
      validateConnectQuoteRequest({ ...seedBody, ...(typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) }, TODAY, CODES);
    }));
    expect(parseInteger(Number.MAX_SAFE_INTEGER * 10, { min: 0, max: 10 }).ok).toBe(false);
  });
});
