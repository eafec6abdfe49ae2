import { randomUUID } from 'node:crypto';
import { deriveManagedClaims, type ManagedClaim } from './domain/claim-derivation.js';
import type { ClaimResolutionReason } from './domain/claim.js';
import { planLedgerEntryAmountUpdates, type LedgerEntryAmountUpdate } from './domain/entry-amount-updates.js';
import { stampLedgerEntry, validateLedgerEntries, type LedgerEntry, type LedgerEntryInput } from './domain/ledger.js';
import { allocatedPerInvoice, matchAccountPayment, type MatchAccountPaymentInput } from './domain/matching.js';
import { compact, failed, GENERIC_SUCCESS, ItemFailure, succeeded, type ItemResult, type ServicingContext } from './context.js';
import { claimCreatedEvent, claimPaymentEvent, receeveClaimRef } from './events.js';
import { managedPrimaryDebtor, type ManagedClaimData } from './render.js';
import {
  insertClaims, insertLedgerEntries, loadClaims, loadLedger, loadManagedClaims, saveClaim,
  type AccountRecord, type Json, type NewClaimRow, type StoredLedgerEntry,
} from './store.js';
import { servicingAccounts } from './schema.js';
import { and, eq } from 'drizzle-orm';

/*
 * Ledger use cases (spec #5, #12, #13, §4). The caller holds the account row FOR UPDATE. Entries are validated
 * all-or-nothing per account against the stored ledger, appended, and the account's managed claims are then
 * recomputed once from the whole ledger (§4.3).
 */

/** Ledgers read during one request, so several items of one account read the ledger once. */
export class LedgerCache {
  readonly #ledgers = new Map<string, StoredLedgerEntry[]>();

  async get(ctx: ServicingContext, accountReference: string): Promise<StoredLedgerEntry[]> {
    let ledger = this.#ledgers.get(accountReference);
    if (!ledger) {
      ledger = await loadLedger(ctx.uow.tx, ctx.tenantId, accountReference);
      this.#ledgers.set(accountReference, ledger);
    }
    return ledger;
  }

  seed(accountReference: string, ledger: StoredLedgerEntry[]): void {
    this.#ledgers.set(accountReference, ledger);
  }
}

/** Stamps client entries with the request time where they carry no createdAt. */
export function stampAll(ctx: ServicingContext, wires: readonly Json[]): StoredLedgerEntry[] {
  return wires.map((wire) => ({ wire, entry: stampLedgerEntry(wire as unknown as LedgerEntryInput, ctx.nowMs) }));
}

/** Why a batch of client entries cannot be appended to the account, or undefined when it can. */
export async function ledgerBatchProblem(
  ctx: ServicingContext, account: AccountRecord, existing: readonly StoredLedgerEntry[], batch: readonly StoredLedgerEntry[],
): Promise<string | undefined> {
  const debtorReferences = account.debtors.map((debtor) => String(debtor.debtorReference ?? ''));
  const valid = validateLedgerEntries(existing.map((stored) => stored.entry), batch.map((stored) => stored.entry), { debtorReferences });
  if (!valid.ok) return valid.error.message;
  const invoices = batch.filter((stored) => 'invoiceDetails' in stored.entry).map((stored) => stored.entry.ledgerEntryReference);
  if (new Set(invoices).size !== invoices.length) return 'An invoice ledgerEntryReference appears twice';
  const taken = await loadClaims(ctx.uow.tx, ctx.tenantId, invoices, false);
  for (const [reference] of taken) return `Claim ${reference} already exists`;
  return undefined;
}

/** Appends validated entries to the account's ledger and recomputes its managed claims once. */
export async function appendEntries(
  ctx: ServicingContext, account: AccountRecord, ledger: StoredLedgerEntry[], batch: readonly StoredLedgerEntry[],
): Promise<Map<string, string>> {
  if (batch.length > 0) {
    await insertLedgerEntries(ctx.uow.tx, ctx.tenantId, account.accountReference, account.ledgerCount, batch, ctx.now);
    account.ledgerCount += batch.length;
    await ctx.uow.tx.update(servicingAccounts).set({ ledgerCount: account.ledgerCount, updatedAt: ctx.now })
      .where(and(eq(servicingAccounts.tenantId, ctx.tenantId), eq(servicingAccounts.accountReference, account.accountReference)));
    ledger.push(...batch);
  }
  ctx.touchedAccounts.add(account.accountReference);
  return recomputeManagedClaims(ctx, account, ledger.map((stored) => stored.entry));
}

/** JSON with object keys sorted: jsonb does not keep key order, so stored and derived documents compare this way. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function managedData(claim: ManagedClaim): ManagedClaimData {
  return compact({
    amount: claim.amount,
    totalFees: claim.totalFees,
    fees: claim.fees.map((fee) => ({ name: fee.name, amount: fee.amount })),
    originalDueDate: claim.originalDueDate,
    currentDueDate: claim.currentDueDate,
    productReference: claim.productReference,
    paymentReference: claim.paymentReference,
    meta: { ...claim.meta },
    externalDebtorReference: claim.externalDebtorReference,
  }) as ManagedClaimData;
}

/**
 * Derives the account's managed claims from its ledger and writes those that are new or changed (spec §4.3);
 * returns receeveClaimRef by claim reference. New claims emit ClaimCreatedEvent.
 */
