import fc from 'fast-check';
import {
  ledgerEntryType, reversiblePaymentAmount, type LedgerEntry, type LedgerEntryType, type PaymentLedgerEntry,
} from '../../../src/servicing/domain/ledger.js';
import { adjustment, chargeback, discount, fee, invoice, payment, reporting } from './builders.js';

/** fast-check generators of valid ledgers: ops pick their targets among earlier entries of an allowed type. */

export type LedgerOp =
  | { readonly kind: 'invoice'; readonly amount: number; readonly at: number; readonly product: string | undefined }
  | { readonly kind: 'fee'; readonly amount: number; readonly at: number; readonly pick: number | null; readonly type: string; readonly product: string | undefined }
  | { readonly kind: 'payment'; readonly amount: number; readonly at: number; readonly pick: number | null; readonly product: string | undefined }
  | { readonly kind: 'adjustment'; readonly amount: number; readonly at: number; readonly pick: number | null; readonly dueDate: string | undefined }
  | { readonly kind: 'chargeback'; readonly amount: number; readonly at: number; readonly pick: number }
  | { readonly kind: 'discount'; readonly amount: number; readonly at: number; readonly pick: number }
  | { readonly kind: 'reporting'; readonly amount: number; readonly at: number };

const amount = fc.integer({ min: 0, max: 50_000 });
const at = fc.integer({ min: 0, max: 1_000 });
const pick = fc.nat({ max: 1_000 });
const product = fc.constantFrom<string | undefined>('A', 'B', undefined);

export const ledgerOp: fc.Arbitrary<LedgerOp> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('invoice' as const), amount, at, product }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('fee' as const), amount, at, pick: fc.option(pick), type: fc.constantFrom('FEE', 'LATE_FEE', 'COLLECTION_FEE'), product }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('payment' as const), amount, at, pick: fc.option(pick), product }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('adjustment' as const), amount: fc.integer({ min: -50_000, max: 50_000 }), at, pick: fc.option(pick), dueDate: fc.constantFrom(undefined, '2025-01-01', '2025-06-30') }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('chargeback' as const), amount, at, pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('discount' as const), amount, at, pick }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('reporting' as const), amount, at }), weight: 1 },
);

function choose(entries: readonly LedgerEntry[], types: readonly LedgerEntryType[], index: number): LedgerEntry | undefined {
  const candidates = entries.filter((entry) => types.includes(ledgerEntryType(entry)));
  return candidates.length === 0 ? undefined : candidates[index % candidates.length];
}

function targetOf(entries: readonly LedgerEntry[], types: readonly LedgerEntryType[], index: number | null): string | undefined {
  return index === null ? undefined : choose(entries, types, index)?.ledgerEntryReference;
}

/** Turns ops into a valid ledger (ops whose required target does not exist yet are skipped). */
export function buildLedger(ops: readonly LedgerOp[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  ops.forEach((op, n) => {
    const entry = entryFor(entries, op, `E${n}`);
    if (entry) entries.push(entry);
  });
  return entries;
}

function entryFor(entries: readonly LedgerEntry[], op: LedgerOp, ref: string): LedgerEntry | undefined {
  switch (op.kind) {
    case 'invoice':
      return invoice(ref, op.amount, { at: op.at, product: op.product });
    case 'fee':
      return fee(ref, op.amount, { at: op.at, type: op.type, product: op.product, target: targetOf(entries, ['INVOICE'], op.pick) });
    case 'payment':
      return payment(ref, op.amount, { at: op.at, product: op.product, target: targetOf(entries, ['INVOICE', 'FEE'], op.pick) });
    case 'adjustment':
      return adjustment(ref, op.amount, { at: op.at, dueDate: op.dueDate, target: targetOf(entries, ['INVOICE', 'FEE'], op.pick) });
    case 'chargeback':
      return chargebackFor(entries, op, ref);
    case 'discount': {
      const target = choose(entries, ['INVOICE', 'FEE'], op.pick);
      return target ? discount(ref, op.amount, target.ledgerEntryReference, { at: op.at }) : undefined;
    }
    case 'reporting':
      return reporting(ref, op.amount, { at: op.at });
  }
}

function chargebackFor(entries: readonly LedgerEntry[], op: { amount: number; at: number; pick: number }, ref: string): LedgerEntry | undefined {
  const target = choose(entries, ['PAYMENT', 'INVOICE', 'FEE'], op.pick);
  if (!target) return undefined;
  const limit = 'paymentDetails' in target ? reversiblePaymentAmount(entries, target as PaymentLedgerEntry) : op.amount;
  return chargeback(ref, Math.min(op.amount, limit), target.ledgerEntryReference, { at: op.at });
}

export const ledger: fc.Arbitrary<LedgerEntry[]> = fc.array(ledgerOp, { maxLength: 40 }).map(buildLedger);
