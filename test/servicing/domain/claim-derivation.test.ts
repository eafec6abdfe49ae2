import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changedClaims, deriveManagedClaims, deriveStatus, feesByName } from '../../../src/servicing/domain/claim-derivation.js';
import { validateLedgerEntries, type LedgerEntry } from '../../../src/servicing/domain/ledger.js';
import { replayLedger, type OpenItem } from '../../../src/servicing/domain/ledger-replay.js';
import { adjustment, chargeback, discount, fee, invoice, payment, reporting } from './builders.js';
import { ledger } from './ledger-arbitrary.js';

function claim(entries: readonly LedgerEntry[], reference: string) {
  const found = deriveManagedClaims(entries).find((candidate) => candidate.claimReference === reference);
  if (!found) throw new Error(`no claim ${reference}`);
  return found;
}

function open(entries: readonly LedgerEntry[], reference: string): number | undefined {
  return replayLedger(entries).items.find((item) => item.ledgerEntryReference === reference)?.openAmount;
}

describe('deriveManagedClaims: one claim per invoice', () => {
  it('maps the invoice to the claim fields of spec §4.2', () => {
    const entries: LedgerEntry[] = [{
      ledgerEntryReference: 'INV_1',
      invoiceDetails: { amount: 13025, dueDate: '2020-01-01', createdAt: 5, paymentReference: 'PR', meta: { sourceSystem: 's1' } },
      context: { productReference: 'PROD', externalDebtorReference: 'DEBTOR_2' },
    }];
    expect(deriveManagedClaims(entries)).toEqual([{
      claimReference: 'INV_1', amount: 13025, totalFees: 0, fees: [], originalDueDate: '2020-01-01', currentDueDate: '2020-01-01',
      productReference: 'PROD', paymentReference: 'PR', meta: { sourceSystem: 's1' }, externalDebtorReference: 'DEBTOR_2',
      status: 'ACTIVE', resolutionReason: null,
      openItems: [expect.objectContaining({ ledgerEntryReference: 'INV_1', kind: 'INVOICE_PRINCIPAL', openAmount: 13025 })],
    }]);
  });

  it('sums fees of the same type into one named fee and keeps first-seen order', () => {
    const entries = [
      invoice('I', 1000),
      fee('F1', 100, { target: 'I', type: 'LATE_FEE', at: 1 }),
      fee('F2', 50, { target: 'I', at: 2 }),
      fee('F3', 25, { target: 'I', type: 'LATE_FEE', at: 3 }),
      fee('ACC', 999),
    ];
    const derived = claim(entries, 'I');
    expect(derived.fees).toEqual([{ name: 'LATE_FEE', amount: 125 }, { name: 'FEE', amount: 50 }]);
    expect(derived.totalFees).toBe(175);
  });

  it('lists claims in creation order (createdAt, then insertion)', () => {
    const entries = [invoice('LATE', 1, { at: 20 }), invoice('EARLY', 1, { at: 10 }), invoice('TIE', 1, { at: 20 })];
    expect(deriveManagedClaims(entries).map((c) => c.claimReference)).toEqual(['EARLY', 'LATE', 'TIE']);
  });

  it('ignores reporting entries', () => {
    expect(deriveManagedClaims([invoice('I', 100), reporting('R', 50)])[0]?.amount).toBe(100);
    expect(replayLedger([reporting('R', 50)]).items).toEqual([]);
  });
});