export async function recomputeManagedClaims(
  ctx: ServicingContext, account: AccountRecord, entries: readonly LedgerEntry[],
): Promise<Map<string, string>> {
  const rows = await loadManagedClaims(ctx.uow.tx, ctx.tenantId, account.accountReference);
  const explicit = new Map<string, ClaimResolutionReason>();
  for (const row of rows.values()) if (row.explicitResolution) explicit.set(row.claimReference, row.explicitResolution as ClaimResolutionReason);
  const refs = new Map<string, string>();
  const inserts: NewClaimRow[] = [];
  for (const claim of deriveManagedClaims(entries, explicit)) {
    const data = managedData(claim);
    const debtorReference = managedPrimaryDebtor(account, claim.externalDebtorReference)?.debtorReference as string | undefined;
    const row = rows.get(claim.claimReference);
    if (!row) {
      const ref = receeveClaimRef(claim.claimReference, claim.currentDueDate);
      refs.set(claim.claimReference, ref);
      inserts.push({
        tenantId: ctx.tenantId, claimReference: claim.claimReference, accountReference: account.accountReference, managed: true,
        status: claim.status, resolutionReason: claim.resolutionReason, explicitResolution: null, linkGroupId: null,
        debtorReference: debtorReference ?? null, receeveClaimRef: ref, data: data as unknown as Json, createdAt: ctx.now, updatedAt: ctx.now,
      });
      ctx.events.push(claimCreatedEvent(ctx, {
        claimRef: claim.claimReference, receeveClaimRef: ref, amount: claim.amount, currency: account.currency, dueDate: claim.currentDueDate,
      }));
      ctx.touchedClaims.add(claim.claimReference);
      continue;
    }
    refs.set(claim.claimReference, row.receeveClaimRef);
    if (row.status === claim.status && row.resolutionReason === claim.resolutionReason && canonicalJson(row.data) === canonicalJson(data)) continue;
    await saveClaim(ctx.uow.tx, ctx.tenantId, claim.claimReference, {
      status: claim.status, resolutionReason: claim.resolutionReason, data: data as unknown as Json, debtorReference: debtorReference ?? null, updatedAt: ctx.now,
    });
    ctx.touchedClaims.add(claim.claimReference);
  }
  if (inserts.length > 0) {
    const inserted = await insertClaims(ctx.uow.tx, inserts, { skipTaken: true });
    const lost = inserts.find((row) => !inserted.has(row.claimReference));
    if (lost) throw new ItemFailure(`Claim ${lost.claimReference} already exists`);
  }
  return refs;
}

// ---------------------------------------------------------------------------------------------------------------

/** add_account_ledger_entries for one account: all of its items or none (spec #5). */
export async function addLedgerEntries(
  ctx: ServicingContext, cache: LedgerCache, accountReference: string, account: AccountRecord | undefined, wires: readonly Json[],
): Promise<ItemResult> {
  if (!account) return failed(`Account ${accountReference} not found`);
  const ledger = await cache.get(ctx, accountReference);
  const batch = stampAll(ctx, wires);
  const problem = await ledgerBatchProblem(ctx, account, ledger, batch);
  if (problem) return failed(problem);
  await appendEntries(ctx, account, ledger, batch);
  const references = batch.map((stored) => stored.entry.ledgerEntryReference).join(', ');
  return succeeded(`Successfully added Ledger Entries: ${references}`, wires.map((wire) => ({ accountReference, ...wire })));
}

/** match_account_payment for one item (spec #12, §4.4). */
export async function matchPayment(
  ctx: ServicingContext, cache: LedgerCache, account: AccountRecord | undefined, item: MatchAccountPaymentInput & { accountReference: string },
): Promise<ItemResult> {
  if (!account) return failed(`Account ${item.accountReference} not found`);
  const ledger = await cache.get(ctx, item.accountReference);
  const { accountReference: _ref, ...input } = item;
  const match = matchAccountPayment(ledger.map((stored) => stored.entry), input, {
    accountCurrency: account.currency, nowMs: ctx.nowMs, fallbackReferencePrefix: randomUUID(),
  });
  if (!match.ok) return failed(match.error.message);
  const batch = match.value.paymentEntries.map((entry) => ({ wire: entry as unknown as Json, entry: entry as LedgerEntry }));
  const refs = await appendEntries(ctx, account, ledger, batch);
  if (input.providerName !== undefined && input.trackingId !== undefined) {
    for (const [claimRef, amount] of allocatedPerInvoice(match.value.allocations)) {
      ctx.events.push(claimPaymentEvent(ctx, {
        claimRef, receeveClaimRef: refs.get(claimRef) ?? claimRef, providerName: input.providerName, amount, currency: input.currency,
        trackingId: input.trackingId, paymentReference: input.paymentReference,
      }));
    }
  }
  const messages = [GENERIC_SUCCESS];
  if (match.value.credit > 0) messages.push(`${match.value.credit} kept as account credit`);
  return succeeded(messages, match.value.paymentEntries);
}

/** update_account_ledger_entries_amounts for one item, atomic for the account (spec #13, §4.5). */
export async function updateEntryAmounts(
  ctx: ServicingContext, cache: LedgerCache, account: AccountRecord | undefined,
  item: { accountReference: string; ledgerEntries: LedgerEntryAmountUpdate[] },
): Promise<ItemResult> {
  if (!account) return failed(`Account ${item.accountReference} not found`);
  const ledger = await cache.get(ctx, item.accountReference);
  const plan = planLedgerEntryAmountUpdates(ledger.map((stored) => stored.entry), item, ctx.nowMs);
  if (!plan.ok) return failed(plan.error.message);
  await appendEntries(ctx, account, ledger, plan.value.map((entry) => ({ wire: entry as unknown as Json, entry })));
  return succeeded(GENERIC_SUCCESS, [item]);
}
