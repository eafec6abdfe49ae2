import { addMinor, subtractMinor, type MinorUnits } from '../../platform/money.js';
import type { MatchError } from './errors.js';
import { checkCurrencyMatchesAccount, type LedgerEntry, type PaymentLedgerEntry } from './ledger.js';
import { compareItemsByAge, replayLedger, type OpenItem } from './ledger-replay.js';
import { isAmount, type Metadata } from './primitives.js';
import { err, ok, type Result } from '../../platform/result.js';

/*
 * match_account_payment (spec #12, §4.4).
 * Decisions: a payment of 0 is refused (it would record nothing). Existing account credit is not consumed by a
 * match. Generated references `<trackingId|paymentReference|fallback>_<n>` skip any n already used in the account,
 * so a reused paymentReference never collides; detecting a replayed trackingId is left to request idempotency.
 * Duplicate types in `feeLedgerEntriesOrder` count at their first position.
 */

export const MATCH_STRATEGIES = [
  'ORDERED_LEDGER_ENTRIES',
  'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
  'ACCOUNT_ENTRIES_THEN_ORDERED_INVOICES_WITH_FEES',
  'CUSTOM_ORDERED_FEES',
] as const;

export type MatchStrategy = (typeof MATCH_STRATEGIES)[number];

/** The wire `MatchAccountPaymentInput` (without `accountReference`). */
export interface MatchAccountPaymentInput {
  readonly totalAmount: MinorUnits;
  readonly currency: string;
  readonly matchStrategy: MatchStrategy;
  readonly providerName?: string;
  readonly trackingId?: string;
  readonly paymentReference?: string;
  readonly meta?: Metadata;
  readonly context?: {
    readonly productReference?: string;
    readonly feeLedgerEntriesOrder?: readonly string[];
  };
}

/** What the caller supplies from outside the domain: the account currency, the clock, and a fresh id. */
export interface MatchEnvironment {
  readonly accountCurrency: string;
  readonly nowMs: number;
  /** Used as reference prefix when neither trackingId nor paymentReference is sent (a UUID v4). */
  readonly fallbackReferencePrefix: string;
  /**
   * The invoices the payment's reference names (a transfer prepared on the debtor's landing page): they and their
   * fees are paid first, in the strategy's order; money left over goes on by the strategy as usual.
   */
  readonly targetInvoices?: readonly string[];
}

export interface PaymentAllocation {
  /** The open item's entry (Invoice, Fee or Adjustment). */
  readonly ledgerEntryReference: string;
  readonly invoiceReference?: string;
  readonly amount: MinorUnits;
}

export interface PaymentMatch {
  readonly allocations: readonly PaymentAllocation[];
  /** Money left after every eligible item was paid, kept as account credit. */
  readonly credit: MinorUnits;
  /** One targeted Payment entry per allocation, plus one untargeted entry for the credit. */
  readonly paymentEntries: readonly PaymentLedgerEntry[];
}

/** Decides how an incoming payment is spread over the account's open items and which Payment entries record it. */
export function matchAccountPayment(
  entries: readonly LedgerEntry[],
  input: MatchAccountPaymentInput,
  environment: MatchEnvironment,
): Result<PaymentMatch, MatchError> {
  const used = new Set(entries.map((entry) => entry.ledgerEntryReference));
  return matchPaymentToItems(replayLedger(entries).items, input, environment, (reference) => used.has(reference));
}

/**
 * The same decision from the account's items (at least every item still open) and a test of which references the
 * account already uses, so a caller holding the ledger's running state need not read the ledger.
 */
export function matchPaymentToItems(
  items: readonly OpenItem[],
  input: MatchAccountPaymentInput,
  environment: MatchEnvironment,
  isUsed: (reference: string) => boolean,
): Result<PaymentMatch, MatchError> {
  const error = checkMatchInput(input, environment.accountCurrency);
  if (error) return err(error);
  const ordered = targetedFirst(orderItemsForStrategy(eligibleItems(items), input.matchStrategy, input.context?.feeLedgerEntriesOrder ?? []), environment.targetInvoices);
  const { allocations, credit } = allocatePayment(ordered, input.totalAmount);
  return ok({ allocations, credit, paymentEntries: paymentEntriesFor(allocations, credit, input, environment, isUsed) });
}

