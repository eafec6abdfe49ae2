import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveManagedClaims } from '../../../src/servicing/domain/claim-derivation.js';
import { validateLedgerEntries, type LedgerEntry } from '../../../src/servicing/domain/ledger.js';
import { compareItemsByAge, replayLedger, type OpenItem } from '../../../src/servicing/domain/ledger-replay.js';
import {
  MATCH_STRATEGIES, allocatePayment, allocatedPerInvoice, eligibleItems, matchAccountPayment, orderItemsForStrategy,
  paymentReferencePrefix, type MatchAccountPaymentInput, type MatchStrategy, type PaymentMatch,
} from '../../../src/servicing/domain/matching.js';
import type { MatchError } from '../../../src/servicing/domain/errors.js';
import { adjustment, fee, invoice, payment } from './builders.js';
import { ledger } from './ledger-arbitrary.js';

const environment = { accountCurrency: 'EUR', nowMs: 1_647_526_514_000, fallbackReferencePrefix: 'UUID' };

function input(totalAmount: number, matchStrategy: MatchStrategy, extra: Partial<MatchAccountPaymentInput> = {}): MatchAccountPaymentInput {
  return { totalAmount, currency: 'EUR', matchStrategy, ...extra };
}

function matched(entries: readonly LedgerEntry[], request: MatchAccountPaymentInput): PaymentMatch {
  const result = matchAccountPayment(entries, request, environment);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refused(entries: readonly LedgerEntry[], request: MatchAccountPaymentInput): MatchError {
  const result = matchAccountPayment(entries, request, environment);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

function paidOrder(entries: readonly LedgerEntry[], request: MatchAccountPaymentInput): string[] {
  return matched(entries, request).allocations.map((allocation) => allocation.ledgerEntryReference);
}

// Two invoices with fees and three account-level items, createdAt interleaved.
const account: LedgerEntry[] = [
  invoice('INV_2', 100, { at: 20 }),
  fee('INV_2_FEE', 10, { target: 'INV_2', at: 25, type: 'LATE_FEE' }),
  invoice('INV_1', 200, { at: 10 }),
  fee('INV_1_COLL', 30, { target: 'INV_1', at: 40, type: 'COLLECTION_FEE' }),
  fee('INV_1_LATE', 20, { target: 'INV_1', at: 15, type: 'LATE_FEE' }),
  fee('ACC_FEE', 5, { at: 5, type: 'COLLECTION_FEE' }),
  adjustment('ACC_ADJ', 7, { at: 30 }),
  fee('ACC_OTHER', 3, { at: 50, type: 'OTHER' }),
];
const everything = 100 + 10 + 200 + 30 + 20 + 5 + 7 + 3;

describe('match strategies pay in their documented order', () => {
  it('ORDERED_LEDGER_ENTRIES: every item by createdAt', () => {
    expect(paidOrder(account, input(everything, 'ORDERED_LEDGER_ENTRIES'))).toEqual([
      'ACC_FEE', 'INV_1', 'INV_1_LATE', 'INV_2', 'INV_2_FEE', 'ACC_ADJ', 'INV_1_COLL', 'ACC_OTHER',
    ]);
  });

  it('ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES: invoice by invoice with its fees, then account items', () => {
    expect(paidOrder(account, input(everything, 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES'))).toEqual([
      'INV_1', 'INV_1_LATE', 'INV_1_COLL', 'INV_2', 'INV_2_FEE', 'ACC_FEE', 'ACC_ADJ', 'ACC_OTHER',
    ]);
  });

  it('ACCOUNT_ENTRIES_THEN_ORDERED_INVOICES_WITH_FEES: account items, then invoices with their fees', () => {
    expect(paidOrder(account, input(everything, 'ACCOUNT_ENTRIES_THEN_ORDERED_INVOICES_WITH_FEES'))).toEqual([
      'ACC_FEE', 'ACC_ADJ', 'ACC_OTHER', 'INV_1', 'INV_1_LATE', 'INV_1_COLL', 'INV_2', 'INV_2_FEE',
    ]);
  });

  it('CUSTOM_ORDERED_FEES: listed fee types in list order, other fees, principals, account adjustments', () => {
    const request = input(everything, 'CUSTOM_ORDERED_FEES', { context: { feeLedgerEntriesOrder: ['LATE_FEE', 'COLLECTION_FEE', 'LATE_FEE'] } });
    expect(paidOrder(account, request)).toEqual([
      'INV_1_LATE', 'INV_2_FEE', 'ACC_FEE', 'INV_1_COLL', 'ACC_OTHER', 'INV_1', 'INV_2', 'ACC_ADJ',
    ]);
  });

  it('keeps an invoice group in place when its principal is already paid', () => {
    const entries = [...account, payment('P', 200, { target: 'INV_1' })];
    expect(paidOrder(entries, input(60, 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES'))).toEqual(['INV_1_LATE', 'INV_1_COLL', 'INV_2']);
  });
});

describe('allocation amounts and credit', () => {
  it('pays min(remaining, open) per item until the money runs out', () => {
    const result = matched(account, input(215, 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES'));
    expect(result.allocations).toEqual([
      { ledgerEntryReference: 'INV_1', invoiceReference: 'INV_1', amount: 200 },
      { ledgerEntryReference: 'INV_1_LATE', invoiceReference: 'INV_1', amount: 15 },
    ]);
    expect(result.credit).toBe(0);
  });

  it('keeps an over-payment as account credit in one untargeted payment entry', () => {
    const result = matched([invoice('I', 100)], input(150, 'ORDERED_LEDGER_ENTRIES', {
      trackingId: 'TRACKING_ID_2', paymentReference: 'PAYMENT_REFERENCE_2', providerName: 'trustly', meta: { m: 1 },
    }));
    expect(result.credit).toBe(50);
    expect(result.paymentEntries).toEqual([
      {
        ledgerEntryReference: 'TRACKING_ID_2_1',
        paymentDetails: { amount: 100, paymentReference: 'PAYMENT_REFERENCE_2', paymentProvider: 'trustly', createdAt: environment.nowMs, meta: { m: 1 } },
        context: { ledgerEntryReference: 'I' },
      },
      {
        ledgerEntryReference: 'TRACKING_ID_2_2',
        paymentDetails: { amount: 50, paymentReference: 'PAYMENT_REFERENCE_2', paymentProvider: 'trustly', createdAt: environment.nowMs, meta: { m: 1 } },
        context: {},
      },
    ]);
  });

  it('puts everything into credit when nothing is open', () => {
    const result = matched([], input(10, 'ORDERED_LEDGER_ENTRIES'));
    expect(result.allocations).toEqual([]);
    expect(result.credit).toBe(10);
    expect(result.paymentEntries).toHaveLength(1);
  });

  it('does not filter by context.productReference: it describes the payment and is stored on its entries', () => {
    const entries = [
      invoice('A1', 100, { product: 'A', at: 1 }),
      fee('A1_FEE', 10, { target: 'A1', at: 2 }),
      invoice('B1', 100, { product: 'B', at: 3 }),
      fee('NO_PRODUCT', 5, { at: 0 }),
    ];
    const result = matched(entries, input(1000, 'ORDERED_LEDGER_ENTRIES', { context: { productReference: 'B' } }));
    expect(result.allocations.map((a) => a.ledgerEntryReference)).toEqual(['NO_PRODUCT', 'A1', 'A1_FEE', 'B1']);
    expect(result.credit).toBe(785);
    expect(result.paymentEntries.every((entry) => entry.context.productReference === 'B')).toBe(true);
  });

  it('totals allocations per invoice for the payment events', () => {
    const result = matched(account, input(everything, 'ORDERED_LEDGER_ENTRIES'));
    expect(Object.fromEntries(allocatedPerInvoice(result.allocations))).toEqual({ INV_1: 250, INV_2: 110 });
  });
});

describe('generated references', () => {
  it('prefer trackingId, then paymentReference, then the caller fallback', () => {
    expect(paymentReferencePrefix(input(1, 'ORDERED_LEDGER_ENTRIES', { trackingId: 'T', paymentReference: 'R' }), 'U')).toBe('T');
    expect(paymentReferencePrefix(input(1, 'ORDERED_LEDGER_ENTRIES', { paymentReference: 'R' }), 'U')).toBe('R');
    expect(paymentReferencePrefix(input(1, 'ORDERED_LEDGER_ENTRIES'), 'U')).toBe('U');
    expect(matched([invoice('I', 5)], input(5, 'ORDERED_LEDGER_ENTRIES')).paymentEntries[0]?.ledgerEntryReference).toBe('UUID_1');
  });

  it('skip numbers already used in the account', () => {
    const entries = [invoice('I', 100), payment('REF_1', 10, { target: 'I' }), payment('REF_3', 10, { target: 'I' })];
    const result = matched(entries, input(200, 'ORDERED_LEDGER_ENTRIES', { paymentReference: 'REF' }));
    expect(result.paymentEntries.map((entry) => entry.ledgerEntryReference)).toEqual(['REF_2', 'REF_4']);
  });
});

describe('refusals', () => {
  it('refuses another currency than the account currency', () => {
    expect(refused([], { ...input(1, 'ORDERED_LEDGER_ENTRIES'), currency: 'SEK' })).toMatchObject({ code: 'CURRENCY_MISMATCH', expected: 'EUR', actual: 'SEK' });
  });

  it('refuses 0, negative and fractional amounts; accepts 1 cent', () => {
    expect(refused([], input(0, 'ORDERED_LEDGER_ENTRIES')).code).toBe('INVALID_AMOUNT');
    expect(refused([], input(-5, 'ORDERED_LEDGER_ENTRIES')).code).toBe('INVALID_AMOUNT');
    expect(refused([], input(1.5, 'ORDERED_LEDGER_ENTRIES')).code).toBe('INVALID_AMOUNT');
    expect(matchAccountPayment([], input(1, 'ORDERED_LEDGER_ENTRIES'), environment).ok).toBe(true);
  });

  it('refuses an unknown strategy', () => {
    expect(refused([], input(1, 'NEWEST_FIRST' as MatchStrategy)).code).toBe('INVALID_MATCH_STRATEGY');
  });

  it('refuses CUSTOM_ORDERED_FEES without a non-empty feeLedgerEntriesOrder', () => {
    expect(refused([], input(1, 'CUSTOM_ORDERED_FEES')).code).toBe('FEE_ORDER_REQUIRED');
    expect(refused([], input(1, 'CUSTOM_ORDERED_FEES', { context: { feeLedgerEntriesOrder: [] } })).code).toBe('FEE_ORDER_REQUIRED');
    expect(matchAccountPayment([], input(1, 'ORDERED_LEDGER_ENTRIES', { context: { feeLedgerEntriesOrder: [] } }), environment).ok).toBe(true);
  });
});

describe('properties', () => {
  const strategy = fc.constantFrom(...MATCH_STRATEGIES);
  const feeOrder = fc.array(fc.constantFrom('FEE', 'LATE_FEE', 'COLLECTION_FEE', 'UNUSED'), { minLength: 1, maxLength: 4 });
  const request = fc.record({
    totalAmount: fc.integer({ min: 1, max: 200_000 }),
    matchStrategy: strategy,
    feeOrder,
    product: fc.constantFrom<string | undefined>(undefined, 'A', 'B'),
  }).map(({ totalAmount, matchStrategy, feeOrder: order, product }) => input(totalAmount, matchStrategy, {
    context: { feeLedgerEntriesOrder: order, ...(product ? { productReference: product } : {}) },
  }));

  it('never allocates more than the payment or than an item has open; allocations + credit = payment', () => {
    fc.assert(fc.property(ledger, request, (entries, paymentRequest) => {
      const result = matched(entries, paymentRequest);
      const openBefore = new Map(replayLedger(entries).items.map((item) => [item.ledgerEntryReference, item.openAmount]));
      const allocated = result.allocations.reduce((sum, allocation) => sum + allocation.amount, 0);
      expect(allocated + result.credit).toBe(paymentRequest.totalAmount);
      expect(allocated).toBeLessThanOrEqual(paymentRequest.totalAmount);
      for (const allocation of result.allocations) {
        expect(allocation.amount).toBeGreaterThan(0);
        expect(allocation.amount).toBeLessThanOrEqual(openBefore.get(allocation.ledgerEntryReference) ?? 0);
      }
      expect(result.paymentEntries.reduce((sum, entry) => sum + entry.paymentDetails.amount, 0)).toBe(paymentRequest.totalAmount);
    }));
  });

  it('credit is left only when every eligible item is paid in full', () => {
    fc.assert(fc.property(ledger, request, (entries, paymentRequest) => {
      const result = matched(entries, paymentRequest);
      const eligible = eligibleItems(replayLedger(entries).items);
      const eligibleTotal = eligible.reduce((sum, item) => sum + item.openAmount, 0);
      expect(result.credit).toBe(Math.max(0, paymentRequest.totalAmount - eligibleTotal));
    }));
  });

  it('each strategy pays in its documented order and orders every eligible item exactly once', () => {
    fc.assert(fc.property(ledger, strategy, feeOrder, (entries, matchStrategy, order) => {
      const items = eligibleItems(replayLedger(entries).items);
      const ordered = orderItemsForStrategy(items, matchStrategy, order);
      expect([...ordered].map(key).sort()).toEqual(items.map(key).sort());
      expectDocumentedOrder(ordered, matchStrategy, order);
    }));
  });

  it('the payment entries, appended to the ledger, are valid and lower the items by exactly the allocations', () => {
    fc.assert(fc.property(ledger, request, (entries, paymentRequest) => {
      const result = matched(entries, paymentRequest);
      expect(validateLedgerEntries(entries, result.paymentEntries, { debtorReferences: ['D'] }).ok).toBe(true);
      const before = replayLedger(entries);
      const after = replayLedger([...entries, ...result.paymentEntries]);
      const allocated = new Map<string, number>();
      for (const allocation of result.allocations) allocated.set(allocation.ledgerEntryReference, (allocated.get(allocation.ledgerEntryReference) ?? 0) + allocation.amount);
      before.items.forEach((item, index) => {
        expect(after.items[index]?.openAmount).toBe(item.openAmount - (allocated.get(item.ledgerEntryReference) ?? 0));
      });
      expect(after.accountCredit).toBe(before.accountCredit + result.credit);
      const paidClaims = deriveManagedClaims([...entries, ...result.paymentEntries]);
      for (const derived of paidClaims) expect(derived.amount + derived.totalFees).toBeGreaterThanOrEqual(0);
    }));
  });

  it('allocatePayment walks the given order greedily', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 10 }), fc.integer({ min: 0, max: 5000 }), (opens, amount) => {
      const items = opens.map((openAmount, i) => ({ ledgerEntryReference: `X${i}`, kind: 'ACCOUNT_ITEM', sourceType: 'FEE', createdAt: i, sequence: i, openAmount }) as OpenItem);
      const { allocations } = allocatePayment(items, amount);
      let remaining = amount;
      const expected = items.flatMap((item) => {
        const paid = Math.min(remaining, item.openAmount);
        remaining -= paid;
        return paid > 0 ? [{ ledgerEntryReference: item.ledgerEntryReference, amount: paid }] : [];
      });
      expect(allocations).toEqual(expected);
    }));
  });
});

function key(item: OpenItem): string {
  return item.ledgerEntryReference;
}

function isAscending(items: readonly OpenItem[]): boolean {
  return items.every((item, i) => i === 0 || compareItemsByAge(items[i - 1] as OpenItem, item) <= 0);
}

/** Checks an ordering against the table of spec §4.4, independently of how matching.ts builds it. */
function expectDocumentedOrder(ordered: readonly OpenItem[], strategy: MatchStrategy, feeOrder: readonly string[]): void {
  const isAccount = (item: OpenItem) => item.kind === 'ACCOUNT_ITEM';
  if (strategy === 'ORDERED_LEDGER_ENTRIES') return void expect(isAscending(ordered)).toBe(true);
  if (strategy === 'CUSTOM_ORDERED_FEES') {
    const rank = (item: OpenItem) => {
      if (item.sourceType === 'FEE') {
        const position = feeOrder.indexOf(item.feeType ?? '');
        return position >= 0 ? position : feeOrder.length;
      }
      return item.kind === 'INVOICE_PRINCIPAL' ? feeOrder.length + 1 : feeOrder.length + 2;
    };
    ordered.forEach((item, i) => {
      const previous = ordered[i - 1];
      if (!previous) return;
      expect(rank(previous)).toBeLessThanOrEqual(rank(item));
      if (rank(previous) === rank(item)) expect(compareItemsByAge(previous, item)).toBeLessThan(0);
    });
    return;
  }
  const accountFirst = strategy === 'ACCOUNT_ENTRIES_THEN_ORDERED_INVOICES_WITH_FEES';
  const accountPart = ordered.filter(isAccount);
  const invoicePart = ordered.filter((item) => !isAccount(item));
  expect(ordered).toEqual(accountFirst ? [...accountPart, ...invoicePart] : [...invoicePart, ...accountPart]);
  expect(isAscending(accountPart)).toBe(true);
  const groups = invoicePart.map((item) => item.invoiceReference);
  const seen = new Set<string | undefined>();
  groups.forEach((group, i) => {
    if (i > 0 && groups[i - 1] !== group) expect(seen.has(group)).toBe(false);
    seen.add(group);
  });
  for (const group of seen) {
    const members = invoicePart.filter((item) => item.invoiceReference === group);
    const fees = members.filter((item) => item.kind === 'INVOICE_FEE');
    expect(isAscending(fees)).toBe(true);
    if (members[0]?.kind !== 'INVOICE_PRINCIPAL') expect(members.some((item) => item.kind === 'INVOICE_PRINCIPAL')).toBe(false);
  }
}
