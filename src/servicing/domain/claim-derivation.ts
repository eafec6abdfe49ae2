import { addMinor, type MinorUnits } from '../../platform/money.js';
import {
  outstandingBalance, sumFees, type ClaimResolutionReason, type ClaimStatus, type Fee,
} from './claim.js';
import type { InvoiceLedgerEntry, LedgerEntry } from './ledger.js';
import { compareItemsByAge, replayLedger, type LedgerState, type OpenItem } from './ledger-replay.js';
import type { CalendarDate, Metadata } from './primitives.js';

/*
 * Managed claims derived from the ledger (spec §4.2, §4.3).
 * Decisions: status is a function of the final balance (ACTIVE while amount + totalFees > 0, otherwise RESOLVED
 * with CLAIM_PAID), so auto-resolution and reopening need no history; an explicit resolution (resolve_claims,
 * stop_journeys) is passed in and always wins. Claims are listed in creation order (invoice createdAt, then
 * insertion). Fees keep their name even at 0. Account currency and primaryDebtor are joined by the caller.
 */

/** Ledger-derived fields of a managed claim; names follow the wire `ClaimResponse`. */
export interface ManagedClaim {
  readonly claimReference: string;
  readonly amount: MinorUnits;
  readonly totalFees: MinorUnits;
  readonly fees: readonly Fee[];
  readonly originalDueDate: CalendarDate;
  readonly currentDueDate: CalendarDate;
  readonly productReference?: string;
  readonly paymentReference?: string;
  readonly meta: Metadata;
  /** `context.externalDebtorReference` of the invoice: which account debtor is the primaryDebtor. */
  readonly externalDebtorReference?: string;
  readonly status: ClaimStatus;
  readonly resolutionReason: ClaimResolutionReason | null;
  /** The claim's principal item then its fee items, chronologically. */
  readonly openItems: readonly OpenItem[];
}

/** Decides every managed claim of an account, with balances and status, from its ledger entries. */
export function deriveManagedClaims(
  entries: readonly LedgerEntry[],
  explicitResolutions: ReadonlyMap<string, ClaimResolutionReason> = new Map(),
): readonly ManagedClaim[] {
  const invoices = entries.filter((entry): entry is InvoiceLedgerEntry => 'invoiceDetails' in entry);
  return claimsOfInvoices(invoices, replayLedger(entries), explicitResolutions);
}

/**
 * Decides the managed claims of the given invoices from a ledger state that holds (at least) every item of those
 * invoices and their due dates; in creation order.
 */
export function claimsOfInvoices(
  invoices: readonly InvoiceLedgerEntry[],
  state: Pick<LedgerState, 'items' | 'adjustedDueDates'>,
  explicitResolutions: ReadonlyMap<string, ClaimResolutionReason> = new Map(),
): readonly ManagedClaim[] {
  const itemsByInvoice = new Map<string, OpenItem[]>();
  for (const item of state.items) {
    if (item.invoiceReference === undefined) continue;
    const items = itemsByInvoice.get(item.invoiceReference);
    if (items) items.push(item);
    else itemsByInvoice.set(item.invoiceReference, [item]);
  }
  return invoices
    .map((invoice) => {
      const reference = invoice.ledgerEntryReference;
      return buildClaim(invoice, itemsByInvoice.get(reference) ?? [], state.adjustedDueDates.get(reference), explicitResolutions.get(reference));
    })
    .sort((a, b) => compareItemsByAge(principalOf(a), principalOf(b)));
}

function principalOf(claim: ManagedClaim): OpenItem {
  return claim.openItems[0] as OpenItem;
}

function buildClaim(
  invoice: InvoiceLedgerEntry,
  items: readonly OpenItem[],
  adjustedDueDate: CalendarDate | undefined,
  explicitResolution: ClaimResolutionReason | undefined,
): ManagedClaim {
  const ordered = [...items].sort(compareItemsByAge);
  const principal = ordered.find((item) => item.kind === 'INVOICE_PRINCIPAL');
  const feeItems = ordered.filter((item) => item.kind === 'INVOICE_FEE');
  const amount = principal?.openAmount ?? 0;
  const fees = feesByName(feeItems);
  const totalFees = sumFees(fees);
  const { status, resolutionReason } = deriveStatus({ amount, totalFees }, explicitResolution);
  return {
    claimReference: invoice.ledgerEntryReference,
    amount,
    totalFees,
    fees,
    originalDueDate: invoice.invoiceDetails.dueDate,
    currentDueDate: adjustedDueDate ?? invoice.invoiceDetails.dueDate,
    ...optional('productReference', invoice.context.productReference),
    ...optional('paymentReference', invoice.invoiceDetails.paymentReference),
    meta: invoice.invoiceDetails.meta ?? {},
    ...optional('externalDebtorReference', invoice.context.externalDebtorReference),
    status,
    resolutionReason,
    openItems: principal ? [principal, ...feeItems] : feeItems,
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** Decides a claim's fees: open amounts summed per fee type, in order of each type's first fee. */
export function feesByName(feeItems: readonly OpenItem[]): readonly Fee[] {
  const totals = new Map<string, MinorUnits>();
  for (const item of feeItems) {
    const name = item.feeType ?? 'FEE';
    totals.set(name, addMinor(totals.get(name) ?? 0, item.openAmount));
  }
  return [...totals].map(([name, amount]) => ({ name, amount }));
}

/** Decides a managed claim's status: an explicit resolution wins; otherwise RESOLVED (CLAIM_PAID) exactly at zero. */
export function deriveStatus(
  balance: { readonly amount: MinorUnits; readonly totalFees: MinorUnits },
  explicitResolution?: ClaimResolutionReason,
): { readonly status: ClaimStatus; readonly resolutionReason: ClaimResolutionReason | null } {
  if (explicitResolution) return { status: 'RESOLVED', resolutionReason: explicitResolution };
  if (outstandingBalance(balance) === 0) return { status: 'RESOLVED', resolutionReason: 'CLAIM_PAID' };
  return { status: 'ACTIVE', resolutionReason: null };
}

/** A claim whose balance or status differs between two derivations (to recompute and notify once per change). */
export interface ClaimChange {
  readonly claimReference: string;
  readonly before: ManagedClaim | undefined;
  readonly after: ManagedClaim;
}

/** Decides which managed claims a ledger change affected: new claims and claims whose balance or status moved. */
export function changedClaims(before: readonly ManagedClaim[], after: readonly ManagedClaim[]): readonly ClaimChange[] {
  const previous = new Map(before.map((claim) => [claim.claimReference, claim]));
  return after
    .filter((claim) => !sameBalanceAndStatus(previous.get(claim.claimReference), claim))
    .map((claim) => ({ claimReference: claim.claimReference, before: previous.get(claim.claimReference), after: claim }));
}

function sameBalanceAndStatus(a: ManagedClaim | undefined, b: ManagedClaim): boolean {
  if (!a) return false;
  return a.amount === b.amount && a.totalFees === b.totalFees && a.status === b.status
    && a.currentDueDate === b.currentDueDate && JSON.stringify(a.fees) === JSON.stringify(b.fees);
}
