import { subtractMinor, type MinorUnits } from '../../platform/money.js';
import {
  ledgerEntryType, type AdjustmentLedgerEntry, type ChargebackLedgerEntry, type LedgerEntry, type PaymentLedgerEntry,
} from './ledger.js';
import type { EntryAmountUpdateError } from './errors.js';
import { replayLedger } from './ledger-replay.js';
import { isAmount, isReference, type Metadata } from './primitives.js';
import { err, ok, type Result } from '../../platform/result.js';

/*
 * update_account_ledger_entries_amounts (spec #13, §4.5).
 * Decisions: `reason` is compared case-sensitively (`PAYMENT`, `CHARGEBACK`); an empty list is refused; generated
 * entries carry the caller's `nowMs` and, when the target has one, its productReference. A Payment generated for an
 * Invoice only ever lowers its principal (the delta never exceeds the open principal), so fees stay untouched.
 */

/** One element of the wire `ledgerEntries[]`: the target amount of an Invoice or Fee entry. */
export interface LedgerEntryAmountUpdate {
  readonly ledgerEntryReference: string;
  readonly amount: MinorUnits;
  readonly reason: string;
  readonly meta: Metadata;
}

/** The wire `UpdateAccountLedgerEntriesAmountsInput`. */
export interface UpdateAccountLedgerEntriesAmountsInput {
  readonly accountReference: string;
  readonly ledgerEntries: readonly LedgerEntryAmountUpdate[];
}

type GeneratedEntry = PaymentLedgerEntry | ChargebackLedgerEntry | AdjustmentLedgerEntry;

/**
 * Decides the Payment/Chargeback/Adjustment entries that bring each named Invoice or Fee to its target amount,
 * simulating the elements in order; all or nothing for the account.
 */
export function planLedgerEntryAmountUpdates(
  existing: readonly LedgerEntry[],
  input: UpdateAccountLedgerEntriesAmountsInput,
  nowMs: number,
): Result<readonly GeneratedEntry[], EntryAmountUpdateError> {
  if (input.ledgerEntries.length === 0) {
    return err({ code: 'NO_LEDGER_ENTRIES', message: 'ledgerEntries must contain at least one element' });
  }
  const ledger: LedgerEntry[] = [...existing];
  const used = new Set(existing.map((entry) => entry.ledgerEntryReference));
  const generated: GeneratedEntry[] = [];
  for (const [index, update] of input.ledgerEntries.entries()) {
    const step = planOneUpdate(ledger, update, index, nowMs, used);
    if (!step.ok) return step;
    if (step.value === undefined) continue;
    ledger.push(step.value);
    used.add(step.value.ledgerEntryReference);
    generated.push(step.value);
  }
  return ok(generated);
}

function planOneUpdate(
  ledger: readonly LedgerEntry[],
  update: LedgerEntryAmountUpdate,
  index: number,
  nowMs: number,
  used: ReadonlySet<string>,
): Result<GeneratedEntry | undefined, EntryAmountUpdateError> {
  const base = { index, ledgerEntryReference: update.ledgerEntryReference };
  if (!isReference(update.reason)) return err({ ...base, code: 'REASON_REQUIRED', message: 'The reason field is mandatory' });
  if (!isAmount(update.amount)) {
    return err({ ...base, code: 'INVALID_AMOUNT', amount: update.amount, message: 'amount must be an integer number of cents >= 0' });
  }
  const targetError = checkUpdatableTarget(ledger, base);
  if (targetError) return err(targetError);
  const current = currentOpenAmount(ledger, update.ledgerEntryReference);
  const delta = subtractMinor(update.amount, current);
  const conflict = checkDirection(update, delta, current, base);
  if (conflict) return err(conflict);
  if (delta === 0) return ok(undefined);
  const target = ledger.find((entry) => entry.ledgerEntryReference === update.ledgerEntryReference) as LedgerEntry;
  const reference = uniqueReference(`${update.ledgerEntryReference}_${update.reason}`, used);
  return ok(entryClosingGap(update, delta, reference, target.context.productReference, nowMs));
}

function checkUpdatableTarget(
  ledger: readonly LedgerEntry[],
  base: { readonly index: number; readonly ledgerEntryReference: string },
): EntryAmountUpdateError | undefined {
  const target = ledger.find((entry) => entry.ledgerEntryReference === base.ledgerEntryReference);
  if (!target) {
    return { ...base, code: 'LEDGER_ENTRY_NOT_FOUND', message: `Ledger Entry ${base.ledgerEntryReference} not found in the account` };
  }
  const type = ledgerEntryType(target);
  if (type === 'INVOICE' || type === 'FEE') return undefined;
  return { ...base, code: 'NOT_INVOICE_OR_FEE', message: `Ledger Entry ${base.ledgerEntryReference} is a ${type} entry, not an Invoice or Fee` };
}

/** Decides `current(X)`: the open principal of an Invoice or the open amount of a Fee. */
export function currentOpenAmount(ledger: readonly LedgerEntry[], ledgerEntryReference: string): MinorUnits {
  const item = replayLedger(ledger).items.find((candidate) => candidate.ledgerEntryReference === ledgerEntryReference);
  return item?.openAmount ?? 0;
}

function checkDirection(
  update: LedgerEntryAmountUpdate,
  delta: MinorUnits,
  current: MinorUnits,
  base: { readonly index: number; readonly ledgerEntryReference: string },
): EntryAmountUpdateError | undefined {
  const raisesWithPayment = update.reason === 'PAYMENT' && delta > 0;
  const lowersWithChargeback = update.reason === 'CHARGEBACK' && delta < 0;
  if (!raisesWithPayment && !lowersWithChargeback) return undefined;
  const verb = raisesWithPayment ? 'a PAYMENT cannot raise' : 'a CHARGEBACK cannot lower';
  return {
    ...base,
    code: 'DIRECTION_CONFLICT',
    current,
    target: update.amount,
    message: `Ledger Entry ${base.ledgerEntryReference}: ${verb} the amount from ${current} to ${update.amount}`,
  };
}

/** Decides the first free reference `<prefix>_<k>` (k from 1). */
export function uniqueReference(prefix: string, used: ReadonlySet<string>): string {
  let k = 1;
  while (used.has(`${prefix}_${k}`)) k += 1;
  return `${prefix}_${k}`;
}

function entryClosingGap(
  update: LedgerEntryAmountUpdate,
  delta: MinorUnits,
  ledgerEntryReference: string,
  productReference: string | undefined,
  nowMs: number,
): GeneratedEntry {
  const context = {
    ...(productReference === undefined ? {} : { productReference }),
    ledgerEntryReference: update.ledgerEntryReference,
  };
  if (update.reason === 'PAYMENT') {
    return { ledgerEntryReference, paymentDetails: { amount: subtractMinor(0, delta), createdAt: nowMs, meta: update.meta }, context };
  }
  if (update.reason === 'CHARGEBACK') {
    return { ledgerEntryReference, chargebackDetails: { amount: delta, createdAt: nowMs, meta: update.meta }, context };
  }
  return {
    ledgerEntryReference,
    adjustmentDetails: { reason: update.reason, amount: delta, createdAt: nowMs, meta: update.meta },
    context,
  };
}
