import { addMinor, subtractMinor, type MinorUnits } from '../../platform/money.js';
import {
  entryCreatedAt, entryProduct, feeTypeOf, type AdjustmentLedgerEntry, type ChargebackLedgerEntry,
  type DiscountLedgerEntry, type FeeLedgerEntry, type InvoiceLedgerEntry, type LedgerEntry, type PaymentLedgerEntry,
} from './ledger.js';

/*
 * Replays an account's ledger into open items (spec §4.1).
 * Decisions: entries take effect in insertion (append) order, since a later entry may aim at an earlier one;
 * `createdAt` (then insertion order) only orders the open items that untargeted money is spread over.
 * A Discount or a negative Adjustment larger than what is open is floored at 0 and its excess dropped (it is not
 * money, so it never becomes account credit). A Payment's excess is account credit; credit is not applied to later
 * items automatically (only a new payment or match does that). An untargeted Payment or Adjustment that names a
 * `productReference` is spread only over items of that product, like match_account_payment's filter.
 */

export type OpenItemKind = 'INVOICE_PRINCIPAL' | 'INVOICE_FEE' | 'ACCOUNT_ITEM';

/** One thing the debtor owes: an invoice principal, a fee on an invoice, or an account-level fee/adjustment. */
export interface OpenItem {
  /** The Invoice, Fee or Adjustment entry that raised the item. */
  readonly ledgerEntryReference: string;
  readonly kind: OpenItemKind;
  readonly sourceType: 'INVOICE' | 'FEE' | 'ADJUSTMENT';
  /** The invoice (= managed claim) the item belongs to; absent for account-level items. */
  readonly invoiceReference?: string;
  /** `feeDetails.type` (default `FEE`) for fee items. */
  readonly feeType?: string;
  /** Own product, or for an invoice fee without one, its invoice's product (spec §4.4). */
  readonly productReference?: string;
  readonly createdAt: number;
  /** Position of the raising entry in the ledger (insertion order), the tie-breaker after `createdAt`. */
  readonly sequence: number;
  readonly openAmount: MinorUnits;
}

/** One part of a payment's money: settled on an item, or kept as account credit. */
export interface SettledPart {
  readonly ledgerEntryReference: string | null;
  readonly amount: MinorUnits;
}

export interface LedgerState {
  /** Every item ever raised, in insertion order, with its current open amount (possibly 0). */
  readonly items: readonly OpenItem[];
  /** Unallocated money held for the account. */
  readonly accountCredit: MinorUnits;
  /** What each payment settled (net of chargebacks), oldest part first; `null` reference = credit. */
  readonly settledByPayment: ReadonlyMap<string, readonly SettledPart[]>;
  /** `currentDueDate` set by the latest dated Adjustment, per invoice reference. */
  readonly adjustedDueDates: ReadonlyMap<string, string>;
}

export interface MutableItem extends Omit<OpenItem, 'openAmount'> {
  openAmount: MinorUnits;
}

export interface MutablePart {
  readonly ledgerEntryReference: string | null;
  amount: MinorUnits;
}

/** When an invoice's currentDueDate was last set by a dated Adjustment (the latest by createdAt, then insertion). */
export interface DueDateStamp {
  readonly date: string;
  readonly createdAt: number;
  readonly sequence: number;
}

/**
 * The running state of an account's ledger, updated entry by entry. It may hold only part of the account's state:
 * applying entries reads only what `ledgerReads` names, so a state holding that part gives the same result as the
 * whole one (the store keeps the whole state and loads the part a batch needs).
 */
export interface ReplayState {
  readonly items: Map<string, MutableItem>;
  readonly settled: Map<string, MutablePart[]>;
  readonly dueDates: Map<string, DueDateStamp>;
  credit: MinorUnits;
}

export function emptyReplayState(): ReplayState {
  return { items: new Map(), settled: new Map(), dueDates: new Map(), credit: 0 };
}

/** Decides the open items, account credit and payment settlements that an account's ledger amounts to. */
export function replayLedger(entries: readonly LedgerEntry[]): LedgerState {
  return snapshotOf(applyEntries(emptyReplayState(), entries, 0));
}

/** Applies entries in order to a state, the first at ledger position `firstSequence`; returns the state. */
export function applyEntries(state: ReplayState, entries: readonly LedgerEntry[], firstSequence: number): ReplayState {
  entries.forEach((entry, offset) => applyEntry(state, entry, firstSequence + offset));
  return state;
}

/** A copy of a state that later entries do not change. */
export function snapshotOf(state: ReplayState): LedgerState {
  return {
    items: [...state.items.values()].map((item) => ({ ...item })),
    accountCredit: state.credit,
    settledByPayment: new Map([...state.settled].map(([ref, parts]) => [ref, parts.map((part) => ({ ...part }))])),
    adjustedDueDates: new Map([...state.dueDates].map(([ref, stamp]) => [ref, stamp.date])),
  };
}