/** How many Payment entries a match writes, hence how many references it generates. */
export function paymentEntryCount(match: Pick<PaymentMatch, 'allocations' | 'credit'>): number {
  return match.allocations.length + (match.credit > 0 ? 1 : 0);
}

function checkMatchInput(input: MatchAccountPaymentInput, accountCurrency: string): MatchError | undefined {
  if (!(MATCH_STRATEGIES as readonly string[]).includes(input.matchStrategy)) {
    return { code: 'INVALID_MATCH_STRATEGY', matchStrategy: input.matchStrategy, message: `Unknown matchStrategy ${String(input.matchStrategy)}` };
  }
  if (!isAmount(input.totalAmount) || input.totalAmount === 0) {
    return { code: 'INVALID_AMOUNT', amount: input.totalAmount, message: 'totalAmount must be an integer number of cents greater than 0' };
  }
  const mismatch = checkCurrencyMatchesAccount(accountCurrency, input.currency);
  if (mismatch) return mismatch;
  if (input.matchStrategy === 'CUSTOM_ORDERED_FEES' && (input.context?.feeLedgerEntriesOrder ?? []).length === 0) {
    return { code: 'FEE_ORDER_REQUIRED', message: 'CUSTOM_ORDERED_FEES requires a non-empty context.feeLedgerEntriesOrder' };
  }
  return undefined;
}

/**
 * Decides which items can take money: every item with an open amount above 0. A payment's `context.productReference`
 * describes the payment and does not narrow this (the seed's examples, run in sequence, require it).
 */
export function eligibleItems(items: readonly OpenItem[]): readonly OpenItem[] {
  return items.filter((item) => item.openAmount > 0);
}

/** Decides the order in which a strategy pays items (spec §4.4); every given item appears exactly once. */
export function orderItemsForStrategy(
  items: readonly OpenItem[],
  strategy: MatchStrategy,
  feeOrder: readonly string[] = [],
): readonly OpenItem[] {
  const byAge = [...items].sort(compareItemsByAge);
  const accountItems = byAge.filter((item) => item.kind === 'ACCOUNT_ITEM');
  switch (strategy) {
    case 'ORDERED_LEDGER_ENTRIES':
      return byAge;
    case 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES':
      return [...invoicesWithTheirFees(byAge), ...accountItems];
    case 'ACCOUNT_ENTRIES_THEN_ORDERED_INVOICES_WITH_FEES':
      return [...accountItems, ...invoicesWithTheirFees(byAge)];
    case 'CUSTOM_ORDERED_FEES':
      return customOrderedFees(byAge, feeOrder);
  }
}

/** The items of the targeted invoices first, each part keeping the strategy's order. */
export function targetedFirst(ordered: readonly OpenItem[], targetInvoices: readonly string[] | undefined): readonly OpenItem[] {
  if (!targetInvoices || targetInvoices.length === 0) return ordered;
  const targeted = (item: OpenItem) => item.invoiceReference !== undefined && targetInvoices.includes(item.invoiceReference);
  return [...ordered.filter(targeted), ...ordered.filter((item) => !targeted(item))];
}

/** Invoice by invoice (oldest principal first): the principal, then that invoice's fees oldest first. */
function invoicesWithTheirFees(byAge: readonly OpenItem[]): readonly OpenItem[] {
  const groups = new Map<string, { readonly anchor: OpenItem; readonly items: OpenItem[] }>();
  for (const item of byAge) {
    if (item.invoiceReference === undefined) continue;
    const group = groups.get(item.invoiceReference) ?? { anchor: item, items: [] };
    group.items.push(item);
    groups.set(item.invoiceReference, group);
  }
  const ordered = [...groups.values()].map((group) => ({
    anchor: group.items.find((item) => item.kind === 'INVOICE_PRINCIPAL') ?? group.anchor,
    items: [...group.items].sort(principalFirstThenAge),
  }));
  return ordered.sort((a, b) => compareItemsByAge(a.anchor, b.anchor)).flatMap((group) => group.items);
}

