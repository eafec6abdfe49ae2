import { describe, expect, it } from 'vitest';
import {
  checkCurrencyMatchesAccount, entryAmount, entryCreatedAt, entryProduct, entryTarget, feeTypeOf, ledgerEntryType,
  reversiblePaymentAmount, stampLedgerEntry, validateLedgerEntries, validateNewLedgerEntry,
  type LedgerEntry, type LedgerEntryInput,
} from '../../../src/servicing/domain/ledger.js';
import type { LedgerEntryError } from '../../../src/servicing/domain/errors.js';
import { adjustment, chargeback, discount, fee, invoice, payment, reporting } from './builders.js';

const account = { debtorReferences: ['DEBTOR_1'] };

function errorOf(existing: readonly LedgerEntry[], entry: LedgerEntry, context = account): LedgerEntryError {
  const result = validateNewLedgerEntry(existing, entry, context);
  if (result.ok) throw new Error(`expected ${entry.ledgerEntryReference} to be refused`);
  return result.error;
}

describe('ledger entry values', () => {
  it('knows the type of every entry from its details key', () => {
    expect(ledgerEntryType(invoice('I', 1))).toBe('INVOICE');
    expect(ledgerEntryType(fee('F', 1))).toBe('FEE');
    expect(ledgerEntryType(payment('P', 1))).toBe('PAYMENT');
    expect(ledgerEntryType(adjustment('A', -1))).toBe('ADJUSTMENT');
    expect(ledgerEntryType(chargeback('C', 1, 'P'))).toBe('CHARGEBACK');
    expect(ledgerEntryType(discount('D', 1, 'I'))).toBe('DISCOUNT');
    expect(ledgerEntryType(reporting('R', 1))).toBe('REPORTING');
  });

  it('reads amount, createdAt, target and product whatever the type', () => {
    const entry = fee('F', 250, { target: 'I', at: 42, product: 'P1', type: 'LATE_FEE' });
    expect(entryAmount(entry)).toBe(250);
    expect(entryCreatedAt(entry)).toBe(42);
    expect(entryTarget(entry)).toBe('I');
    expect(entryProduct(entry)).toBe('P1');
    expect(feeTypeOf(entry)).toBe('LATE_FEE');
    expect(feeTypeOf(fee('F2', 1))).toBe('FEE');
    expect(entryTarget(invoice('I', 1))).toBeUndefined();
    expect(entryAmount(adjustment('A', -13025))).toBe(-13025);
  });

  it('stamps a missing createdAt with the given time and keeps a sent one', () => {
    const sent: LedgerEntryInput = { ledgerEntryReference: 'I', invoiceDetails: { amount: 13025, dueDate: '2020-01-01', meta: {} }, context: {} };
    const stamped = stampLedgerEntry(sent, 1_621_536_535_901);
    expect(stamped).toEqual({ ...sent, invoiceDetails: { ...sent.invoiceDetails, createdAt: 1_621_536_535_901 } });
    expect(sent.invoiceDetails.createdAt).toBeUndefined();
    expect(entryCreatedAt(stampLedgerEntry(payment('P', 1, { at: 7 }), 99))).toBe(7);
  });
});