/**
 * What applying a batch reads of the state before it: the items, settlements and due dates of the entries the
 * batch aims at (`references`; the store loads an invoice's fee items and due date with it, and a payment's settled
 * parts and their items), and, when an untargeted payment or negative adjustment spreads money, every item still
 * open (`openItems`). Items the batch itself adds are its own. Nothing else is read, whatever the ledger's length.
 */
export interface LedgerReads {
  readonly references: ReadonlySet<string>;
  readonly openItems: boolean;
}

export function ledgerReads(entries: readonly LedgerEntry[]): LedgerReads {
  const references = new Set<string>();
  const own = new Set<string>();
  let openItems = false;
  for (const entry of entries) {
    own.add(entry.ledgerEntryReference);
    if ('invoiceDetails' in entry || 'reportingDetails' in entry) continue;
    const target = (entry.context as { readonly ledgerEntryReference?: string }).ledgerEntryReference;
    if (target !== undefined) {
      if (!own.has(target)) references.add(target);
    }
    else if ('paymentDetails' in entry || ('adjustmentDetails' in entry && entry.adjustmentDetails.amount < 0)) openItems = true;
  }
  return { references, openItems };
}

/** Decides the chronological order of open items: `createdAt`, then insertion order. */
export function compareItemsByAge(a: Pick<OpenItem, 'createdAt' | 'sequence'>, b: Pick<OpenItem, 'createdAt' | 'sequence'>): number {
  return a.createdAt - b.createdAt || a.sequence - b.sequence;
}

function applyEntry(state: ReplayState, entry: LedgerEntry, sequence: number): void {
  if ('invoiceDetails' in entry) addInvoice(state, entry, sequence);
  else if ('feeDetails' in entry) addFee(state, entry, sequence);
  else if ('paymentDetails' in entry) applyPayment(state, entry);
  else if ('adjustmentDetails' in entry) applyAdjustment(state, entry, sequence);
  else if ('chargebackDetails' in entry) applyChargeback(state, entry);
  else if ('discountDetails' in entry) applyDiscount(state, entry);
  // Reporting entries are stored only (spec A42).
}

function addInvoice(state: ReplayState, entry: InvoiceLedgerEntry, sequence: number): void {
  state.items.set(entry.ledgerEntryReference, {
    ledgerEntryReference: entry.ledgerEntryReference,
    kind: 'INVOICE_PRINCIPAL',
    sourceType: 'INVOICE',
    invoiceReference: entry.ledgerEntryReference,
    productReference: entry.context.productReference,
    createdAt: entry.invoiceDetails.createdAt,
    sequence,
    openAmount: entry.invoiceDetails.amount,
  });
}

function addFee(state: ReplayState, entry: FeeLedgerEntry, sequence: number): void {
  const invoice = invoiceItemOf(state, entry.context.ledgerEntryReference);
  state.items.set(entry.ledgerEntryReference, {
    ledgerEntryReference: entry.ledgerEntryReference,
    kind: invoice ? 'INVOICE_FEE' : 'ACCOUNT_ITEM',
    sourceType: 'FEE',
    invoiceReference: invoice?.ledgerEntryReference,
    feeType: feeTypeOf(entry),
    productReference: entry.context.productReference ?? invoice?.productReference,
    createdAt: entry.feeDetails.createdAt,
    sequence,
    openAmount: entry.feeDetails.amount,
  });
}

function invoiceItemOf(state: ReplayState, reference: string | undefined): MutableItem | undefined {
  const item = reference === undefined ? undefined : state.items.get(reference);
  return item?.kind === 'INVOICE_PRINCIPAL' ? item : undefined;
}

function applyPayment(state: ReplayState, entry: PaymentLedgerEntry): void {
  const items = itemsToSettle(state, entry.context.ledgerEntryReference, entryProduct(entry));
  const parts = settle(items, entry.paymentDetails.amount);
  const leftover = subtractMinor(entry.paymentDetails.amount, addMinor(0, ...parts.map((part) => part.amount)));
  if (leftover > 0) {
    parts.push({ ledgerEntryReference: null, amount: leftover });
    state.credit = addMinor(state.credit, leftover);
  }
  state.settled.set(entry.ledgerEntryReference, parts);
}

function applyDiscount(state: ReplayState, entry: DiscountLedgerEntry): void {
  settle(itemsToSettle(state, entry.context.ledgerEntryReference, undefined), entry.discountDetails.amount);
}

