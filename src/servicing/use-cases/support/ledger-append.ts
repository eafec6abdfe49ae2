import { deriveManagedClaims, type ManagedClaim } from '../../domain/claim-derivation.js';
import type { ClaimResolutionReason } from '../../domain/claim.js';
import { ServicingRefusal, type LedgerBatchError, type LedgerEntryError } from '../../domain/errors.js';
import { stampLedgerEntry, validateLedgerEntries, type LedgerEntry, type LedgerEntryInput } from '../../domain/ledger.js';
import {
  accountQualifiedClaimReference, canonicalJson, managedClaimData, managedPrimaryDebtor, type ManagedClaimData,
} from '../../domain/managed-claim.js';
import type { Json } from '../../domain/primitives.js';
import { claimCreatedEvent, receeveClaimRef } from '../../events.js';
import { saveLedgerCount, type AccountRecord } from '../../store/accounts.js';
import { insertClaims, loadClaims, loadManagedClaims, saveClaim, type ClaimRow, type NewClaimRow } from '../../store/claims.js';
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
  const qualified = [...taken.keys()].map((reference) => accountQualifiedClaimReference(account.accountReference, reference));
  for (const [reference] of await loadClaims(ctx.uow.tx, ctx.tenantId, qualified, false)) {
    return { code: 'CLAIM_ALREADY_EXISTS', claimReference: reference, message: `Claim ${reference} already exists` };
  }
  return undefined;
}

/** Appends validated entries to the account's ledger and recomputes its managed claims once. */
export async function appendEntries(
  ctx: ServicingRequest, account: AccountRecord, ledger: StoredLedgerEntry[], batch: readonly StoredLedgerEntry[],
): Promise<Map<string, ManagedClaimRefs>> {
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
 * returns, by invoice reference, the claim's reference and receeveClaimRef. New claims emit ClaimCreatedEvent and
 * take the invoice's reference, or the account-qualified one where another claim of the client holds it.
 */
async function recomputeManagedClaims(
  ctx: ServicingRequest, account: AccountRecord, entries: readonly LedgerEntry[],
): Promise<Map<string, ManagedClaimRefs>> {
  const rows = new Map([...(await loadManagedClaims(ctx.uow.tx, ctx.tenantId, account.accountReference)).values()].map((row) => [invoiceReferenceOf(row), row]));
  const explicit = new Map<string, ClaimResolutionReason>();
  for (const [invoice, row] of rows) if (row.explicitResolution) explicit.set(invoice, row.explicitResolution as ClaimResolutionReason);
  const derived = deriveManagedClaims(entries, explicit);
  const taken = await loadClaims(ctx.uow.tx, ctx.tenantId, derived.filter((claim) => !rows.has(claim.claimReference)).map((claim) => claim.claimReference), false);
  const refs = new Map<string, ManagedClaimRefs>();
  const inserts: NewClaimRow[] = [];
  for (const claim of derived) {
    const debtorReference = managedPrimaryDebtor(account.debtors, claim.externalDebtorReference)?.debtorReference as string | undefined;
    const row = rows.get(claim.claimReference);
    if (!row) {
      const claimReference = taken.has(claim.claimReference) ? accountQualifiedClaimReference(account.accountReference, claim.claimReference) : claim.claimReference;
      const data = storedData(claim, claimReference);
      const ref = receeveClaimRef(claimReference, claim.currentDueDate);
      refs.set(claim.claimReference, { claimReference, receeveClaimRef: ref });
      inserts.push({
        tenantId: ctx.tenantId, claimReference, accountReference: account.accountReference, managed: true,
        status: claim.status, resolutionReason: claim.resolutionReason, explicitResolution: null, linkGroupId: null,
        debtorReference: debtorReference ?? null, receeveClaimRef: ref, data: data as unknown as Json, createdAt: ctx.now, updatedAt: ctx.now,
      });
      ctx.events.push(claimCreatedEvent(ctx.nowIso, {
        claimRef: claimReference, receeveClaimRef: ref, amount: claim.amount, currency: account.currency, dueDate: claim.currentDueDate,
      }));
      ctx.touchedClaims.add(claimReference);
      continue;
    }
    refs.set(claim.claimReference, { claimReference: row.claimReference, receeveClaimRef: row.receeveClaimRef });
    const data = storedData(claim, row.claimReference);
    if (row.status === claim.status && row.resolutionReason === claim.resolutionReason && canonicalJson(row.data) === canonicalJson(data)) continue;
    await saveClaim(ctx.uow.tx, ctx.tenantId, row.claimReference, {
      status: claim.status, resolutionReason: claim.resolutionReason, data: data as unknown as Json, debtorReference: debtorReference ?? null, updatedAt: ctx.now,
    });
    ctx.touchedClaims.add(row.claimReference);
  }
  if (inserts.length > 0) {
    const inserted = await insertClaims(ctx.uow.tx, inserts, { skipTaken: true });
    const lost = inserts.find((row) => !inserted.has(row.claimReference));
    if (lost) throw new ServicingRefusal({ code: 'CONCURRENT_CHANGE', message: `Claim ${lost.claimReference} already exists` });
  }
  return refs;
}

/** How a managed claim is known outside its account: its claim reference and receeveClaimRef. */
export interface ManagedClaimRefs {
  readonly claimReference: string;
  readonly receeveClaimRef: string;
}

function invoiceReferenceOf(row: ClaimRow): string {
  return (row.data as unknown as ManagedClaimData).ledgerEntryReference ?? row.claimReference;
}

function storedData(claim: ManagedClaim, claimReference: string): ManagedClaimData {
  const data = managedClaimData(claim);
  return claimReference === claim.claimReference ? data : { ...data, ledgerEntryReference: claim.claimReference };
}
