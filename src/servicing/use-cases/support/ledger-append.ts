import { fastWriteAll, type FastWrite } from '../../../platform/db/fast-query.js';
import { claimsOfInvoices, type ManagedClaim } from '../../domain/claim-derivation.js';
import type { ClaimResolutionReason } from '../../domain/claim.js';
import { ServicingRefusal, type LedgerBatchError, type LedgerEntryError } from '../../domain/errors.js';
import {
  entryTarget, stampLedgerEntry, validateLedgerEntries, type InvoiceLedgerEntry, type LedgerEntryInput,
} from '../../domain/ledger.js';
import {
  applyEntries, emptyReplayState, ledgerReads, snapshotOf, type DueDateStamp, type LedgerReads, type MutableItem, type MutablePart,
  type OpenItem, type ReplayState,
} from '../../domain/ledger-replay.js';
import {
  accountQualifiedClaimReference, canonicalJson, managedClaimData, managedPrimaryDebtor, type ManagedClaimData,
} from '../../domain/managed-claim.js';
import type { Json } from '../../domain/primitives.js';
import { claimCreatedEvent, receeveClaimRef } from '../../events.js';
import { accountVersion, type AccountRecord } from '../../store/accounts.js';
import {
  insertClaimsSkippingTakenWrites, insertClaimsWrites, loadClaims, saveDerivedClaimWrite, type ClaimRow, type NewClaimRow,
} from '../../store/claims.js';
import {
  insertLedgerEntries, insertLedgerPages, loadEntriesAndClaims, loadEntriesByReference, loadLedger, type EntriesAndClaims, type EntriesAndClaimsQuery,
  type StoredLedgerEntry,
} from '../../store/ledger-entries.js';
import {
  existingLedgerReferences, loadLedgerState, loadLedgerStateAndUsed, saveAccountLedger, upsertLedgerItems, upsertLedgerSettlements, type OpenItemsRead,
  type StoredLedgerState,
} from '../../store/ledger-state.js';
import { deferWrite, flushWrites, NeedsTransaction, type ServicingRequest } from './servicing-request.js';

/*
 * Appending to an account's ledger (spec #5, #12, #13, §4). The caller holds the account row FOR UPDATE. Entries
 * are validated all-or-nothing per account against the entries they name, appended, and applied to the ledger's
 * running state (open items, settlements, credit: servicing_ledger_items/_settlements), of which only the part the
 * batch reads is loaded; the managed claims of the invoices whose items moved are then rebuilt from that state
 * (§4.3). So a write costs what it touches, not the account's history. The running state equals a replay of the
 * whole ledger (ledger-replay.ts; the ledger property tests compare the two through HTTP).
 */

/** The ledgers of the accounts one request writes to, so several items of one account share their loaded state. */
export class LedgerSessions {
  readonly #sessions = new Map<string, AccountLedger>();

  /**
   * With `deferWrites`, a batch's writes (entries, running state, account, claims) wait in the request
   * (`deferWrite`) and go out with the next ledger's reads or with the request's events and audit row: one round
   * trip instead of three. For use cases whose own reads after an append are the ledger's (which flush first).
   */
  constructor(readonly options: { deferWrites?: boolean } = {}) {}

  of(ctx: ServicingRequest, account: AccountRecord): AccountLedger {
    let session = this.#sessions.get(account.accountReference);
    if (!session) {
      session = new AccountLedger(ctx, account, this.options.deferWrites ?? false);
      this.#sessions.set(account.accountReference, session);
    }
    return session;
  }
}

/** One account's ledger state within a request: loaded part by part, written back as it changes. */
export class AccountLedger {
  readonly #state: ReplayState = emptyReplayState();
  /** The stored values of what was loaded, to write back only what changed. */
  readonly #storedItems = new Map<string, string>();
  readonly #storedSettled = new Map<string, string>();
  readonly #loadedReferences = new Set<string>();
  #openItemsLoaded = false;
  /** Entries read from the store (immutable rows), by reference. */
  readonly #entries = new Map<string, StoredLedgerEntry>();
  /** Claim references looked up in this request, and those of them that existed then. */
  readonly #claimsLookedUp = new Set<string>();
  readonly #claimsFound = new Set<string>();
  /** The claim rows read (by claim reference), for the managed claims' rebuild. */
  readonly #claimRows = new Map<string, ClaimRow>();
  /** Claim references whose row in #claimRows (or its absence there) is as the store has it for this request. */
  readonly #claimsCurrent = new Set<string>();
  /** The row version (xmin) of each claim row read, for the compare-and-set of a single-statement request. */
  readonly #claimVersions = new Map<string, string>();
  /** The whole state is in memory (a new account's, or one built from the whole ledger). */
  #whole: boolean;

