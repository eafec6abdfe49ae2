import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveManagedClaims } from '../../../src/servicing/domain/claim-derivation.js';
import {
  currentOpenAmount, planLedgerEntryAmountUpdates, uniqueReference, type LedgerEntryAmountUpdate,
} from '../../../src/servicing/domain/entry-amount-updates.js';
import type { EntryAmountUpdateError } from '../../../src/servicing/domain/errors.js';
import { validateLedgerEntries, type LedgerEntry } from '../../../src/servicing/domain/ledger.js';
import { fee, invoice, payment } from './builders.js';

const NOW = 1_700_000_000_000;

function update(ledgerEntryReference: string, amount: number, reason: string, meta = {}): LedgerEntryAmountUpdate {
  return { ledgerEntryReference, amount, reason, meta };
}

function plan(existing: readonly LedgerEntry[], updates: readonly LedgerEntryAmountUpdate[]) {
  return planLedgerEntryAmountUpdates(existing, { accountReference: 'ACC', ledgerEntries: updates }, NOW);
}

function planned(existing: readonly LedgerEntry[], updates: readonly LedgerEntryAmountUpdate[]): readonly LedgerEntry[] {
  const result = plan(existing, updates);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(existing: readonly LedgerEntry[], updates: readonly LedgerEntryAmountUpdate[]): EntryAmountUpdateError {
  const result = plan(existing, updates);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const ledger = [invoice('INV', 10_000, { product: 'P1' }), fee('FEE', 500, { target: 'INV' })];

describe('reasons map to entry types', () => {
  it('PAYMENT lowering an invoice creates a Payment aimed at it', () => {
    expect(planned(ledger, [update('INV', 4_000, 'PAYMENT', { sourceSystem: 's1' })])).toEqual([{
      ledgerEntryReference: 'INV_PAYMENT_1',
      paymentDetails: { amount: 6_000, createdAt: NOW, meta: { sourceSystem: 's1' } },
      context: { productReference: 'P1', ledgerEntryReference: 'INV' },
    }]);
  });

  it('CHARGEBACK raising a fee creates a Chargeback aimed at it', () => {
    expect(planned(ledger, [update('FEE', 800, 'CHARGEBACK')])).toEqual([{
      ledgerEntryReference: 'FEE_CHARGEBACK_1',
      chargebackDetails: { amount: 300, createdAt: NOW, meta: {} },
      context: { ledgerEntryReference: 'FEE' },
    }]);
  });

  it('any other reason creates a signed Adjustment with that reason, in both directions', () => {
    const [down] = planned(ledger, [update('INV', 0, 'WRITE_OFF')]);
    expect(down).toEqual({
      ledgerEntryReference: 'INV_WRITE_OFF_1',
      adjustmentDetails: { reason: 'WRITE_OFF', amount: -10_000, createdAt: NOW, meta: {} },
      context: { productReference: 'P1', ledgerEntryReference: 'INV' },
    });
    const [up] = planned(ledger, [update('FEE', 501, 'INVALID')]);
    expect(up).toMatchObject({ adjustmentDetails: { reason: 'INVALID', amount: 1 } });
  });

  it('creates no entry when the amount is already the target, whatever the reason', () => {
    expect(planned(ledger, [update('INV', 10_000, 'PAYMENT'), update('FEE', 500, 'CHARGEBACK'), update('INV', 10_000, 'X')])).toEqual([]);
  });

  it('measures an invoice by its open principal only, so fees are untouched', () => {
    const entries = [...ledger, ...planned(ledger, [update('INV', 0, 'PAYMENT')])];
    expect(currentOpenAmount(entries, 'INV')).toBe(0);
    expect(currentOpenAmount(entries, 'FEE')).toBe(500);
  });
});

describe('several elements', () => {
  it('simulates in order: the last element for an entry sets its final amount, earlier ones record the path', () => {
    const generated = planned(ledger, [
      update('INV', 10_500, 'CHARGEBACK'),
      update('INV', 9_000, 'PAYMENT'),
      update('INV', 9_200, 'CORRECTION'),
    ]);
    expect(generated.map((entry) => entry.ledgerEntryReference)).toEqual(['INV_CHARGEBACK_1', 'INV_PAYMENT_1', 'INV_CORRECTION_1']);
    expect(currentOpenAmount([...ledger, ...generated], 'INV')).toBe(9_200);
  });

  it('numbers references past the ones already used', () => {
    const existing = [...ledger, payment('INV_PAYMENT_1', 1, { target: 'INV' })];
    const generated = planned(existing, [update('INV', 9_000, 'PAYMENT'), update('INV', 8_000, 'PAYMENT')]);
    expect(generated.map((entry) => entry.ledgerEntryReference)).toEqual(['INV_PAYMENT_2', 'INV_PAYMENT_3']);
    expect(uniqueReference('X', new Set(['X_1', 'X_2']))).toBe('X_3');
    expect(uniqueReference('X', new Set())).toBe('X_1');
  });

  it('is all or nothing: one failing element fails the whole account', () => {
    const error = refusal(ledger, [update('INV', 5_000, 'PAYMENT'), update('FEE', 900, 'PAYMENT')]);
    expect(error).toMatchObject({ code: 'DIRECTION_CONFLICT', index: 1, ledgerEntryReference: 'FEE', current: 500, target: 900 });
  });
});

describe('refusals', () => {
  it('refuses an empty list', () => {
    expect(refusal(ledger, []).code).toBe('NO_LEDGER_ENTRIES');
  });

  it('refuses a missing or blank reason with the spec wording', () => {
    expect(refusal(ledger, [update('INV', 1, '')])).toMatchObject({ code: 'REASON_REQUIRED', message: 'The reason field is mandatory' });
    expect(refusal(ledger, [update('INV', 1, undefined as unknown as string)]).code).toBe('REASON_REQUIRED');
  });

  it('refuses negative or fractional targets and accepts 0', () => {
    expect(refusal(ledger, [update('INV', -1, 'X')])).toMatchObject({ code: 'INVALID_AMOUNT', amount: -1 });
    expect(refusal(ledger, [update('INV', 0.5, 'X')]).code).toBe('INVALID_AMOUNT');
    expect(plan(ledger, [update('INV', 0, 'X')]).ok).toBe(true);
  });

  it('refuses unknown entries and entries that are not an Invoice or Fee', () => {
    expect(refusal(ledger, [update('NOPE', 1, 'X')]).code).toBe('LEDGER_ENTRY_NOT_FOUND');
    const withPayment = [...ledger, payment('PAY', 1, { target: 'INV' })];
    expect(refusal(withPayment, [update('PAY', 0, 'X')])).toMatchObject({ code: 'NOT_INVOICE_OR_FEE' });
  });

  it('refuses a PAYMENT that raises and a CHARGEBACK that lowers', () => {
    expect(refusal(ledger, [update('INV', 10_001, 'PAYMENT')]).code).toBe('DIRECTION_CONFLICT');
    expect(refusal(ledger, [update('INV', 9_999, 'CHARGEBACK')]).code).toBe('DIRECTION_CONFLICT');
  });
});

describe('properties', () => {
  const element = fc.record({
    target: fc.constantFrom('INV', 'FEE', 'INV2'),
    amount: fc.integer({ min: 0, max: 20_000 }),
    reason: fc.constantFrom('PAYMENT', 'CHARGEBACK', 'INVALID', 'WRITE_OFF'),
  });
  const base = [...ledger, invoice('INV2', 3_000)];

  it('on success, each entry ends at the last target given for it and the entries are valid ledger entries', () => {
    fc.assert(fc.property(fc.array(element, { minLength: 1, maxLength: 8 }), (elements) => {
      const result = plan(base, elements.map((e) => update(e.target, e.amount, e.reason)));
      if (!result.ok) return;
      const after = [...base, ...result.value];
      expect(validateLedgerEntries(base, result.value, { debtorReferences: ['D'] }).ok).toBe(true);
      const last = new Map(elements.map((e) => [e.target, e.amount]));
      for (const [target, amount] of last) expect(currentOpenAmount(after, target)).toBe(amount);
      for (const claim of deriveManagedClaims(after)) expect(claim.amount).toBeGreaterThanOrEqual(0);
    }));
  });

  it('fails exactly when some element moves against its PAYMENT/CHARGEBACK direction', () => {
    fc.assert(fc.property(fc.array(element, { minLength: 1, maxLength: 8 }), (elements) => {
      const current = new Map([['INV', 10_000], ['FEE', 500], ['INV2', 3_000]]);
      let conflict = false;
      for (const e of elements) {
        const before = current.get(e.target) ?? 0;
        if ((e.reason === 'PAYMENT' && e.amount > before) || (e.reason === 'CHARGEBACK' && e.amount < before)) {
          conflict = true;
          break;
        }
        current.set(e.target, e.amount);
      }
      expect(plan(base, elements.map((e) => update(e.target, e.amount, e.reason))).ok).toBe(!conflict);
    }));
  });
});
