import { describe, expect, it } from 'vitest';
import {
  CLAIM_TRANSITIONS, checkClaimFields, resolveIfAllowed, createClaim, forceAmountCheck, importClaim, managedUpdateRefusal, recreateClaim,
  resolveClaim, settleAfterAmountChange, transitionClaim, updateClaim,
  type ClaimError, type ClaimInput, type ManagedClaimMarker, type UnmanagedClaim,
} from '../../../src/servicing/domain/unmanaged-claims.js';
import { CLAIM_RESOLUTION_REASONS } from '../../../src/servicing/domain/claim.js';
import type { Result } from '../../../src/platform/result.js';

const debtor = { debtorReference: 'EXTERNAL_DEBTOR_REF_002', firstName: 'F_N', lastName: 'L_N', contactInformation: { country: 'DE', email: 'first.last@acme.com' } };

const createInput: ClaimInput = {
  amount: 1000,
  currency: 'EUR',
  currentDueDate: '2019-02-15',
  originalDueDate: '2019-09-09',
  productReference: 'PRODUCT_REFERENCE_002',
  accountReference: 'ACCOUNT_REFERENCE_002',
  portfolioReference: 'EXTERNAL_PORTFOLIO_REFERENCE_002',
  totalFees: 0,
  primaryDebtor: debtor,
  meta: {},
};