describe('validateNewLedgerEntry', () => {
  it('accepts a well-formed invoice on an account with a debtor', () => {
    const entry = invoice('I', 13025);
    expect(validateNewLedgerEntry([], entry, account)).toEqual({ ok: true, value: entry });
  });

  it('refuses an empty ledgerEntryReference', () => {
    expect(errorOf([], invoice('', 1)).code).toBe('INVALID_LEDGER_ENTRY_REFERENCE');
    expect(errorOf([], invoice('  ', 1)).code).toBe('INVALID_LEDGER_ENTRY_REFERENCE');
  });

  it('refuses an entry with two details objects', () => {
    const both = { ...invoice('X', 1), feeDetails: { amount: 1, createdAt: 0 } } as unknown as LedgerEntry;
    const error = errorOf([], both);
    expect(error).toMatchObject({ code: 'DETAILS_COUNT', detailsFound: 2 });
  });

  it('refuses a reference already used in the account, whatever the type', () => {
    const existing = [invoice('REF', 100)];
    expect(errorOf(existing, payment('REF', 1, { target: 'REF' }))).toMatchObject({
      code: 'DUPLICATE_LEDGER_ENTRY_REFERENCE',
      message: 'Ledger Entry REF already exists in the account',
    });
  });

  it('accepts amount 0 and refuses negative or fractional amounts for non-adjustments', () => {
    expect(validateNewLedgerEntry([], invoice('I0', 0), account).ok).toBe(true);
    expect(errorOf([], invoice('I', -1))).toMatchObject({ code: 'INVALID_AMOUNT', amount: -1 });
    expect(errorOf([], invoice('I', 1.5)).code).toBe('INVALID_AMOUNT');
    expect(errorOf([], fee('F', Number.MAX_SAFE_INTEGER + 1)).code).toBe('INVALID_AMOUNT');
  });

  it('accepts signed adjustments but refuses fractional ones', () => {
    const existing = [invoice('I', 100)];
    expect(validateNewLedgerEntry(existing, adjustment('A', -13025, { target: 'I' }), account).ok).toBe(true);
    expect(validateNewLedgerEntry(existing, adjustment('A', Number.MIN_SAFE_INTEGER), account).ok).toBe(true);
    expect(errorOf(existing, adjustment('A', -0.5)).code).toBe('INVALID_AMOUNT');
  });

  it('refuses a createdAt that is not epoch milliseconds', () => {
    expect(errorOf([], invoice('I', 1, { at: -1 })).code).toBe('INVALID_CREATED_AT');
    expect(errorOf([], invoice('I', 1, { at: 1.5 })).code).toBe('INVALID_CREATED_AT');
    expect(validateNewLedgerEntry([], invoice('I', 1, { at: 0 }), account).ok).toBe(true);
  });

  it('refuses impossible due dates on invoices and adjustments', () => {
    expect(errorOf([], invoice('I', 1, { dueDate: '2023-02-29' }))).toMatchObject({ code: 'INVALID_DATE', field: 'invoiceDetails.dueDate' });
    expect(validateNewLedgerEntry([], invoice('I', 1, { dueDate: '2024-02-29' }), account).ok).toBe(true);
    expect(errorOf([invoice('I', 1)], adjustment('A', 1, { target: 'I', dueDate: '2024-13-01' })))
      .toMatchObject({ code: 'INVALID_DATE', field: 'adjustmentDetails.dueDate' });
  });

  it('requires a target for chargebacks and discounts', () => {
    const noTarget = { ledgerEntryReference: 'C', chargebackDetails: { amount: 1, createdAt: 0 }, context: {} } as unknown as LedgerEntry;
    expect(errorOf([], noTarget)).toMatchObject({ code: 'TARGET_REQUIRED', message: 'Ledger Entry C: context.ledgerEntryReference is required' });
    const noDiscountTarget = { ledgerEntryReference: 'D', discountDetails: { amount: 1, createdAt: 0 }, context: {} } as unknown as LedgerEntry;
    expect(errorOf([], noDiscountTarget).code).toBe('TARGET_REQUIRED');
  });

  it('refuses a target that is not in the account', () => {
    expect(errorOf([], fee('F', 1, { target: 'NOPE' }))).toMatchObject({ code: 'TARGET_NOT_FOUND', target: 'NOPE' });
    expect(errorOf([], discount('D', 1, 'NOPE')).code).toBe('TARGET_NOT_FOUND');
  });

  it('accepts untargeted fees, payments and adjustments', () => {
    expect(validateNewLedgerEntry([], fee('F', 1), account).ok).toBe(true);
    expect(validateNewLedgerEntry([], payment('P', 1), account).ok).toBe(true);
    expect(validateNewLedgerEntry([], adjustment('A', 5), account).ok).toBe(true);
  });

  it('refuses targets of the wrong type', () => {
    const existing = [
      invoice('I', 100), fee('F', 10, { target: 'I' }), payment('P', 5, { target: 'I' }), discount('D', 1, 'I'),
      adjustment('A_ACC', 7), adjustment('A_NEG', -7), adjustment('A_ON_I', 7, { target: 'I' }),
    ];
    expect(validateNewLedgerEntry(existing, payment('P_ACC', 1, { target: 'A_ACC' }), account).ok).toBe(true);
    expect(errorOf(existing, payment('P_NEG', 1, { target: 'A_NEG' })).code).toBe('INVALID_TARGET_TYPE');
    expect(errorOf(existing, payment('P_ON_I', 1, { target: 'A_ON_I' })).code).toBe('INVALID_TARGET_TYPE');
    expect(errorOf(existing, fee('F2', 1, { target: 'F' }))).toMatchObject({ code: 'INVALID_TARGET_TYPE', targetType: 'FEE' });
    expect(errorOf(existing, payment('P2', 1, { target: 'P' }))).toMatchObject({ code: 'INVALID_TARGET_TYPE', targetType: 'PAYMENT' });
    expect(errorOf(existing, adjustment('A2', 1, { target: 'P' })).code).toBe('INVALID_TARGET_TYPE');
    expect(errorOf(existing, adjustment('A3', 1, { target: 'A_ACC' }))).toMatchObject({ code: 'INVALID_TARGET_TYPE', targetType: 'ADJUSTMENT' });
    expect(errorOf(existing, chargeback('C2', 1, 'D'))).toMatchObject({ code: 'INVALID_TARGET_TYPE', targetType: 'DISCOUNT' });
    expect(errorOf(existing, discount('D2', 1, 'P')).code).toBe('INVALID_TARGET_TYPE');
    for (const ok of [payment('P3', 1, { target: 'F' }), chargeback('C3', 1, 'I'), chargeback('C4', 1, 'F'), discount('D3', 1, 'F')]) {
      expect(validateNewLedgerEntry(existing, ok, account).ok).toBe(true);
    }
  });

  it('limits a chargeback on a payment to what the payment still carries', () => {
    const existing = [invoice('I', 100), payment('P', 60, { target: 'I' }), chargeback('C1', 20, 'P')];
    expect(reversiblePaymentAmount(existing, existing[1] as never)).toBe(40);
    expect(validateNewLedgerEntry(existing, chargeback('C2', 40, 'P'), account).ok).toBe(true);
    expect(errorOf(existing, chargeback('C2', 41, 'P'))).toMatchObject({ code: 'CHARGEBACK_EXCEEDS_PAYMENT', reversible: 40, target: 'P' });
  });

  it('refuses an invoice on an account without a debtor, but not other entries', () => {
    const none = { debtorReferences: [] };
    expect(errorOf([], invoice('I', 1), none)).toMatchObject({
      code: 'ACCOUNT_HAS_NO_DEBTOR',
      message: 'Invoice I cannot be added: the account has no debtor',
    });
    expect(validateNewLedgerEntry([], fee('F', 1), none).ok).toBe(true);
  });
});

