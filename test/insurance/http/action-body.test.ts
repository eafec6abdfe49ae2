import { describe, expect, it } from 'vitest';
import {
  BANKRUPTCY_DATE_IN_FUTURE, validateBankruptcyClaimBody, validateSignAndActivateBody,
} from '../../../src/insurance/http/action-body.js';

const signer = { user_email: 'anna@example.se', user_first_name: 'Anna', user_last_name: 'Svensson' };
const errorsOf = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }) => (result.ok ? null : result.error);

describe('sign-and-activate body', () => {
  it('accepts the signing user', () => {
    expect(validateSignAndActivateBody(signer)).toEqual({
      ok: true, value: { email: 'anna@example.se', firstName: 'Anna', lastName: 'Svensson' },
    });
  });

  it('requires all three fields', () => {
    expect(errorsOf(validateSignAndActivateBody({}))).toEqual({
      user_email: [{ message: 'This field is required.', code: 'required' }],
      user_first_name: [{ message: 'This field is required.', code: 'required' }],
      user_last_name: [{ message: 'This field is required.', code: 'required' }],
    });
  });

  it('validates the e-mail address', () => {
    const invalid = { user_email: [{ message: 'Enter a valid email address.', code: 'invalid' }] };
    for (const email of ['anna', 'anna@', '@example.se', 'anna@example', 'an na@example.se', 'anna@-example.se', 'a@b.c']) {
      expect(errorsOf(validateSignAndActivateBody({ ...signer, user_email: email }))).toEqual(invalid);
    }
    for (const email of ['a.b+tag@sub.example.co.uk', "o'brien@example.ie"]) {
      expect(validateSignAndActivateBody({ ...signer, user_email: email }).ok).toBe(true);
    }
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf(validateSignAndActivateBody([]))).toEqual({
      non_field_errors: [{ message: 'Invalid data. Expected a dictionary, but got list.', code: 'invalid' }],
    });
  });
});

describe('bankruptcy_claim body', () => {
  const TODAY = '2018-07-01';

  it('is optional', () => {
    expect(validateBankruptcyClaimBody(undefined, TODAY)).toEqual({ ok: true, value: { bankruptcyDate: null, comment: null } });
    expect(validateBankruptcyClaimBody({}, TODAY)).toEqual({ ok: true, value: { bankruptcyDate: null, comment: null } });
  });

  it('accepts a bankruptcy date up to today', () => {
    expect(validateBankruptcyClaimBody({ bankruptcy_date: TODAY, comment: 'Konkurs' }, TODAY)).toEqual({
      ok: true, value: { bankruptcyDate: TODAY, comment: 'Konkurs' },
    });
    expect(errorsOf(validateBankruptcyClaimBody({ bankruptcy_date: '2018-07-02' }, TODAY))).toEqual({
      bankruptcy_date: [BANKRUPTCY_DATE_IN_FUTURE],
    });
  });

  it('refuses malformed values', () => {
    expect(errorsOf(validateBankruptcyClaimBody({ bankruptcy_date: '1/7/2018', comment: '' }, TODAY))).toEqual({
      bankruptcy_date: [{ message: 'Date has wrong format. Use one of these formats instead: YYYY-MM-DD.', code: 'invalid' }],
      comment: [{ message: 'This field may not be blank.', code: 'blank' }],
    });
    expect(errorsOf(validateBankruptcyClaimBody({ comment: 'x'.repeat(2001) }, TODAY))).toEqual({
      comment: [{ message: 'Ensure this field has no more than 2000 characters.', code: 'max_length' }],
    });
    expect(validateBankruptcyClaimBody('text', TODAY).ok).toBe(false);
  });
});