describe('payments', () => {
  it('pay an invoice principal first, then its fees oldest first', () => {
    const entries = [
      invoice('I', 100),
      fee('F_NEW', 30, { target: 'I', at: 9 }),
      fee('F_OLD', 20, { target: 'I', at: 1 }),
      payment('P', 130, { target: 'I' }),
    ];
    expect(open(entries, 'I')).toBe(0);
    expect(open(entries, 'F_OLD')).toBe(0);
    expect(open(entries, 'F_NEW')).toBe(20);
    expect(replayLedger(entries).accountCredit).toBe(0);
  });

  it('aimed at a fee pay only that fee and keep the excess as credit', () => {
    const entries = [invoice('I', 100), fee('F', 30, { target: 'I' }), payment('P', 50, { target: 'F' })];
    expect(open(entries, 'F')).toBe(0);
    expect(open(entries, 'I')).toBe(100);
    expect(replayLedger(entries).accountCredit).toBe(20);
  });

  it('without a target are spread oldest first over all items, excess kept as credit', () => {
    const entries = [invoice('B', 100, { at: 2 }), fee('ACC', 10, { at: 1 }), invoice('A', 50, { at: 3 }), payment('P', 200)];
    const state = replayLedger(entries);
    expect(state.items.map((item) => item.openAmount)).toEqual([0, 0, 0]);
    expect(state.accountCredit).toBe(40);
    expect(state.settledByPayment.get('P')).toEqual([
      { ledgerEntryReference: 'ACC', amount: 10 },
      { ledgerEntryReference: 'B', amount: 100 },
      { ledgerEntryReference: 'A', amount: 50 },
      { ledgerEntryReference: null, amount: 40 },
    ]);
  });

  it('without a target but with a product only pay items of that product', () => {
    const entries = [invoice('A1', 100, { product: 'A' }), invoice('B1', 100, { product: 'B' }), payment('P', 150, { product: 'B' })];
    expect(open(entries, 'A1')).toBe(100);
    expect(open(entries, 'B1')).toBe(0);
    expect(replayLedger(entries).accountCredit).toBe(50);
  });

  it('are not taken from existing credit for items added later', () => {
    const entries = [payment('P', 70), invoice('I', 100)];
    expect(open(entries, 'I')).toBe(100);
    expect(replayLedger(entries).accountCredit).toBe(70);
  });
});

describe('adjustments', () => {
  it('add a signed amount to the target, floored at 0', () => {
    expect(open([invoice('I', 100), adjustment('A', 25, { target: 'I' })], 'I')).toBe(125);
    expect(open([invoice('I', 100), adjustment('A', -100, { target: 'I' })], 'I')).toBe(0);
    expect(open([invoice('I', 100), adjustment('A', -101, { target: 'I' })], 'I')).toBe(0);
    expect(open([invoice('I', 100), fee('F', 10, { target: 'I' }), adjustment('A', -4, { target: 'F' })], 'F')).toBe(6);
  });

  it('set the claim currentDueDate from the latest dated adjustment, also through a fee', () => {
    const entries = [
      invoice('I', 100, { dueDate: '2024-01-01' }),
      fee('F', 10, { target: 'I' }),
      adjustment('A1', 0, { target: 'I', dueDate: '2024-03-01', at: 50 }),
      adjustment('A2', 0, { target: 'F', dueDate: '2024-02-01', at: 10 }),
      adjustment('A3', 5, { target: 'I', at: 99 }),
    ];
    expect(claim(entries, 'I')).toMatchObject({ originalDueDate: '2024-01-01', currentDueDate: '2024-03-01' });
  });

  it('without a target: positive is an account-level item, negative lowers account items oldest first', () => {
    const entries = [
      adjustment('UP', 40, { at: 5 }),
      fee('ACC', 30, { at: 1 }),
      invoice('I', 100),
      adjustment('DOWN', -50, { at: 9 }),
    ];
    const state = replayLedger(entries);
    expect(state.items.find((item) => item.ledgerEntryReference === 'UP')).toMatchObject({ kind: 'ACCOUNT_ITEM', sourceType: 'ADJUSTMENT', openAmount: 20 });
    expect(open(entries, 'ACC')).toBe(0);
    expect(open(entries, 'I')).toBe(100);
    expect(open([fee('ACC', 30), adjustment('DOWN', -99)], 'ACC')).toBe(0);
    expect(replayLedger([adjustment('Z', 0)]).items).toEqual([]);
  });
});