describe('validateLedgerEntries (one account, all or nothing)', () => {
  it('lets a batch entry target an earlier entry of the same batch', () => {
    const batch = [invoice('I', 100), fee('F', 10, { target: 'I' }), payment('P', 50, { target: 'I' })];
    expect(validateLedgerEntries([], batch, account)).toEqual({ ok: true, value: batch });
  });

  it('refuses a batch that repeats a reference or aims at a later entry', () => {
    const repeated = validateLedgerEntries([], [invoice('I', 1), invoice('I', 2)], account);
    expect(repeated.ok ? undefined : repeated.error.code).toBe('DUPLICATE_LEDGER_ENTRY_REFERENCE');
    const forward = validateLedgerEntries([], [fee('F', 10, { target: 'I' }), invoice('I', 100)], account);
    expect(forward.ok ? undefined : forward.error.code).toBe('TARGET_NOT_FOUND');
  });

  it('counts chargebacks of the same batch against the payment', () => {
    const existing = [invoice('I', 100), payment('P', 30, { target: 'I' })];
    const result = validateLedgerEntries(existing, [chargeback('C1', 20, 'P'), chargeback('C2', 11, 'P')], account);
    expect(result.ok ? undefined : result.error).toMatchObject({ code: 'CHARGEBACK_EXCEEDS_PAYMENT', reversible: 10 });
  });
});

describe('checkCurrencyMatchesAccount', () => {
  it('accepts the account currency and refuses any other', () => {
    expect(checkCurrencyMatchesAccount('EUR', 'EUR')).toBeUndefined();
    expect(checkCurrencyMatchesAccount('EUR', 'SEK')).toEqual({
      code: 'CURRENCY_MISMATCH', expected: 'EUR', actual: 'SEK', message: 'Currency SEK does not match the account currency EUR',
    });
  });
});
