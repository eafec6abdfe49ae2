import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DATE_RULE_ERRORS, checkInvoiceReferenceUnique, validateQuoteRequest,
} from '../../../src/insurance/http/quote-body.js';
import { QUOTE_STATUSES, type QuoteStatus, isTerminal } from '../../../src/insurance/domain/quote-state.js';

const TODAY = '2018-06-20';

/** The seed's create body [S L524-546]. */
const seedBody = {
  user_reference: 'd8f82lfli8wd',
  seller_reference: 'g7j19xz48a6dAM',
  seller_identifier: '5567549125',
  seller_country: 'SE',
  buyer_reference: '123kfl3kjfl23',
  buyer_identifier: '5567104046',
  buyer_country: 'SE',
  invoice_reference: 'ABC123',
  invoice_amount: '10010.00',
  invoice_amount_currency: 'SEK',
  invoice_issue_date: '2018-06-20',
  invoice_due_date: '2018-07-20',
};

const errorsFor = (changes: Record<string, unknown>, today = TODAY) => {
  const result = validateQuoteRequest({ ...seedBody, ...changes }, today);
  return result.ok ? {} : result.error;
};
const without = (field: string) => Object.fromEntries(Object.entries(seedBody).filter(([key]) => key !== field));
const single = (message: string, code: string) => [{ message, code }];