function value<T>(result: Result<T, ClaimError>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function error<T>(result: Result<T, ClaimError>): ClaimError {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const active: UnmanagedClaim = value(createClaim('C1', undefined, createInput));
const resolved: UnmanagedClaim = { ...active, status: 'RESOLVED', resolutionReason: 'CLAIM_SOLD', linkGroupId: 'G1' };
const managed: ManagedClaimMarker = { claimReference: 'INV_1', ledgerManaged: true, status: 'ACTIVE' };

describe('status transition table', () => {
  it('allows exactly the documented transitions', () => {
    expect(CLAIM_TRANSITIONS).toEqual({
      ABSENT: { CREATE: 'ACTIVE', IMPORT: 'ACTIVE' },
      ACTIVE: { UPDATE: 'ACTIVE', IMPORT: 'ACTIVE', RESOLVE: 'RESOLVED', AUTO_RESOLVE: 'RESOLVED', CREDIT: 'ACTIVE', DEBIT: 'ACTIVE', LINK: 'ACTIVE' },
      RESOLVED: { RECREATE: 'ACTIVE', UPDATE: 'RESOLVED', IMPORT: 'RESOLVED', LINK: 'RESOLVED' },
    });
  });

  it('explains each refusal', () => {
    expect(error(transitionClaim('C', 'ABSENT', 'UPDATE'))).toMatchObject({ code: 'CLAIM_NOT_FOUND', message: 'Claim C not found' });
    expect(error(transitionClaim('C', 'RESOLVED', 'CREATE'))).toMatchObject({ code: 'CLAIM_ALREADY_EXISTS' });
    expect(error(transitionClaim('C', 'ACTIVE', 'RECREATE'))).toMatchObject({ code: 'CLAIM_NOT_DELETED', message: 'Claim C is not in a deleted state' });
    expect(error(transitionClaim('C', 'RESOLVED', 'CREDIT'))).toMatchObject({ code: 'CLAIM_NOT_ACTIVE', message: 'Claim is not active' });
    expect(error(transitionClaim('C', 'RESOLVED', 'RESOLVE')).code).toBe('CLAIM_NOT_ACTIVE');
    expect(value(transitionClaim('C', 'RESOLVED', 'RECREATE'))).toBe('ACTIVE');
  });
});

describe('resolveIfAllowed', () => {
  it('resolves an ACTIVE claim and leaves a RESOLVED one with its original reason', () => {
    expect(resolveIfAllowed(active, 'AUTO_RESOLVE', 'CLAIM_PAID')).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' });
    expect(resolveIfAllowed(resolved, 'AUTO_RESOLVE', 'CLAIM_PAID')).toBe(resolved);
    expect(resolveIfAllowed(resolved, 'RESOLVE', 'FRAUDULENT')).toBe(resolved);
  });
});

describe('createClaim', () => {
  it('creates an ACTIVE unlinked claim with the payload fields', () => {
    expect(active).toEqual({
      claimReference: 'C1', status: 'ACTIVE', resolutionReason: null, linkGroupId: null,
      amount: 1000, currency: 'EUR', currentDueDate: '2019-02-15', originalDueDate: '2019-09-09',
      totalFees: 0, fees: [], primaryDebtor: debtor, accountReference: 'ACCOUNT_REFERENCE_002',
      productReference: 'PRODUCT_REFERENCE_002', portfolioReference: 'EXTERNAL_PORTFOLIO_REFERENCE_002', meta: {},
    });
  });

  it('keeps a claim created with a zero balance ACTIVE', () => {
    expect(value(createClaim('Z', undefined, { ...createInput, amount: 0 })).status).toBe('ACTIVE');
  });

  it('fails if the claim exists, even resolved, or is a managed claim', () => {
    expect(error(createClaim('C1', active, createInput)).code).toBe('CLAIM_ALREADY_EXISTS');
    expect(error(createClaim('C1', resolved, createInput)).code).toBe('CLAIM_ALREADY_EXISTS');
    expect(error(createClaim('INV_1', managed, createInput)).code).toBe('CLAIM_ALREADY_EXISTS');
  });

  it('lists every missing required field', () => {
    const { amount: _a, currency: _c, primaryDebtor: _p, ...partial } = createInput;
    expect(error(createClaim('C', undefined, partial))).toMatchObject({
      code: 'MISSING_REQUIRED_FIELDS', fields: ['amount', 'currency', 'primaryDebtor'], message: 'Missing required fields: amount, currency, primaryDebtor',
    });
    const { accountReference: _r, ...noAccount } = createInput;
    expect(error(createClaim('C', undefined, noAccount)).fields).toEqual(['accountReference']);
  });

  it('fees overwrite totalFees', () => {
    const claim = value(createClaim('C', undefined, { ...createInput, totalFees: 5, fees: [{ name: 'Interest', amount: 30 }] }));
    expect(claim).toMatchObject({ totalFees: 30, fees: [{ name: 'Interest', amount: 30 }] });
  });

  it('checks amounts, fees, currency, dates and debtor', () => {
    expect(error(createClaim('C', undefined, { ...createInput, amount: -1 }))).toMatchObject({ code: 'INVALID_AMOUNT', fields: ['amount'] });
    expect(error(createClaim('C', undefined, { ...createInput, totalFees: 0.5 })).fields).toEqual(['totalFees']);
    expect(error(createClaim('C', undefined, { ...createInput, fees: [{ name: '', amount: 1 }] })).code).toBe('INVALID_FEES');
    expect(error(createClaim('C', undefined, { ...createInput, fees: [{ name: 'X', amount: -1 }] })).code).toBe('INVALID_FEES');
    expect(error(createClaim('C', undefined, { ...createInput, currency: 'eur' })).code).toBe('INVALID_CURRENCY');
    expect(error(createClaim('C', undefined, createInput, { currency: 'SEK' }))).toMatchObject({
      code: 'CURRENCY_MISMATCH', message: 'Currency EUR does not match the account currency SEK',
    });
    expect(error(createClaim('C', undefined, { ...createInput, currentDueDate: '2019-02-30' }))).toMatchObject({ code: 'INVALID_DATE', fields: ['currentDueDate'] });
    expect(error(createClaim('C', undefined, { ...createInput, primaryDebtor: { firstName: 'A' } })).code).toBe('INVALID_DEBTOR');
    expect(value(createClaim('C', undefined, { ...createInput, amount: 0, totalFees: 0 }, { currency: 'EUR' })).amount).toBe(0);
  });

  it('checkClaimFields checks only the fields sent', () => {
    expect(checkClaimFields('C', {})).toBeUndefined();
  });
});

describe('recreateClaim', () => {
  it('reactivates a RESOLVED claim with the new data, clearing the reason and keeping its link', () => {
    const claim = value(recreateClaim('C1', resolved, { ...createInput, amount: 700 }));
    expect(claim).toMatchObject({ status: 'ACTIVE', resolutionReason: null, amount: 700, linkGroupId: 'G1' });
  });

  it('defaults currency and primaryDebtor from the account when only accountReference is sent', () => {
    const input: ClaimInput = { amount: 1, currentDueDate: '2020-01-01', originalDueDate: '2020-01-01', accountReference: 'ACC' };
    expect(value(recreateClaim('C1', resolved, input, { currency: 'EUR', primaryDebtor: debtor }))).toMatchObject({ currency: 'EUR', primaryDebtor: debtor });
    expect(error(recreateClaim('C1', resolved, input)).fields).toEqual(['currency', 'primaryDebtor']);
  });

  it('fails for an unknown, an ACTIVE or a managed claim', () => {
    expect(error(recreateClaim('X', undefined, createInput)).code).toBe('CLAIM_NOT_FOUND');
    expect(error(recreateClaim('C1', active, createInput)).code).toBe('CLAIM_NOT_DELETED');
    expect(error(recreateClaim('INV_1', { ...managed, status: 'RESOLVED' }, createInput)).code).toBe('CLAIM_IS_LEDGER_MANAGED');
  });
});

describe('updateClaim (partial)', () => {
  it('changes only the fields sent, merges meta shallowly and replaces the debtor whole', () => {
    const start = { ...active, meta: { a: 1, b: 2 } };
    const newDebtor = { type: 'legal', companyName: 'Acme', contactInformation: { country: 'SE' } };
    const claim = value(updateClaim('C1', start, { amount: 5000, meta: { b: 3 }, primaryDebtor: newDebtor }));
    expect(claim).toEqual({ ...start, amount: 5000, meta: { a: 1, b: 3 }, primaryDebtor: newDebtor });
  });

  it('never stores reason and ignores linkGroupId', () => {
    const claim = value(updateClaim('C1', active, { reason: 'typo fix', linkGroupId: 'X' }));
    expect(claim).toEqual(active);
  });

  it('resolves with the given reason when amount becomes 0 with a resolution reason', () => {
    expect(value(updateClaim('C1', active, { amount: 0, reason: 'CLAIM_PAID' }))).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' });
    expect(value(updateClaim('C1', active, { amount: 0, reason: 'CLAIM_SOLD' }))).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_SOLD' });
    expect(value(updateClaim('C1', active, { amount: 1, reason: 'CLAIM_PAID' })).status).toBe('ACTIVE');
    expect(value(updateClaim('C1', active, { amount: 0, reason: 'NOT_A_REASON' })).status).toBe('ACTIVE');
  });

  it('with forceAmountCheck resolves as CLAIM_PAID at a zero balance, fees included', () => {
    expect(value(updateClaim('C1', active, { amount: 0 }, undefined, { forceAmountCheck: true }))).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' });
    expect(value(updateClaim('C1', active, { amount: 0 })).status).toBe('ACTIVE');
    expect(value(updateClaim('C1', { ...active, totalFees: 1 }, { amount: 0 }, undefined, { forceAmountCheck: true })).status).toBe('ACTIVE');
    expect(value(updateClaim('C1', active, { amount: 0, options: { forceAmountCheck: false } }, undefined, { forceAmountCheck: true })).status).toBe('ACTIVE');
    expect(value(updateClaim('C1', active, { amount: 0, options: { forceAmountCheck: true } })).status).toBe('RESOLVED');
  });

  it('updates a RESOLVED claim without reopening it', () => {
    expect(value(updateClaim('C1', resolved, { amount: 9 }))).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_SOLD', amount: 9 });
  });

  it('keeps totalFees at or above the named fees', () => {
    const withFees = { ...active, fees: [{ name: 'A', amount: 10 }], totalFees: 15 };
    expect(value(updateClaim('C1', withFees, { totalFees: 10 })).totalFees).toBe(10);
    expect(error(updateClaim('C1', withFees, { totalFees: 9 }))).toMatchObject({ code: 'TOTAL_FEES_BELOW_NAMED_FEES', fields: ['totalFees'] });
    expect(value(updateClaim('C1', withFees, { fees: [{ name: 'B', amount: 4 }] }))).toMatchObject({ fees: [{ name: 'B', amount: 4 }], totalFees: 4 });
  });

  it('fails for unknown and managed claims, and on bad fields', () => {
    expect(error(updateClaim('X', undefined, { amount: 1 })).code).toBe('CLAIM_NOT_FOUND');
    expect(error(updateClaim('INV_1', managed, { meta: {} })).code).toBe('CLAIM_IS_LEDGER_MANAGED');
    expect(error(updateClaim('C1', active, { amount: -5 })).code).toBe('INVALID_AMOUNT');
    expect(error(updateClaim('C1', active, { currency: 'SEK' }, { currency: 'EUR' })).code).toBe('CURRENCY_MISMATCH');
  });

  it('managedUpdateRefusal names the ledger-owned fields an update touches', () => {
    expect(managedUpdateRefusal('INV_1', { meta: {}, currentDueDate: '2020-01-01' })).toBeUndefined();
    expect(managedUpdateRefusal('INV_1', { amount: 1, fees: [] })).toMatchObject({ code: 'CLAIM_IS_LEDGER_MANAGED', fields: ['amount', 'fees'] });
  });

  it('forceAmountCheck: body option over query flag, default false', () => {
    expect(forceAmountCheck({}, {})).toBe(false);
    expect(forceAmountCheck({}, { forceAmountCheck: true })).toBe(true);
    expect(forceAmountCheck({ options: { forceAmountCheck: false } }, { forceAmountCheck: true })).toBe(false);
  });

  it('settleAfterAmountChange leaves non-zero balances alone', () => {
    expect(settleAfterAmountChange(active, {}, true)).toBe(active);
  });
});

describe('importClaim (upsert)', () => {
  it('creates an unknown claim', () => {
    const result = value(importClaim('NEW', undefined, { ...createInput, totalFees: 40 }));
    expect(result.created).toBe(true);
    expect(result.claim).toMatchObject({ status: 'ACTIVE', totalFees: 40, fees: [] });
  });

  it('replaces an existing claim fully, keeping status, reason and link', () => {
    const start = { ...resolved, meta: { old: true }, creditorReference: 'CRED' };
    const result = value(importClaim('C1', start, { ...createInput, amount: 3002, meta: { claimMeta1: 'value1' } }));
    expect(result.created).toBe(false);
    expect(result.claim).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_SOLD', linkGroupId: 'G1', amount: 3002, meta: { claimMeta1: 'value1' } });
    expect(result.claim.creditorReference).toBeUndefined();
  });

  it('needs the full payload and applies forceAmountCheck on update', () => {
    expect(error(importClaim('C1', active, { amount: 1 })).code).toBe('MISSING_REQUIRED_FIELDS');
    const zero = { ...createInput, amount: 0, totalFees: 0 };
    expect(value(importClaim('C1', active, zero, undefined, { forceAmountCheck: true })).claim.status).toBe('RESOLVED');
    expect(value(importClaim('C1', active, zero)).claim.status).toBe('ACTIVE');
  });

  it('refuses a managed claim', () => {
    expect(error(importClaim('INV_1', managed, createInput)).code).toBe('CLAIM_IS_LEDGER_MANAGED');
  });
});

describe('resolveClaim', () => {
  it.each(CLAIM_RESOLUTION_REASONS)('resolves an ACTIVE claim with %s and leaves amounts alone', (reason) => {
    const claim = value(resolveClaim('C1', active, reason));
    expect(claim).toEqual({ ...active, status: 'RESOLVED', resolutionReason: reason });
  });

  it('works on managed claims too', () => {
    expect(value(resolveClaim('INV_1', managed, 'FRAUDULENT'))).toMatchObject({ ledgerManaged: true, status: 'RESOLVED', resolutionReason: 'FRAUDULENT' });
  });

  it('refuses unknown claims, RESOLVED claims and unknown reasons', () => {
    expect(error(resolveClaim('X', undefined, 'CLAIM_PAID')).code).toBe('CLAIM_NOT_FOUND');
    expect(error(resolveClaim('C1', resolved, 'CLAIM_PAID'))).toMatchObject({ code: 'CLAIM_NOT_ACTIVE', message: 'Claim is not active' });
    expect(error(resolveClaim('C1', active, 'PAID'))).toMatchObject({ code: 'INVALID_RESOLUTION_REASON', fields: ['reason'] });
  });
});