describe('chargebacks and discounts', () => {
  it('a chargeback on a payment reopens what it settled, newest part (credit) first', () => {
    const base = [invoice('I1', 100, { at: 1 }), invoice('I2', 50, { at: 2 }), payment('P', 170)];
    expect(replayLedger(base).accountCredit).toBe(20);
    const partly = [...base, chargeback('C1', 30, 'P')];
    expect(replayLedger(partly).accountCredit).toBe(0);
    expect(open(partly, 'I2')).toBe(10);
    expect(open(partly, 'I1')).toBe(0);
    const fully = [...partly, chargeback('C2', 140, 'P')];
    expect(open(fully, 'I1')).toBe(100);
    expect(open(fully, 'I2')).toBe(50);
  });

  it('a chargeback on an invoice or fee raises its open amount', () => {
    expect(open([invoice('I', 100), payment('P', 100, { target: 'I' }), chargeback('C', 40, 'I')], 'I')).toBe(40);
    expect(open([invoice('I', 100), fee('F', 5, { target: 'I' }), chargeback('C', 3, 'F')], 'F')).toBe(8);
  });

  it('a discount lowers the target like a payment, but its excess is dropped, not credit', () => {
    const entries = [invoice('I', 100), fee('F', 20, { target: 'I' }), discount('D', 150, 'I')];
    expect(open(entries, 'I')).toBe(0);
    expect(open(entries, 'F')).toBe(0);
    expect(replayLedger(entries).accountCredit).toBe(0);
  });
});