/** The items money aimed at `target` settles, in order: an invoice's principal then its fees; or the one item. */
function itemsToSettle(state: ReplayState, target: string | undefined, product: string | undefined): MutableItem[] {
  if (target === undefined) return [...state.items.values()].filter((item) => matchesProduct(item, product)).sort(compareItemsByAge);
  const item = state.items.get(target);
  if (!item) return [];
  if (item.kind !== 'INVOICE_PRINCIPAL') return [item];
  const fees = [...state.items.values()].filter((fee) => fee.kind === 'INVOICE_FEE' && fee.invoiceReference === target);
  return [item, ...fees.sort(compareItemsByAge)];
}

function matchesProduct(item: MutableItem, product: string | undefined): boolean {
  return product === undefined || item.productReference === product;
}

/** Pays items in order with `amount`, lowering their open amounts; returns the parts settled. */
function settle(items: readonly MutableItem[], amount: MinorUnits): MutablePart[] {
  const parts: MutablePart[] = [];
  let remaining = amount;
  for (const item of items) {
    if (remaining === 0) break;
    const paid = Math.min(remaining, item.openAmount);
    if (paid === 0) continue;
    item.openAmount = subtractMinor(item.openAmount, paid);
    remaining = subtractMinor(remaining, paid);
    parts.push({ ledgerEntryReference: item.ledgerEntryReference, amount: paid });
  }
  return parts;
}

function applyAdjustment(state: ReplayState, entry: AdjustmentLedgerEntry, sequence: number): void {
  const target = entry.context.ledgerEntryReference;
  if (target !== undefined) return adjustTarget(state, entry, target, sequence);
  const amount = entry.adjustmentDetails.amount;
  if (amount > 0) addAccountAdjustment(state, entry, sequence);
  if (amount < 0) lowerAccountItems(state, subtractMinor(0, amount), entryProduct(entry));
}

function adjustTarget(state: ReplayState, entry: AdjustmentLedgerEntry, target: string, sequence: number): void {
  const item = state.items.get(target);
  if (!item) return;
  item.openAmount = Math.max(0, addMinor(item.openAmount, entry.adjustmentDetails.amount));
  const dueDate = entry.adjustmentDetails.dueDate;
  if (dueDate !== undefined && item.invoiceReference !== undefined) {
    recordDueDate(state, item.invoiceReference, { date: dueDate, createdAt: entryCreatedAt(entry), sequence });
  }
}

function recordDueDate(state: ReplayState, invoiceReference: string, stamp: DueDateStamp): void {
  const current = state.dueDates.get(invoiceReference);
  if (!current || compareItemsByAge(stamp, current) >= 0) state.dueDates.set(invoiceReference, stamp);
}

function addAccountAdjustment(state: ReplayState, entry: AdjustmentLedgerEntry, sequence: number): void {
  state.items.set(entry.ledgerEntryReference, {
    ledgerEntryReference: entry.ledgerEntryReference,
    kind: 'ACCOUNT_ITEM',
    sourceType: 'ADJUSTMENT',
    productReference: entry.context.productReference,
    createdAt: entry.adjustmentDetails.createdAt,
    sequence,
    openAmount: entry.adjustmentDetails.amount,
  });
}

function lowerAccountItems(state: ReplayState, amount: MinorUnits, product: string | undefined): void {
  const accountItems = [...state.items.values()]
    .filter((item) => item.kind === 'ACCOUNT_ITEM' && matchesProduct(item, product))
    .sort(compareItemsByAge);
  settle(accountItems, amount);
}

function applyChargeback(state: ReplayState, entry: ChargebackLedgerEntry): void {
  const target = entry.context.ledgerEntryReference;
  const parts = state.settled.get(target);
  if (parts) return reopenPayment(state, parts, entry.chargebackDetails.amount);
  const item = state.items.get(target);
  if (item) item.openAmount = addMinor(item.openAmount, entry.chargebackDetails.amount);
}

/** Reverses what a payment settled, newest part first (credit, when present, is the newest part). */
function reopenPayment(state: ReplayState, parts: MutablePart[], amount: MinorUnits): void {
  let remaining = amount;
  for (let index = parts.length - 1; index >= 0 && remaining > 0; index -= 1) {
    const part = parts[index] as MutablePart;
    const reversed = Math.min(remaining, part.amount);
    part.amount = subtractMinor(part.amount, reversed);
    remaining = subtractMinor(remaining, reversed);
    reopenPart(state, part, reversed);
  }
}

function reopenPart(state: ReplayState, part: MutablePart, amount: MinorUnits): void {
  if (part.ledgerEntryReference === null) {
    state.credit = subtractMinor(state.credit, amount);
    return;
  }
  const item = state.items.get(part.ledgerEntryReference);
  if (item) item.openAmount = addMinor(item.openAmount, amount);
}