describe('POST /quotes/ body', () => {
  it('accepts the seed example and normalises it', () => {
    expect(validateQuoteRequest(seedBody, TODAY)).toEqual({
      ok: true,
      value: {
        userReference: 'd8f82lfli8wd', sellerReference: 'g7j19xz48a6dAM',
        seller: { country: 'SE', registryId: '5567549125' }, buyerReference: '123kfl3kjfl23',
        buyer: { country: 'SE', registryId: '5567104046' }, invoiceReference: 'ABC123',
        invoiceAmountText: '10010.00', invoiceAmount: 1_001_000, invoiceAmountCurrency: 'SEK', invoiceIssueDate: '2018-06-20', invoiceDueDate: '2018-07-20',
      },
    });
  });

  it('reproduces the seed error body for a missing buyer_identifier', () => {
    const result = validateQuoteRequest(without('buyer_identifier'), TODAY);
    expect(JSON.stringify(result.ok ? null : result.error))
      .toBe('{"buyer_identifier":[{"message":"This field is required.","code":"required"}]}');
  });

  it('requires every field', () => {
    for (const field of Object.keys(seedBody)) {
      const result = validateQuoteRequest(without(field), TODAY);
      expect(result.ok ? null : result.error).toEqual({ [field]: single('This field is required.', 'required') });
    }
  });

  it('lists every bad field, in the spec field order', () => {
    const result = validateQuoteRequest({}, TODAY);
    expect(Object.keys(result.ok ? {} : result.error)).toEqual(Object.keys(seedBody));
    const two = errorsFor({ invoice_due_date: null, user_reference: '' });
    expect(Object.keys(two)).toEqual(['user_reference', 'invoice_due_date']);
  });

  it('refuses null, blank and over-long strings with DRF messages', () => {
    expect(errorsFor({ seller_reference: null })).toEqual({ seller_reference: single('This field may not be null.', 'null') });
    expect(errorsFor({ seller_reference: '   ' })).toEqual({ seller_reference: single('This field may not be blank.', 'blank') });
    expect(errorsFor({ seller_reference: 'x'.repeat(255) })).toEqual({});
    expect(errorsFor({ seller_reference: 'x'.repeat(256) })).toEqual({
      seller_reference: single('Ensure this field has no more than 255 characters.', 'max_length'),
    });
    expect(errorsFor({ seller_reference: true })).toEqual({ seller_reference: single('Not a valid string.', 'invalid') });
    expect(errorsFor({ seller_reference: 42 })).toEqual({});
  });

  it('trims strings like DRF', () => {
    const result = validateQuoteRequest({ ...seedBody, invoice_reference: '  ABC123  ' }, TODAY);
    expect(result.ok && result.value.invoiceReference).toBe('ABC123');
  });

  it('checks identifiers against their country', () => {
    const invalid = single('Enter a valid organisation number.', 'invalid');
    expect(errorsFor({ seller_identifier: '5567549126' })).toEqual({ seller_identifier: invalid });
    expect(errorsFor({ buyer_identifier: '556710404' })).toEqual({ buyer_identifier: invalid });
    expect(errorsFor({ buyer_country: 'NO', buyer_identifier: '5567104046' })).toEqual({ buyer_identifier: invalid });
    expect(errorsFor({ buyer_country: 'NO', buyer_identifier: '923609016' })).toEqual({});
    expect(errorsFor({ buyer_country: 'GB', buyer_identifier: '09446231' })).toEqual({});
    const hyphen = validateQuoteRequest({ ...seedBody, buyer_identifier: '556710-4046' }, TODAY);
    expect(hyphen.ok && hyphen.value.buyer.registryId).toBe('5567104046');
  });

  it('does not check an identifier whose country is itself invalid', () => {
    expect(errorsFor({ seller_country: 'se', seller_identifier: 'nonsense!' })).toEqual({
      seller_country: single('"se" is not a valid choice.', 'invalid_choice'),
    });
  });

  it('accepts only capitalised ISO country codes', () => {
    for (const country of ['se', 'Se', 'SWE', 'XX', 'UK', '']) {
      expect(errorsFor({ buyer_country: country })).toEqual({
        buyer_country: single(`"${country}" is not a valid choice.`, 'invalid_choice'),
      });
    }
  });

  it('accepts the five currencies only', () => {
    for (const currency of ['DKK', 'EUR', 'GBP', 'NOK']) expect(errorsFor({ invoice_amount_currency: currency })).toEqual({});
    for (const currency of ['USD', 'sek', '']) {
      expect(errorsFor({ invoice_amount_currency: currency })).toEqual({
        invoice_amount_currency: single(`"${currency}" is not a valid choice.`, 'invalid_choice'),
      });
    }
  });

  describe('invoice_amount', () => {
    const amountError = (value: unknown) => errorsFor({ invoice_amount: value }).invoice_amount ?? null;

    it('must be greater than 1.0', () => {
      const tooSmall = single('Ensure this value is greater than 1.0.', 'min_value');
      for (const value of ['1.0', '1', '1.00', '0', '-5', '0.99']) expect(amountError(value)).toEqual(tooSmall);
      for (const value of ['1.01', '2', '10000']) expect(amountError(value)).toBeNull();
    });

    it('has at most two decimals, counting trailing zeros like DRF', () => {
      const places = single('Ensure that there are no more than 2 decimal places.', 'max_decimal_places');
      expect(amountError('10.123')).toEqual(places);
      expect(amountError('10.000')).toEqual(places);
      expect(amountError('10.12')).toBeNull();
    });

    it('has at most 14 digits, 12 before the point', () => {
      expect(amountError('999999999999.99')).toBeNull();
      expect(amountError('1000000000000.00')).toEqual(single('Ensure that there are no more than 14 digits in total.', 'max_digits'));
      expect(amountError('1000000000000')).toEqual(
        single('Ensure that there are no more than 12 digits before the decimal point.', 'max_whole_digits'),
      );
    });

    it('must be a plain number', () => {
      const invalid = single('A valid number is required.', 'invalid');
      for (const value of ['abc', '', '1e5', 'NaN', 'Infinity', '1,5', true, [], {}]) expect(amountError(value)).toEqual(invalid);
      expect(amountError('x'.repeat(1001))).toEqual(single('String value too large.', 'max_string_length'));
    });

    it('accepts JSON numbers and unnormalised strings', () => {
      const result = validateQuoteRequest({ ...seedBody, invoice_amount: 10010 }, TODAY);
      expect(result.ok && result.value.invoiceAmount).toBe(1_001_000);
      const short = validateQuoteRequest({ ...seedBody, invoice_amount: ' 10010.5 ' }, TODAY);
      expect(short.ok && short.value.invoiceAmount).toBe(1_001_050);
    });
  });

  describe('dates', () => {
    const bad = single('Date has wrong format. Use one of these formats instead: YYYY-MM-DD.', 'invalid');

    it('must be real YYYY-MM-DD dates', () => {
      for (const value of ['2018-02-30', '20/06/2018', '2018-6-20', '', 20180620, '2018-06-20T10:00:00']) {
        expect(errorsFor({ invoice_issue_date: value }).invoice_issue_date).toEqual(bad);
      }
    });

    it('rule I: issue date within today ±15 days, inclusive', () => {
      const rule = [DATE_RULE_ERRORS.issueOutsideWindow];
      expect(errorsFor({ invoice_issue_date: '2018-06-05' })).toEqual({});
      expect(errorsFor({ invoice_issue_date: '2018-06-04' })).toEqual({ invoice_issue_date: rule });
      expect(errorsFor({ invoice_issue_date: '2018-07-05' })).toEqual({});
      expect(errorsFor({ invoice_issue_date: '2018-07-06', invoice_due_date: '2018-08-01' })).toEqual({ invoice_issue_date: rule });
    });

    it('rule D1: due date strictly after today', () => {
      const rule = [DATE_RULE_ERRORS.dueNotInFuture];
      expect(errorsFor({ invoice_issue_date: '2018-06-10', invoice_due_date: '2018-06-21' })).toEqual({});
      expect(errorsFor({ invoice_issue_date: '2018-06-10', invoice_due_date: '2018-06-20' })).toEqual({ invoice_due_date: rule });
      expect(errorsFor({ invoice_issue_date: '2018-06-10', invoice_due_date: '2018-06-19' })).toEqual({ invoice_due_date: rule });
    });

    it('rule D2: due date at most 180 days after issue', () => {
      const rule = [DATE_RULE_ERRORS.dueTooFarFromIssue];
      expect(errorsFor({ invoice_due_date: '2018-12-17' })).toEqual({});
      expect(errorsFor({ invoice_due_date: '2018-12-18' })).toEqual({ invoice_due_date: rule });
    });

    it('rule D3: due date not before issue', () => {
      const errors = errorsFor({ invoice_issue_date: '2018-07-05', invoice_due_date: '2018-07-04' });
      expect(errors).toEqual({ invoice_due_date: [DATE_RULE_ERRORS.dueBeforeIssue] });
      expect(errorsFor({ invoice_issue_date: '2018-07-05', invoice_due_date: '2018-07-05' })).toEqual({});
    });

    it('runs a date rule only when the dates it needs parsed', () => {
      expect(errorsFor({ invoice_issue_date: 'bad', invoice_due_date: '2018-06-20' })).toEqual({
        invoice_issue_date: bad, invoice_due_date: [DATE_RULE_ERRORS.dueNotInFuture],
      });
      expect(errorsFor({ invoice_issue_date: '2018-01-01', invoice_due_date: 'bad' })).toEqual({
        invoice_issue_date: [DATE_RULE_ERRORS.issueOutsideWindow], invoice_due_date: bad,
      });
    });

    it('reports every failing due-date rule', () => {
      expect(errorsFor({ invoice_issue_date: '2017-11-01', invoice_due_date: '2018-06-01' })).toEqual({
        invoice_issue_date: [DATE_RULE_ERRORS.issueOutsideWindow],
        invoice_due_date: [DATE_RULE_ERRORS.dueNotInFuture, DATE_RULE_ERRORS.dueTooFarFromIssue],
      });
    });

    it('accepts exactly the dates satisfying I and D1-D3', () => {
      fc.assert(fc.property(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 220 }), (issueOffset, dueOffset) => {
        const day = (offset: number) => new Date(Date.UTC(2018, 5, 20 + offset)).toISOString().slice(0, 10);
        const valid = Math.abs(issueOffset) <= 15 && dueOffset > 0 && dueOffset - issueOffset <= 180 && dueOffset >= issueOffset;
        const result = validateQuoteRequest({ ...seedBody, invoice_issue_date: day(issueOffset), invoice_due_date: day(dueOffset) }, TODAY);
        expect(result.ok).toBe(valid);
      }));
    });
  });

  it('ignores unknown fields', () => {
    expect(errorsFor({ premium_amount: '1.00', anything: { nested: true } })).toEqual({});
  });

  it('refuses a body that is not an object, like DRF', () => {
    const bodyError = (body: unknown) => {
      const result = validateQuoteRequest(body, TODAY);
      return result.ok ? null : result.error;
    };
    expect(bodyError([])).toEqual({ non_field_errors: single('Invalid data. Expected a dictionary, but got list.', 'invalid') });
    expect(bodyError('x')).toEqual({ non_field_errors: single('Invalid data. Expected a dictionary, but got str.', 'invalid') });
    expect(bodyError(1.5)).toEqual({ non_field_errors: single('Invalid data. Expected a dictionary, but got float.', 'invalid') });
    expect(bodyError(null)).toEqual({ non_field_errors: single('This field may not be null.', 'null') });
  });
});

describe('rule U: one live quote per invoice', () => {
  it('refuses while another quote on the invoice is not terminal', () => {
    for (const status of QUOTE_STATUSES) {
      const expected = isTerminal(status)
        ? null
        : { invoice_reference: single('An active quote already exists for this invoice.', 'unique') };
      expect(checkInvoiceReferenceUnique(['quote.rejected', status as QuoteStatus])).toEqual(expected);
    }
    expect(checkInvoiceReferenceUnique([])).toBeNull();
  });
});