function principalFirstThenAge(a: OpenItem, b: OpenItem): number {
  const rank = (item: OpenItem) => (item.kind === 'INVOICE_PRINCIPAL' ? 0 : 1);
  return rank(a) - rank(b) || compareItemsByAge(a, b);
}

/** Listed fee types in list order, then other fees, then invoice principals, then account adjustments. */
function customOrderedFees(byAge: readonly OpenItem[], feeOrder: readonly string[]): readonly OpenItem[] {
  const fees = byAge.filter((item) => item.sourceType === 'FEE');
  const listed = [...new Set(feeOrder)].flatMap((type) => fees.filter((fee) => fee.feeType === type));
  const unlisted = fees.filter((fee) => !feeOrder.includes(fee.feeType ?? ''));
  const principals = byAge.filter((item) => item.kind === 'INVOICE_PRINCIPAL');
  const adjustments = byAge.filter((item) => item.sourceType === 'ADJUSTMENT');
  return [...listed, ...unlisted, ...principals, ...adjustments];
}

/** Decides how much each item in order receives (`min(remaining, open)`) and what is left as credit. */
export function allocatePayment(
  ordered: readonly OpenItem[],
  totalAmount: MinorUnits,
): { readonly allocations: readonly PaymentAllocation[]; readonly credit: MinorUnits } {
  const allocations: PaymentAllocation[] = [];
  let remaining = totalAmount;
  for (const item of ordered) {
    if (remaining === 0) break;
    const amount = Math.min(remaining, item.openAmount);
    if (amount <= 0) continue;
    allocations.push({
      ledgerEntryReference: item.ledgerEntryReference,
      ...(item.invoiceReference === undefined ? {} : { invoiceReference: item.invoiceReference }),
      amount,
    });
    remaining = subtractMinor(remaining, amount);
  }
  return { allocations, credit: remaining };
}

/** Decides the reference prefix of generated Payment entries: trackingId, else paymentReference, else the fallback. */
export function paymentReferencePrefix(input: MatchAccountPaymentInput, fallback: string): string {
  return input.trackingId ?? input.paymentReference ?? fallback;
}

function paymentEntriesFor(
  allocations: readonly PaymentAllocation[],
  credit: MinorUnits,
  input: MatchAccountPaymentInput,
  environment: MatchEnvironment,
  isUsed: (reference: string) => boolean,
): readonly PaymentLedgerEntry[] {
  const nextReference = referenceGenerator(paymentReferencePrefix(input, environment.fallbackReferencePrefix), isUsed);
  const parts = credit > 0 ? [...allocations, { ledgerEntryReference: undefined, amount: credit }] : allocations;
  return parts.map((part) => ({
    ledgerEntryReference: nextReference(),
    paymentDetails: {
      amount: part.amount,
      ...(input.paymentReference === undefined ? {} : { paymentReference: input.paymentReference }),
      ...(input.providerName === undefined ? {} : { paymentProvider: input.providerName }),
      createdAt: environment.nowMs,
      ...(input.meta === undefined ? {} : { meta: input.meta }),
    },
    context: {
      ...(input.context?.productReference === undefined ? {} : { productReference: input.context.productReference }),
      ...(part.ledgerEntryReference === undefined ? {} : { ledgerEntryReference: part.ledgerEntryReference }),
    },
  }));
}

function referenceGenerator(prefix: string, isUsed: (reference: string) => boolean): () => string {
  let n = 0;
  return () => {
    let reference: string;
    do {
      n += 1;
      reference = `${prefix}_${n}`;
    } while (isUsed(reference));
    return reference;
  };
}

/** Decides the total a match allocated to each invoice (= managed claim), for per-claim payment events. */
export function allocatedPerInvoice(allocations: readonly PaymentAllocation[]): ReadonlyMap<string, MinorUnits> {
  const totals = new Map<string, MinorUnits>();
  for (const allocation of allocations) {
    if (allocation.invoiceReference === undefined) continue;
    totals.set(allocation.invoiceReference, addMinor(totals.get(allocation.invoiceReference) ?? 0, allocation.amount));
  }
  return totals;
}
