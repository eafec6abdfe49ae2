import type { Executor } from '../../../platform/db/database.js';
import type { NewEvent } from '../../../platform/events/append.js';
import { normalizeDebtor } from '../../domain/account.js';
import type { Debtor } from '../../domain/debtor.js';
import type { ClaimError } from '../../domain/errors.js';
import type { Json } from '../../domain/primitives.js';
import type { ExistingClaim, UnmanagedClaim } from '../../domain/unmanaged-claim.js';
import type { AccountDefaults, ClaimInput } from '../../domain/unmanaged-claims.js';
import type { Result } from '../../../platform/result.js';
import { claimCreatedEvent, receeveClaimRef } from '../../events.js';
import { appendAccountDebtors, insertAccounts, loadClaimAccounts, type AccountRecord, type ClaimAccountRecord } from '../../store/accounts.js';
import {
  insertClaims, isUniqueViolation, loadClaims, unmanagedData, unmanagedFromRow, updateClaims, type ClaimRow, type NewClaimRow,
} from '../../store/claims.js';
import { failed, type ItemResult } from './item-result.js';
import type { ServicingRequest } from './servicing-request.js';

/*
 * A claim batch (spec #15–#22). One request loads every claim and account it names (accounts locked FOR UPDATE
 * first, then claims, the same order as the ledger use cases), applies the items in body order in memory through
 * the pure domain, and writes the result in bulk: new claims with one plain INSERT inside a savepoint (a claim
 * created concurrently by another request reruns the batch, where that item is "already exists"; so does an account
 * this batch would create implicitly), changed claims with one UPDATE per 1,000.
 * Decisions: update_claims on a ledger-managed claim is refused whole (A30: its amounts belong to the ledger);
 * resolve and links work on both kinds; a claim's primaryDebtor joins its account's debtors when new there;
 * an unknown accountReference creates the account implicitly from the claim's currency and debtor (A29).
 */

export type WorkingRow = Omit<ClaimRow, 'seq'> & { seq?: number };

interface WorkingClaim {
  row: WorkingRow;
  isNew: boolean;
  dirty: boolean;
  event?: NewEvent;
}

/** An account as a claim batch sees it: what it lends new claims and which debtors it has (plus those added now). */
interface WorkingAccount {
  readonly currency: string;
  readonly firstDebtor: Json | undefined;
  readonly debtorReferences: Set<unknown>;
  /** The whole record of an account this batch creates (A29). */
  readonly created?: AccountRecord;
  /** Debtors this batch adds to an existing account. */
  readonly addedDebtors: Json[];
}

function existingAccount(record: ClaimAccountRecord): WorkingAccount {
  return {
    currency: record.currency, firstDebtor: record.firstDebtor ?? undefined, debtorReferences: new Set(record.debtorReferences), addedDebtors: [],
  };
}

export class ClaimWorkspace {
  readonly claims = new Map<string, WorkingClaim>();
  private accounts = new Map<string, WorkingAccount>();

  constructor(readonly ctx: ServicingRequest) {}

  /**
   * Loads claims and their accounts: the named accounts and those of the named claims that exist are locked first
   * (one statement, which also tells which claims exist), then those claims are read, locked when `lockClaims`.
   */
  async load(claimReferences: readonly string[], accountReferences: readonly string[], lockClaims: boolean): Promise<void> {
    const { tx } = this.ctx.uow;
    const { accounts, existingClaims } = await loadClaimAccounts(tx, this.ctx.tenantId, accountReferences, claimReferences);
    for (const [reference, record] of accounts) this.accounts.set(reference, existingAccount(record));
    const rows = await loadClaims(tx, this.ctx.tenantId, existingClaims, lockClaims);
    for (const [reference, row] of rows) this.claims.set(reference, { row, isNew: false, dirty: false });
  }

  existing(reference: string): ExistingClaim | undefined {
    const working = this.claims.get(reference);
    if (!working) return undefined;
    if (working.row.managed) return { claimReference: reference, ledgerManaged: true, status: working.row.status };
    return unmanagedFromRow(working.row as ClaimRow);
  }

  defaults(accountReference: string | undefined): AccountDefaults | undefined {
    const account = accountReference === undefined ? undefined : this.accounts.get(accountReference);
    if (!account) return undefined;
    const primaryDebtor = account.firstDebtor as Debtor | undefined;
    return primaryDebtor ? { currency: account.currency, primaryDebtor } : { currency: account.currency };
  }