  /** References this ledger appended in the request (their rows may still wait in the deferred writes). */
  readonly #appended = new Set<string>();

  constructor(readonly ctx: ServicingRequest, readonly account: AccountRecord, readonly deferWrites = false) {
    this.#state.credit = account.ledgerCredit;
    this.#whole = account.ledgerCount === 0;
  }

  /**
   * Every item still open (and every item of their invoices), and which of `names` the ledger already uses, in one
   * read where the open items are not in memory yet.
   */
  async openItemsNaming(names: readonly string[], preRead?: OpenItemsAndUsed): Promise<{ items: readonly OpenItem[]; used: Set<string> }> {
    await flushWrites(this.ctx);
    await this.buildIfMissing();
    let used: Set<string>;
    if (preRead) {
      // Read with the account (a single-statement request): what the read below would answer, from one snapshot.
      if (!this.#whole && !this.#openItemsLoaded) {
        this.merge(preRead.state);
        this.#openItemsLoaded = true;
        this.know(preRead.state, preRead.known);
      }
      used = preRead.used;
    } else if (this.#whole || this.#openItemsLoaded) {
      used = await existingLedgerReferences(this.ctx.uow.tx, this.ctx.tenantId, this.account.accountReference, names);
    } else {
      const loaded = await loadLedgerStateAndUsed(this.ctx.uow.tx, this.ctx.tenantId, this.account.accountReference, [], true, names);
      this.merge(loaded.state);
      this.#openItemsLoaded = true;
      used = loaded.used;
    }
    return { items: snapshotOf(this.#state).items.filter((item) => item.openAmount > 0), used };
  }

  /** The wire form of the account's entries named by `references` (entries never change: read once per request). */
  async entries(references: readonly string[]): Promise<StoredLedgerEntry[]> {
    const missing = references.filter((reference) => !this.#entries.has(reference));
    if (missing.some((reference) => this.#appended.has(reference))) await flushWrites(this.ctx);
    if (missing.length > 0) this.remember(await loadEntriesByReference(this.ctx.uow.tx, this.ctx.tenantId, this.account.accountReference, missing));
    return references.flatMap((reference) => this.#entries.get(reference) ?? []);
  }

  private remember(entries: readonly StoredLedgerEntry[]): void {
    for (const stored of entries) this.#entries.set(stored.entry.ledgerEntryReference, stored);
  }

  /** The claims of these references that exist, reusing what this request looked up already. */
  private async existingClaims(references: readonly string[]): Promise<Set<string>> {
    const missing = references.filter((reference) => !this.#claimsLookedUp.has(reference));
    if (missing.length > 0) {
      const found = await loadClaims(this.ctx.uow.tx, this.ctx.tenantId, missing, false);
      this.noteClaims(missing, found.keys());
    }
    return new Set(references.filter((reference) => this.#claimsFound.has(reference)));
  }

  /**
   * Keeps what was read with the open items: the entries of their invoices and the claims those invoices may have
   * (bare and account-qualified reference), so the payment's claim rebuild reads nothing more.
   */
  private know(state: StoredLedgerState, known: EntriesAndClaims): void {
    this.remember(known.entries);
    const invoices = new Set(state.items.flatMap((item) => item.invoiceReference ?? []));
    const lookedUp = [...invoices].flatMap((reference) => [reference, accountQualifiedClaimReference(this.account.accountReference, reference)]);
    this.noteClaims(lookedUp, known.claims.keys());
    this.keepClaimRows(lookedUp, known);
  }

  private keepClaimRows(lookedUp: readonly string[], loaded: EntriesAndClaims): void {
    for (const reference of lookedUp) {
      const row = loaded.claims.get(reference);
      if (row) this.#claimRows.set(reference, row);
      else this.#claimRows.delete(reference);
      this.#claimsCurrent.add(reference);
    }
    for (const [reference, version] of loaded.claimVersions) this.#claimVersions.set(reference, version);
  }

  private noteClaims(lookedUp: Iterable<string>, found: Iterable<string>): void {
    for (const reference of lookedUp) this.#claimsLookedUp.add(reference);
    for (const reference of found) this.#claimsFound.add(reference);
  }

  /** Loads the part of the state `reads` names that is not in memory yet (memory is newer than the store). */
  private async read(reads: LedgerReads): Promise<void> {
    await this.buildIfMissing();
    if (this.#whole) return;
    const references = [...reads.references].filter((reference) => !this.#loadedReferences.has(reference) && !this.#state.items.has(reference));
    const openItems = reads.openItems && !this.#openItemsLoaded;
    if (references.length === 0 && !openItems) return;
    const stored = await loadLedgerState(this.ctx.uow.tx, this.ctx.tenantId, this.account.accountReference, references, openItems);
    this.merge(stored);
    for (const reference of references) this.#loadedReferences.add(reference);
    if (openItems) this.#openItemsLoaded = true;
  }

  private merge(stored: StoredLedgerState): void {
    for (const item of stored.items) {
      if (this.#state.items.has(item.ledgerEntryReference)) continue;
      this.#state.items.set(item.ledgerEntryReference, item);
      const due = stored.dueDates.get(item.ledgerEntryReference);
      if (due) this.#state.dueDates.set(item.ledgerEntryReference, due);
      this.#storedItems.set(item.ledgerEntryReference, itemKey(item, due));
    }
    for (const [payment, parts] of stored.settled) {
      if (this.#state.settled.has(payment)) continue;
      this.#state.settled.set(payment, parts);
      this.#storedSettled.set(payment, partsKey(parts));
    }
  }

  /**
   * An account whose ledger was written before the running state was kept: its state is built once from the whole
   * ledger (and written whole with the next batch, as everything in memory differs from the empty store).
   */
  private async buildIfMissing(): Promise<void> {
    if (this.account.ledgerStateBuilt || this.#whole) return;
    const ledger = await loadLedger(this.ctx.uow.tx, this.ctx.tenantId, this.account.accountReference);
    const state = applyEntries(emptyReplayState(), ledger.map((stored) => stored.entry), 0);
    for (const [reference, item] of state.items) this.#state.items.set(reference, item);
    for (const [reference, due] of state.dueDates) this.#state.dueDates.set(reference, due);
    for (const [reference, parts] of state.settled) this.#state.settled.set(reference, parts);
    this.#state.credit = state.credit;
    this.#whole = true;
  }

  /**
   * Why a batch of client entries cannot be appended to the account, or undefined when it can. `preRead` is what
   * `batchReads` names, read with the account (a single-statement request).
   */
  async batchProblem(batch: readonly StoredLedgerEntry[], preRead?: EntriesAndClaims): Promise<LedgerEntryError | LedgerBatchError | undefined> {
    await flushWrites(this.ctx);
    const reads = batchReads(this.account.accountReference, batch);
    let existing: StoredLedgerEntry[] = [];
    if (preRead || this.account.ledgerCount > 0) {
      const loaded = preRead ?? await loadEntriesAndClaims(this.ctx.uow.tx, this.ctx.tenantId, this.account.accountReference, reads);
      existing = loaded.entries;
      this.noteClaims(reads.claimReferences, loaded.claims.keys());
    } else {
      await this.existingClaims(reads.claimReferences);
    }
    return ledgerBatchProblem(this.ctx, this.account, existing, batch, (references) => this.existingClaims(references));
  }

  /** Appends validated entries: the ledger rows, the running state they move, the account, then the claims they move. */
  async append(batch: readonly StoredLedgerEntry[]): Promise<Map<string, ManagedClaimRefs>> {
    const entries = batch.map((stored) => stored.entry);
    await flushWrites(this.ctx);
    await this.read(ledgerReads(entries));
    const before = this.account.ledgerCount;
    applyEntries(this.#state, entries, before);
    const { ctx, account } = this;
    ctx.touchedAccounts.add(account.accountReference);
    if (batch.length === 0) return new Map();
    account.ledgerCount += batch.length;
    account.ledgerCredit = this.#state.credit;
    account.ledgerStateBuilt = true;
    const { items, settled, invoices } = this.changes();
    for (const entry of entries) this.#appended.add(entry.ledgerEntryReference);
    const added = new Map(entries.filter((entry): entry is InvoiceLedgerEntry => 'invoiceDetails' in entry).map((entry) => [entry.ledgerEntryReference, entry]));
    const readVersion = ctx.singleStatement ? accountVersion(account) : undefined;
    if (ctx.singleStatement && readVersion === undefined) throw new NeedsTransaction('an account read without its version');
    await this.write([
      ...insertLedgerEntries(ctx.tenantId, account.accountReference, before, batch, ctx.now),
      ...insertLedgerPages(ctx.tenantId, account.accountReference, before, batch),
      ...(items.length > 0 ? [upsertLedgerItems(ctx.tenantId, account.accountReference, items, this.#state.dueDates)] : []),
      ...(settled.size > 0 ? [upsertLedgerSettlements(ctx.tenantId, account, settled, { now: ctx.now, newInvoices: new Set(added.keys()) })] : []),
      saveAccountLedger(ctx.tenantId, account.accountReference, account.ledgerCount, account.ledgerCredit, ctx.now, readVersion),
    ] satisfies FastWrite[]);
    return this.rebuildClaims(invoices, added);
  }

  /** Sends writes now, or defers them to the request's next round trip (see LedgerSessions; always in a single statement). */
  private async write(writes: readonly FastWrite[]): Promise<void> {
    if (this.deferWrites || this.ctx.singleStatement) deferWrite(this.ctx, writes);
    else await fastWriteAll(this.ctx.uow.tx, writes);
  }

  /** What changed since the store was read (and marks it stored): items, settlements, and the invoices they belong to. */
  private changes(): { items: MutableItem[]; settled: Map<string, MutablePart[]>; invoices: Set<string> } {
    const items: MutableItem[] = [];
    const invoices = new Set<string>();
    for (const [reference, item] of this.#state.items) {
      const key = itemKey(item, item.kind === 'INVOICE_PRINCIPAL' ? this.#state.dueDates.get(reference) : undefined);
      if (this.#storedItems.get(reference) === key) continue;
      this.#storedItems.set(reference, key);
      items.push(item);
      if (item.invoiceReference !== undefined) invoices.add(item.invoiceReference);
    }
    const settled = new Map<string, MutablePart[]>();
    for (const [payment, parts] of this.#state.settled) {
      const key = partsKey(parts);
      if (this.#storedSettled.get(payment) === key) continue;
      this.#storedSettled.set(payment, key);
      settled.set(payment, parts);
    }
    return { items, settled, invoices };
  }

  /**
   * Derives the managed claims of the invoices whose items or due date moved and writes those that are new or
   * changed (spec §4.3); returns, by invoice reference, the claim's reference and receeveClaimRef. New claims emit
   * ClaimCreatedEvent and take the invoice's reference, or the account-qualified one where another claim of the
   * client holds it.
   */
  private async rebuildClaims(invoiceReferences: ReadonlySet<string>, added: ReadonlyMap<string, InvoiceLedgerEntry>): Promise<Map<string, ManagedClaimRefs>> {
    if (invoiceReferences.size === 0) return new Map();
    const { ctx, account } = this;
    const references = [...invoiceReferences];
    // An invoice added now has no claim yet (its reference is new to the account's ledger).
    const stored = references.filter((reference) => !added.has(reference));
    const { rows, entries } = await this.invoiceClaimsAndEntries(stored);
    const invoices = [
      ...entries.map((entry) => entry.entry as InvoiceLedgerEntry),
      ...references.flatMap((reference) => added.get(reference) ?? []),
    ];
    const explicit = new Map<string, ClaimResolutionReason>();
    for (const [invoice, row] of rows) if (row.explicitResolution) explicit.set(invoice, row.explicitResolution as ClaimResolutionReason);
    const derived = claimsOfInvoices(invoices, this.invoiceState(invoiceReferences), explicit);
    // A new claim keeps its invoice principal as booked, which the recovery curves count as placed.
    const bookedPrincipals = new Map(invoices.map((invoice) => [invoice.ledgerEntryReference, invoice.invoiceDetails.amount]));
    const taken = await this.existingClaims(derived.filter((claim) => !rows.has(claim.claimReference)).map((claim) => claim.claimReference));
    const refs = new Map<string, ManagedClaimRefs>();
    const inserts: NewClaimRow[] = [];
    for (const claim of derived) {
      const debtorReference = (managedPrimaryDebtor(account.debtors, claim.externalDebtorReference)?.debtorReference as string | undefined) ?? null;
      const row = rows.get(claim.claimReference);
      if (!row) {
        const claimReference = taken.has(claim.claimReference) ? accountQualifiedClaimReference(account.accountReference, claim.claimReference) : claim.claimReference;
        const ref = receeveClaimRef(claimReference, claim.currentDueDate);
        refs.set(claim.claimReference, { claimReference, receeveClaimRef: ref });
        inserts.push({
          tenantId: ctx.tenantId, claimReference, accountReference: account.accountReference, managed: true,
          status: claim.status, resolutionReason: claim.resolutionReason, explicitResolution: null, linkGroupId: null,
          debtorReference, receeveClaimRef: ref, data: storedData(claim, claimReference) as unknown as Json, createdAt: ctx.now, updatedAt: ctx.now,
          placedPrincipal: bookedPrincipals.get(claim.claimReference) ?? null, placedCurrency: account.currency,
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
      const readVersion = ctx.singleStatement ? this.#claimVersions.get(row.claimReference) : undefined;
      if (ctx.singleStatement && readVersion === undefined) throw new NeedsTransaction('a claim read without its version');
      this.#claimsCurrent.delete(row.claimReference);
      await this.write([saveDerivedClaimWrite(ctx.tenantId, row.claimReference, {
        status: claim.status, resolutionReason: claim.resolutionReason ?? null, data: data as unknown as Json, debtorReference, updatedAt: ctx.now,
      }, readVersion)]);
      ctx.touchedClaims.add(row.claimReference);
    }
    if (inserts.length > 0) {
      // A claim another request took since the read refuses the whole request (its transaction does not commit).
      const references = inserts.map((row) => row.claimReference);
      this.noteClaims(references, references);
      for (const reference of references) this.#claimsCurrent.delete(reference);
      // In a single statement a reference taken meanwhile fails the statement (a unique violation): the request then
      // runs as a transaction.
      await this.write(ctx.singleStatement ? insertClaimsWrites(inserts) : insertClaimsSkippingTakenWrites(inserts, (lost) => {
        throw new ServicingRefusal({ code: 'CONCURRENT_CHANGE', message: `Claim ${lost} already exists` });
      }));
    }
    return refs;
  }

  /**
   * The account's managed claim rows of these stored invoices, by invoice reference (a claim may carry the qualified
   * reference), and the invoices' entries, in one read.
   */
  private async invoiceClaimsAndEntries(invoiceReferences: readonly string[]): Promise<{ rows: Map<string, ClaimRow>; entries: StoredLedgerEntry[] }> {
    const rows = new Map<string, ClaimRow>();
    if (invoiceReferences.length === 0) return { rows, entries: [] };
    const { ctx, account } = this;
    const candidates = invoiceReferences.flatMap((reference) => [reference, accountQualifiedClaimReference(account.accountReference, reference)]);
    const missing = invoiceReferences.filter((reference) => !this.#entries.has(reference));
    if (missing.length > 0 || candidates.some((reference) => !this.#claimsCurrent.has(reference))) {
      const loaded = await loadEntriesAndClaims(ctx.uow.tx, ctx.tenantId, account.accountReference, { references: missing, claimReferences: candidates });
      this.remember(loaded.entries);
      this.keepClaimRows(candidates, loaded);
    }
    for (const reference of candidates) {
      const row = this.#claimRows.get(reference);
      if (row?.managed && row.accountReference === account.accountReference) rows.set(invoiceReferenceOf(row), row);
    }
    return { rows, entries: invoiceReferences.flatMap((reference) => this.#entries.get(reference) ?? []) };
  }

  /** The items and due dates of the given invoices (all loaded: an invoice's items are loaded together). */
  private invoiceState(invoiceReferences: ReadonlySet<string>) {
    const items = [...this.#state.items.values()]
      .filter((item) => item.invoiceReference !== undefined && invoiceReferences.has(item.invoiceReference))
      .map((item) => ({ ...item }));
    const adjustedDueDates = new Map<string, string>();
    for (const reference of invoiceReferences) {
      const due = this.#state.dueDates.get(reference);
      if (due) adjustedDueDates.set(reference, due.date);
    }
    return { items, adjustedDueDates };
  }
}

function itemKey(item: MutableItem, due: DueDateStamp | undefined): string {
  return due ? `${item.openAmount}|${due.date}|${due.createdAt}|${due.sequence}` : String(item.openAmount);
}

function partsKey(parts: readonly MutablePart[]): string {
  return parts.map((part) => part.amount).join(',');
}

/** Stamps client entries with the request time where they carry no createdAt. */
export function stampAll(ctx: ServicingRequest, wires: readonly Json[]): StoredLedgerEntry[] {
  return wires.map((wire) => ({ wire, entry: stampLedgerEntry(wire as unknown as LedgerEntryInput, ctx.nowMs) }));
}

/** Why a batch of client entries cannot be appended given the account's `existing` entries it names. */
export async function ledgerBatchProblem(
  ctx: ServicingRequest, account: AccountRecord, existing: readonly StoredLedgerEntry[], batch: readonly StoredLedgerEntry[],
  existingClaims: (references: readonly string[]) => Promise<ReadonlySet<string>> = async (references) =>
    new Set((await loadClaims(ctx.uow.tx, ctx.tenantId, references, false)).keys()),
): Promise<LedgerEntryError | LedgerBatchError | undefined> {
  const debtorReferences = account.debtors.map((debtor) => String(debtor.debtorReference ?? ''));
  const valid = validateLedgerEntries(existing.map((stored) => stored.entry), batch.map((stored) => stored.entry), { debtorReferences });
  if (!valid.ok) return valid.error;
  const invoices = invoiceReferencesOf(batch);
  if (new Set(invoices).size !== invoices.length) return { code: 'DUPLICATE_INVOICE_REFERENCE', message: 'An invoice ledgerEntryReference appears twice' };
  const taken = [...await existingClaims(invoices)].sort();
  const qualified = taken.map((reference) => accountQualifiedClaimReference(account.accountReference, reference));
  const clash = [...await existingClaims(qualified)].sort()[0];
  if (clash !== undefined) return { code: 'CLAIM_ALREADY_EXISTS', claimReference: clash, message: `Claim ${clash} already exists` };
  return undefined;
}

/** What `batchProblem` reads: the entries the batch names and the claims its invoices would take (bare and account-qualified). */
export function batchReads(accountReference: string, batch: readonly StoredLedgerEntry[]): EntriesAndClaimsQuery {
  const named = new Set<string>();
  for (const stored of batch) {
    named.add(stored.entry.ledgerEntryReference);
    const target = entryTarget(stored.entry);
    if (target !== undefined) named.add(target);
  }
  const claimReferences = invoiceReferencesOf(batch).flatMap((reference) => [reference, accountQualifiedClaimReference(accountReference, reference)]);
  return { references: [...named], chargebackTargets: [...named], claimReferences };
}

/** Every open item of the account's stored running state, which of some names its ledger uses, and what they name (read with the account). */
export type OpenItemsAndUsed = OpenItemsRead;

function invoiceReferencesOf(batch: readonly StoredLedgerEntry[]): string[] {
  return batch.filter((stored) => 'invoiceDetails' in stored.entry).map((stored) => stored.entry.ledgerEntryReference);
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
