import { deriveManagedClaims } from '../../domain/claim-derivation.js';
import type { ClaimResolutionReason } from '../../domain/claim.js';
import { ServicingRefusal, type LedgerBatchError, type LedgerEntryError } from '../../domain/errors.js';
import { stampLedgerEntry, validateLedgerEntries, type LedgerEntry, type LedgerEntryInput } from '../../domain/ledger.js';
import { canonicalJson, managedClaimData, managedPrimaryDebtor } from '../../domain/managed-claim.js';
import type { Json } from '../../domain/primitives.js';
import { claimCreatedEvent, receeveClaimRef } from '../../events.js';
import { saveLedgerCount, type AccountRecord } from '../../store/accounts.js';
import { insertClaims, loadClaims, loadManagedClaims, saveClaim, type NewClaimRow } from '../../store/claims.js';
import { insertLedgerEntries, loadLedger, type StoredLedgerEntry } from '../../store/ledger-entries.js';
import type { ServicingRequest } from './servicing-request.js';

/*
 * Appending to an account's ledger (spec #5, #12, #13, §4). The caller holds the account row FOR UPDATE. Entries
 * are validated all-or-nothing per account against the stored ledger, appended, and the account's managed claims
 * are then recomputed once from the whole ledger (§4.3).
 */

/** Ledgers read during one request, so several items of one account read the ledger once. */
export class LedgerCache {
  readonly #ledgers = new Map<string, StoredLedgerEntry[]>();

  async get(ctx: ServicingRequest, accountReference: string): Promise<StoredLedgerEntry[]> {
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
export function stampAll(ctx: ServicingRequest, wires: readonly Json[]): StoredLedgerEntry[] {
  return wires.map((wire) => ({ wire, entry: stampLedgerEntry(wire as unknown as LedgerEntryInput, ctx.nowMs) }));
}

/** Why a batch of client entries cannot be appended to the account, or undefined when it can. */
export async function ledgerBatchProblem(
  ctx: ServicingRequest, account: AccountRecord, existing: readonly StoredLedgerEntry[], batch: readonly StoredLedgerEntry[],
): Promise<LedgerEntryError | LedgerBatchError | undefined> {
  const debtorReferences = account.debtors.map((debtor) => String(debtor.debtorReference ?? ''));
  const valid = validateLedgerEntries(existing.map((stored) => stored.entry), batch.map((stored) => stored.entry), { debtorReferences });
  if (!valid.ok) return valid.error;
  const invoices = batch.filter((stored) => 'invoiceDetails' in stored.entry).map((stored) => stored.entry.ledgerEntryReference);
  if (new Set(invoices).size !== invoices.length) return { code: 'DUPLICATE_INVOICE_REFERENCE', message: 'An invoice ledgerEntryReference appears twice' };
  const taken = await loadClaims(ctx.uow.tx, ctx.tenantId, invoices, false);
  for (const [reference] of taken) return { code: 'CLAIM_ALREADY_EXISTS', claimReference: reference, message: `Claim ${reference} already exists` };
  return undefined;
}

/** Appends validated entries to the account's ledger and recomputes its managed claims once. */
export async function appendEntries(
  ctx: ServicingRequest, account: AccountRecord, ledger: StoredLedgerEntry[], batch: readonly StoredLedgerEntry[],
): Promise<Map<string, string>> {
  if (batch.length > 0) {
    await insertLedgerEntries(ctx.uow.tx, ctx.tenantId, account.accountReference, account.ledgerCount, batch, ctx.now);
    account.ledgerCount += batch.length;
    await saveLedgerCount(ctx.uow.tx, ctx.tenantId, account.accountReference, account.ledgerCount, ctx.now);
    ledger.push(...batch);
  }
  ctx.touchedAccounts.add(account.accountReference);
  return recomputeManagedClaims(ctx, account, ledger.map((stored) => stored.entry));
}

/**
 * Derives the account's managed claims from its ledger and writes those that are new or changed (spec §4.3);
 * returns receeveClaimRef by claim reference. New claims emit ClaimCreatedEvent.
 */
async function recomputeManagedClaims(
  ctx: ServicingRequest, account: AccountRecord, entries: readonly LedgerEntry[],
): Promise<Map<string, string>> {
  const rows = await loadManagedClaims(ctx.uow.tx, ctx.tenantId, account.accountReference);
  const explicit = new Map<string, ClaimResolutionReason>();
  for (const row of rows.values()) if (row.explicitResolution) explicit.set(row.claimReference, row.explicitResolution as ClaimResolutionReason);
  const refs = new Map<string, string>();
  const inserts: NewClaimRow[] = [];
  for (const claim of deriveManagedClaims(entries, explicit)) {
    const data = managedClaimData(claim);
    const debtorReference = managedPrimaryDebtor(account.debtors, claim.externalDebtorReference)?.debtorReference as string | undefined;
    const row = rows.get(claim.claimReference);
    if (!row) {
      const ref = receeveClaimRef(claim.claimReference, claim.currentDueDate);
      refs.set(claim.claimReference, ref);
      inserts.push({
        tenantId: ctx.tenantId, claimReference: claim.claimReference, accountReference: account.accountReference, managed: true,
        status: claim.status, resolutionReason: claim.resolutionReason, explicitResolution: null, linkGroupId: null,
        debtorReference: debtorReference ?? null, receeveClaimRef: ref, data: data as unknown as Json, createdAt: ctx.now, updatedAt: ctx.now,
      });
      ctx.events.push(claimCreatedEvent(ctx.nowIso, {
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
    if (lost) throw new ServicingRefusal({ code: 'CONCURRENT_CHANGE', message: `Claim ${lost.claimReference} already exists` });
  }
  return refs;
}