  /** Stores the new state of an unmanaged claim; `created` also emits ClaimCreatedEvent. */
  put(claim: UnmanagedClaim, options: { created?: boolean; journey?: WorkingRow['journey'] } = {}): void {
    const reference = claim.claimReference;
    const previous = this.claims.get(reference);
    const base = previous?.row;
    const ref = options.created || base === undefined ? receeveClaimRef(reference, claim.currentDueDate) : base.receeveClaimRef;
    const debtorReference = claim.primaryDebtor.debtorReference;
    // Built field by field: a spread of the previous row into a literal cost ~15 µs per claim (V8 slow path).
    const row: WorkingRow = {
      tenantId: this.ctx.tenantId,
      claimReference: reference,
      accountReference: claim.accountReference ?? null,
      managed: base?.managed ?? false,
      status: claim.status,
      resolutionReason: claim.resolutionReason,
      explicitResolution: base?.explicitResolution ?? null,
      linkGroupId: claim.linkGroupId,
      debtorReference: typeof debtorReference === 'string' ? debtorReference : null,
      receeveClaimRef: ref,
      data: unmanagedData(claim),
      seq: base?.seq,
      journey: options.journey ?? base?.journey ?? 'RUNNING',
      createdAt: base?.createdAt ?? this.ctx.now,
      updatedAt: this.ctx.now,
      // What the write will store (store/claims.ts derives it in SQL from the status it writes).
      resolvedAt: claim.status !== 'RESOLVED' ? null : base?.status === 'RESOLVED' ? base.resolvedAt ?? this.ctx.now : this.ctx.now,
    };
    const working: WorkingClaim = { row, isNew: previous === undefined || previous.isNew, dirty: true, event: previous?.event };
    if (options.created) {
      working.event = claimCreatedEvent(this.ctx.nowIso, {
        claimRef: reference, receeveClaimRef: ref, amount: claim.amount, currency: claim.currency, dueDate: claim.currentDueDate,
      });
    }
    this.claims.set(reference, working);
    this.ctx.touchedClaims.add(reference);
    this.attachToAccount(claim);
  }

  /** A29/§3.3: creates the account implicitly, or adds the claim's debtor to it when new there. */
  private attachToAccount(claim: UnmanagedClaim): void {
    if (claim.accountReference === undefined) return;
    const account = this.accounts.get(claim.accountReference);
    if (!account) {
      this.accounts.set(claim.accountReference, createdAccount(claim));
      return;
    }
    const debtorReference = claim.primaryDebtor.debtorReference;
    if (typeof debtorReference !== 'string' || account.debtorReferences.has(debtorReference)) return;
    account.debtorReferences.add(debtorReference);
    const debtor = normalizeDebtor(claim.primaryDebtor as Json);
    if (account.created) account.created.debtors.push(debtor);
    else account.addedDebtors.push(debtor);
  }

  /** Changes status columns of any claim (managed included). */
  patch(reference: string, fields: Partial<WorkingRow>): void {
    const working = this.claims.get(reference);
    if (!working) return;
    working.row = { ...working.row, ...fields, updatedAt: this.ctx.now };
    working.dirty = true;
    this.ctx.touchedClaims.add(reference);
  }

  /**
   * Writes claims and accounts and queues the events; returns false, having written nothing, when a new claim's
   * reference, or an account it creates, was taken by a concurrent request since `load` (the caller runs the batch
   * again, now seeing it).
   * New claims are inserted first with one plain INSERT inside a savepoint, so the common case pays no ON CONFLICT
   * and a lost race rolls back this batch's writes only (its account changes were decided with the lost item in).
   */
  async flush(): Promise<boolean> {
    const { tx } = this.ctx.uow;
    const inserts = [...this.claims.values()].filter((working) => working.isNew && working.dirty).map((working) => working.row as NewClaimRow);
    const createsAccounts = [...this.accounts.values()].some((account) => account.created);
    if (inserts.length === 0 && !createsAccounts) {
      await this.write(tx, inserts);
    } else {
      try {
        await tx.transaction((savepoint) => this.write(savepoint, inserts));
      } catch (error) {
        if (isUniqueViolation(error) || error instanceof AccountTakenMeanwhile) return false;
        throw error;
      }
    }
    for (const working of this.claims.values()) if (working.event) this.ctx.events.push(working.event);
    return true;
  }