describe('status of managed claims', () => {
  it('resolves automatically at zero and reopens when the balance rises again', () => {
    const paid = [invoice('I', 100), payment('P', 100, { target: 'I' })];
    expect(claim(paid, 'I')).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' });
    expect(claim([...paid, chargeback('C', 1, 'P')], 'I')).toMatchObject({ status: 'ACTIVE', resolutionReason: null });
    expect(claim([...paid, adjustment('A', 1, { target: 'I' })], 'I').status).toBe('ACTIVE');
    expect(claim([...paid, fee('F', 1, { target: 'I' })], 'I').status).toBe('ACTIVE');
  });

  it('keeps a claim with no principal but open fees ACTIVE, and an invoice of 0 RESOLVED', () => {
    expect(claim([invoice('I', 100), fee('F', 5, { target: 'I' }), payment('P', 100, { target: 'I' })], 'I').status).toBe('ACTIVE');
    expect(claim([invoice('I', 0)], 'I').status).toBe('RESOLVED');
  });

  it('never undoes an explicit resolution', () => {
    const entries = [invoice('I', 100)];
    const derived = deriveManagedClaims(entries, new Map([['I', 'CLAIM_SOLD' as const]]));
    expect(derived[0]).toMatchObject({ status: 'RESOLVED', resolutionReason: 'CLAIM_SOLD', amount: 100 });
  });

  it('deriveStatus resolves exactly at zero', () => {
    expect(deriveStatus({ amount: 0, totalFees: 0 })).toEqual({ status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' });
    expect(deriveStatus({ amount: 0, totalFees: 1 })).toEqual({ status: 'ACTIVE', resolutionReason: null });
    expect(deriveStatus({ amount: 1, totalFees: 0 }, 'FRAUDULENT')).toEqual({ status: 'RESOLVED', resolutionReason: 'FRAUDULENT' });
  });

  it('changedClaims lists new claims and claims whose balance or status moved, once each', () => {
    const before = deriveManagedClaims([invoice('I1', 100), invoice('I2', 100)]);
    const after = deriveManagedClaims([invoice('I1', 100), invoice('I2', 100), payment('P', 100, { target: 'I2' }), invoice('I3', 5)]);
    expect(changedClaims(before, after).map((change) => change.claimReference)).toEqual(['I2', 'I3']);
    expect(changedClaims(after, after)).toEqual([]);
  });

  it('feesByName names an untyped fee item FEE', () => {
    const item = { ledgerEntryReference: 'X', kind: 'INVOICE_FEE', sourceType: 'FEE', createdAt: 0, sequence: 0, openAmount: 3 } as OpenItem;
    expect(feesByName([item])).toEqual([{ name: 'FEE', amount: 3 }]);
  });
});

describe('properties over any valid ledger', () => {
  const account = { debtorReferences: ['D'] };

  it('the generated ledgers are valid', () => {
    fc.assert(fc.property(ledger, (entries) => validateLedgerEntries([], entries, account).ok));
  });

  it('a claim amount + totalFees equals the sum of its open items; totalFees equals the sum of its fees', () => {
    fc.assert(fc.property(ledger, (entries) => {
      for (const derived of deriveManagedClaims(entries)) {
        const openSum = derived.openItems.reduce((sum, item) => sum + item.openAmount, 0);
        expect(derived.amount + derived.totalFees).toBe(openSum);
        expect(derived.totalFees).toBe(derived.fees.reduce((sum, f) => sum + f.amount, 0));
      }
    }));
  });

  it('open amounts and credit are never negative and status follows the balance', () => {
    fc.assert(fc.property(ledger, (entries) => {
      const state = replayLedger(entries);
      expect(state.accountCredit).toBeGreaterThanOrEqual(0);
      for (const item of state.items) expect(item.openAmount).toBeGreaterThanOrEqual(0);
      for (const derived of deriveManagedClaims(entries)) {
        expect(derived.status === 'ACTIVE').toBe(derived.amount + derived.totalFees > 0);
      }
    }));
  });

  it('every invoice becomes exactly one claim', () => {
    fc.assert(fc.property(ledger, (entries) => {
      const invoices = entries.filter((entry) => 'invoiceDetails' in entry).map((entry) => entry.ledgerEntryReference);
      expect(deriveManagedClaims(entries).map((c) => c.claimReference).sort()).toEqual([...invoices].sort());
    }));
  });

  it('derivation is deterministic', () => {
    fc.assert(fc.property(ledger, (entries) => {
      expect(deriveManagedClaims(entries)).toEqual(deriveManagedClaims([...entries]));
    }));
  });

  it('money is conserved: open + (paid − credit) = raised, without adjustments or discounts', () => {
    fc.assert(fc.property(ledger, (all) => {
      const entries = all.filter((entry) => !('adjustmentDetails' in entry) && !('discountDetails' in entry));
      const state = replayLedger(entries);
      let raised = 0;
      let paid = 0;
      for (const entry of entries) {
        if ('invoiceDetails' in entry) raised += entry.invoiceDetails.amount;
        if ('feeDetails' in entry) raised += entry.feeDetails.amount;
        if ('paymentDetails' in entry) paid += entry.paymentDetails.amount;
        if ('chargebackDetails' in entry) {
          const target = entries.find((candidate) => candidate.ledgerEntryReference === entry.context.ledgerEntryReference);
          if (target && 'paymentDetails' in target) paid -= entry.chargebackDetails.amount;
          else raised += entry.chargebackDetails.amount;
        }
      }
      const openTotal = state.items.reduce((sum, item) => sum + item.openAmount, 0);
      expect(openTotal + paid - state.accountCredit).toBe(raised);
    }));
  });

  it('the insertion order of invoices and fees does not matter when createdAt differ', () => {
    const setup = fc.record({
      invoices: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }),
      accountFees: fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 3 }),
      invoiceFees: fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.nat()), { maxLength: 6 }),
      paid: fc.integer({ min: 0, max: 60_000 }),
      seed: fc.integer(),
    });
    fc.assert(fc.property(setup, ({ invoices, accountFees, invoiceFees, paid, seed }) => {
      let at = 0;
      const raised = [
        ...invoices.map((amount, i) => invoice(`I${i}`, amount, { at: (at += 1) })),
        ...accountFees.map((amount, i) => fee(`A${i}`, amount, { at: (at += 1) })),
      ];
      const fees = invoiceFees.map(([amount, pick], i) => fee(`F${i}`, amount, { at: (at += 1), target: `I${pick % invoices.length}` }));
      const shuffled = [...shuffle(raised, seed), ...shuffle(fees, seed + 1)];
      const ordered = [...raised, ...fees];
      const withPayment = (entries: LedgerEntry[]) => [...entries, payment('P', paid, { at: 9_999 })];
      expect(deriveManagedClaims(withPayment(shuffled))).toEqual(deriveManagedClaims(withPayment(ordered)).map(
        (c) => expect.objectContaining({ claimReference: c.claimReference, amount: c.amount, fees: c.fees, status: c.status }),
      ));
      expect(replayLedger(withPayment(shuffled)).accountCredit).toBe(replayLedger(withPayment(ordered)).accountCredit);
    }));
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0;
  for (let i = result.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}