  private async write(tx: Executor, inserts: readonly NewClaimRow[]): Promise<void> {
    await insertClaims(tx, inserts, { skipTaken: false });
    const created = [...this.accounts.values()].flatMap((account) => (account.created ? [account.created] : []));
    const inserted = await insertAccounts(tx, this.ctx.tenantId, created, this.ctx.now);
    // An account created concurrently since `load` did not get this batch's debtors: the batch runs again, now
    // appending them to it (A29), so every claim's (debtor, account) is in servicing_account_debtors.
    if (inserted.size < created.length) throw new AccountTakenMeanwhile();
    for (const [reference, account] of this.accounts) {
      if (account.addedDebtors.length > 0) await appendAccountDebtors(tx, this.ctx.tenantId, reference, account.addedDebtors, this.ctx.now);
    }
    const updates: NewClaimRow[] = [];
    for (const working of this.claims.values()) if (!working.isNew && working.dirty) updates.push(working.row as NewClaimRow);
    await updateClaims(tx, this.ctx.tenantId, updates);
  }
}

/** Rolls back a batch's writes (to its savepoint) when an account it creates was created by another request meanwhile. */
class AccountTakenMeanwhile extends Error {}

/** The account a claim names when it does not exist yet: the claim's currency and debtor (A29). */
function createdAccount(claim: UnmanagedClaim): WorkingAccount {
  const debtor = normalizeDebtor(claim.primaryDebtor as Json);
  const created: AccountRecord = {
    accountReference: claim.accountReference as string, currency: claim.currency, paymentReference: null, portfolioReference: null,
    meta: null, scores: [], debtors: [debtor], products: [], ledgerCount: 0, ledgerCredit: 0, ledgerStateBuilt: true,
  };
  return { currency: created.currency, firstDebtor: debtor, debtorReferences: new Set([debtor.debtorReference]), created, addedDebtors: [] };
}

/** An item's outcome from a domain result: on success what `onSuccess` makes of the value, else the claim error. */
export function outcome<T>(result: Result<T, ClaimError>, onSuccess: (value: T) => ItemResult): ItemResult {
  return result.ok ? onSuccess(result.value) : failed(result.error);
}

/**
 * Runs a map-bodied claim operation: load, apply each item in body order in memory, write in bulk. When a claim
 * this batch creates was created concurrently meanwhile, the write is rolled back and the batch runs again from a
 * fresh load, where that item fails as "already exists" and nothing of it (its account's new debtor, an implicit
 * account) is written; likewise when an account it creates implicitly was created meanwhile (the rerun appends the
 * claims' debtors to it). Each rerun follows a claim or account committed by someone else, so it ends.
 * With `expectNew` (create_claims) the first run looks up no claim and takes every one as new: its answer stands
 * when every item succeeded and the insert of them all did (the key proves none existed, so a run that had looked
 * them up would have decided the same); otherwise the batch runs again with the lookup. A batch of new claims so
 * skips a read of the key per claim that its insert does again.
 */
export async function runClaimMap<T>(
  ctx: ServicingRequest,
  body: Record<string, T>,
  options: { accountOf?: (item: T) => string | undefined; extraClaims?: string[]; lockClaims: boolean; expectNew?: boolean },
  apply: (workspace: ClaimWorkspace, reference: string, item: T) => ItemResult,
): Promise<Record<string, ItemResult>> {
  const accountRefs = options.accountOf ? Object.values(body).map(options.accountOf).filter((ref): ref is string => ref !== undefined) : [];
  const touchedBefore = [...ctx.touchedClaims];
  for (let optimistic = options.expectNew === true; ; optimistic = false) {
    const workspace = new ClaimWorkspace(ctx);
    await workspace.load(optimistic ? [] : [...Object.keys(body), ...(options.extraClaims ?? [])], accountRefs, options.lockClaims);
    const results: Record<string, ItemResult> = {};
    for (const [reference, item] of Object.entries(body)) results[reference] = apply(workspace, reference, item);
    if (!(optimistic && Object.values(results).some((result) => !result.success)) && await workspace.flush()) return results;
    ctx.touchedClaims.clear();
    for (const reference of touchedBefore) ctx.touchedClaims.add(reference);
  }
}

export const claimAccount = (input: ClaimInput) => input.accountReference;

/** The account named by an item, or by the existing claim when the item names none. */
export function accountOfItem(existing: ExistingClaim | undefined, input: ClaimInput): string | undefined {
  return input.accountReference ?? (existing && 'accountReference' in existing ? existing.accountReference : undefined);
}
