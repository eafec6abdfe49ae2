import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { NewEvent } from '../platform/events/append.js';
import type { Executor } from '../platform/db/database.js';
import type { ClaimError } from './domain/claim-errors.js';
import { creditClaim, debitClaim, type CreditClaimInput, type DebitClaimInput } from './domain/claim-credit-debit.js';
import { linkClaims } from './domain/claim-links.js';
import type { ClaimResolutionReason } from './domain/claim.js';
import {
  createClaim, importClaim, recreateClaim, resolveClaim, updateClaim, type AccountDefaults, type ClaimInput,
} from './domain/unmanaged-claims.js';
import type { ExistingClaim, UnmanagedClaim } from './domain/unmanaged-claim.js';
import type { Debtor } from './domain/debtor.js';
import type { Result } from './domain/primitives.js';
import { normalizeDebtor } from './accounts.js';
import { compact, failed, GENERIC_SUCCESS, succeeded, type ItemResult, type ServicingContext } from './context.js';
import { claimCreatedEvent, receeveClaimRef } from './events.js';
import * as schemas from './http/schemas.js';
import { defineOperation, type Operation } from './operation.js';
import { unmanagedData, unmanagedFromRow } from './render.js';
import {
  appendAccountDebtors, claimsInLinkGroups, insertAccount, insertClaims, isUniqueViolation, loadClaimAccounts, loadClaims, updateClaims,
  type AccountRecord, type ClaimAccountRecord, type ClaimRow, type Json, type NewClaimRow,
} from './store.js';

/*
 * Claim endpoints (spec #15–#22). One request loads every claim and account it names (accounts locked FOR UPDATE
 * first, then claims, the same order as the ledger use cases), applies the items in body order in memory through
 * the pure domain, and writes the result in bulk: new claims with one plain INSERT inside a savepoint (a claim
 * created concurrently by another request reruns the batch, where that item is "already exists"), changed claims
 * with one UPDATE per 1,000.
 * Decisions: update_claims on a ledger-managed claim is refused whole (A30: its amounts belong to the ledger);
 * resolve and links work on both kinds; a claim's primaryDebtor joins its account's debtors when new there;
 * an unknown accountReference creates the account implicitly from the claim's currency and debtor (A29).
 */

type WorkingRow = Omit<ClaimRow, 'seq'> & { seq?: number };

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

class ClaimWorkspace {
  readonly claims = new Map<string, WorkingClaim>();
  private accounts = new Map<string, WorkingAccount>();

  constructor(readonly ctx: ServicingContext) {}

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
    };
    const working: WorkingClaim = { row, isNew: previous === undefined || previous.isNew, dirty: true, event: previous?.event };
    if (options.created) {
      working.event = claimCreatedEvent(this.ctx, {
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
   * reference was taken by a concurrent request since `load` (the caller runs the batch again, now seeing it).
   * New claims are inserted first with one plain INSERT inside a savepoint, so the common case pays no ON CONFLICT
   * and a lost race rolls back this batch's writes only (its account changes were decided with the lost item in).
   */
  async flush(): Promise<boolean> {
    const { tx } = this.ctx.uow;
    const inserts = [...this.claims.values()].filter((working) => working.isNew && working.dirty).map((working) => working.row as NewClaimRow);
    if (inserts.length === 0) {
      await this.write(tx, inserts);
    } else {
      try {
        await tx.transaction((savepoint) => this.write(savepoint, inserts));
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    }
    for (const working of this.claims.values()) if (working.event) this.ctx.events.push(working.event);
    return true;
  }

  private async write(tx: Executor, inserts: readonly NewClaimRow[]): Promise<void> {
    await insertClaims(tx, inserts, { skipTaken: false });
    for (const account of this.accounts.values()) if (account.created) await insertAccount(tx, this.ctx.tenantId, account.created, this.ctx.now);
    for (const [reference, account] of this.accounts) {
      if (account.addedDebtors.length > 0) await appendAccountDebtors(tx, this.ctx.tenantId, reference, account.addedDebtors, this.ctx.now);
    }
    const updates: NewClaimRow[] = [];
    for (const working of this.claims.values()) if (!working.isNew && working.dirty) updates.push(working.row as NewClaimRow);
    await updateClaims(tx, this.ctx.tenantId, updates);
  }
}

/** The account a claim names when it does not exist yet: the claim's currency and debtor (A29). */
function createdAccount(claim: UnmanagedClaim): WorkingAccount {
  const debtor = normalizeDebtor(claim.primaryDebtor as Json);
  const created: AccountRecord = {
    accountReference: claim.accountReference as string, currency: claim.currency, paymentReference: null, portfolioReference: null,
    meta: null, scores: [], debtors: [debtor], products: [], ledgerCount: 0,
  };
  return { currency: created.currency, firstDebtor: debtor, debtorReferences: new Set([debtor.debtorReference]), created, addedDebtors: [] };
}

/** The claim as stored, in the wire ClaimInput shape (create/recreate `data`). */
function claimData(claim: UnmanagedClaim): Json {
  return compact({
    amount: claim.amount,
    currency: claim.currency,
    currentDueDate: claim.currentDueDate,
    originalDueDate: claim.originalDueDate,
    productReference: claim.productReference,
    product: claim.product,
    accountReference: claim.accountReference,
    portfolioReference: claim.portfolioReference,
    creditorReference: claim.creditorReference,
    scores: claim.scores,
    paymentReference: claim.paymentReference,
    totalFees: claim.totalFees,
    fees: claim.fees,
    linkGroupId: claim.linkGroupId,
    primaryDebtor: claim.primaryDebtor,
    meta: claim.meta,
  });
}

function outcome<T>(result: Result<T, ClaimError>, onSuccess: (value: T) => ItemResult): ItemResult {
  return result.ok ? onSuccess(result.value) : failed(result.error.message);
}

/**
 * Runs a map-bodied claim operation: load, apply each item in body order in memory, write in bulk. When a claim
 * this batch creates was created concurrently meanwhile, the write is rolled back and the batch runs again from a
 * fresh load, where that item fails as "already exists" and nothing of it (its account's new debtor, an implicit
 * account) is written. Each rerun follows a claim committed by someone else, so it ends.
 */
async function runClaimMap<T>(
  ctx: ServicingContext,
  body: Record<string, T>,
  options: { accountOf?: (item: T) => string | undefined; extraClaims?: string[]; lockClaims: boolean },
  apply: (workspace: ClaimWorkspace, reference: string, item: T) => ItemResult,
): Promise<Record<string, ItemResult>> {
  const accountRefs = options.accountOf ? Object.values(body).map(options.accountOf).filter((ref): ref is string => ref !== undefined) : [];
  const touchedBefore = [...ctx.touchedClaims];
  for (;;) {
    const workspace = new ClaimWorkspace(ctx);
    await workspace.load([...Object.keys(body), ...(options.extraClaims ?? [])], accountRefs, options.lockClaims);
    const results: Record<string, ItemResult> = {};
    for (const [reference, item] of Object.entries(body)) results[reference] = apply(workspace, reference, item);
    if (await workspace.flush()) return results;
    ctx.touchedClaims.clear();
    for (const reference of touchedBefore) ctx.touchedClaims.add(reference);
  }
}

const claimAccount = (input: ClaimInput) => input.accountReference;

function create(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const result = createClaim(reference, workspace.existing(reference), input, workspace.defaults(input.accountReference));
  return outcome(result, (claim) => {
    workspace.put(claim, { created: true });
    return succeeded(GENERIC_SUCCESS, claimData(claim));
  });
}

function recreate(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const existing = workspace.existing(reference);
  const accountReference = input.accountReference ?? (existing && 'accountReference' in existing ? existing.accountReference : undefined);
  const result = recreateClaim(reference, existing, { ...input, accountReference }, workspace.defaults(accountReference));
  return outcome(result, (claim) => {
    workspace.put(claim, { created: true, journey: 'RUNNING' });
    return succeeded(GENERIC_SUCCESS, claimData(claim));
  });
}

function update(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const existing = workspace.existing(reference);
  const accountReference = input.accountReference ?? (existing && 'accountReference' in existing ? existing.accountReference : undefined);
  const result = updateClaim(reference, existing, input, workspace.defaults(accountReference), { forceAmountCheck: workspace.ctx.forceAmountCheck });
  return outcome(result, (claim) => {
    workspace.put(claim);
    return succeeded(GENERIC_SUCCESS);
  });
}

function importOne(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const existing = workspace.existing(reference);
  const accountReference = input.accountReference ?? (existing && 'accountReference' in existing ? existing.accountReference : undefined);
  const result = importClaim(reference, existing, { ...input, accountReference }, workspace.defaults(accountReference), { forceAmountCheck: workspace.ctx.forceAmountCheck });
  return outcome(result, ({ claim, created }) => {
    workspace.put(claim, { created });
    return succeeded(GENERIC_SUCCESS);
  });
}

function resolve(workspace: ClaimWorkspace, reference: string, reason: ClaimResolutionReason): ItemResult {
  const working = workspace.claims.get(reference);
  const result = resolveClaim(reference, working ? { status: working.row.status, resolutionReason: working.row.resolutionReason as ClaimResolutionReason | null } : undefined, reason);
  return outcome(result, (resolved) => {
    workspace.patch(reference, {
      status: resolved.status, resolutionReason: reason, journey: 'STOPPED',
      ...(working?.row.managed ? { explicitResolution: reason } : {}),
    });
    return succeeded(GENERIC_SUCCESS);
  });
}

function credit(workspace: ClaimWorkspace, reference: string, input: CreditClaimInput): ItemResult {
  return outcome(creditClaim(reference, workspace.existing(reference), input), (credited) => {
    workspace.put(credited.claim);
    return succeeded([...credited.messages], input);
  });
}

function debit(workspace: ClaimWorkspace, reference: string, input: DebitClaimInput): ItemResult {
  return outcome(debitClaim(reference, workspace.existing(reference), input), (claim) => {
    workspace.put(claim);
    return succeeded(GENERIC_SUCCESS, input);
  });
}

async function setLinks(ctx: ServicingContext, body: Record<string, string | null>): Promise<Record<string, ItemResult>> {
  const named = [...Object.keys(body), ...Object.values(body).filter((target): target is string => target !== null)];
  const first = await loadClaims(ctx.uow.tx, ctx.tenantId, named, false);
  const groupIds = [...new Set([...first.values()].map((row) => row.linkGroupId).filter((id): id is string => id !== null))];
  const members = await claimsInLinkGroups(ctx.uow.tx, ctx.tenantId, groupIds);
  const workspace = new ClaimWorkspace(ctx);
  await workspace.load([...named, ...members.map((row) => row.claimReference)], [], true);
  let groups = new Map<string, string | null>([...workspace.claims].map(([reference, working]) => [reference, working.row.linkGroupId]));
  const results: Record<string, ItemResult> = {};
  for (const [source, target] of Object.entries(body)) {
    results[source] = outcome(linkClaims(groups, source, target, randomUUID()), (changes) => {
      groups = new Map([...groups, ...changes]);
      for (const [reference, linkGroupId] of changes) workspace.patch(reference, { linkGroupId, data: linkedData(workspace, reference, linkGroupId) });
      workspace.ctx.touchedClaims.add(source);
      return succeeded(GENERIC_SUCCESS);
    });
  }
  await workspace.flush();
  return results;
}

/** Keeps the unmanaged document's linkGroupId in step with the column. */
function linkedData(workspace: ClaimWorkspace, reference: string, linkGroupId: string | null): Json {
  const row = workspace.claims.get(reference)?.row as WorkingRow;
  return row.managed ? row.data : { ...row.data, linkGroupId };
}

export const CLAIM_OPERATIONS: Operation<unknown>[] = [
  defineOperation<Record<string, ClaimInput>>({
    name: 'create_claims',
    body: schemas.mapBody(schemas.baseClaimInputSchema) as unknown as z.ZodType<Record<string, ClaimInput>>,
    keys: (body) => Object.keys(body),
    run: (ctx, body) => runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, create),
  }),
  defineOperation<Record<string, ClaimInput>>({
    name: 'recreate_claims',
    body: schemas.mapBody(schemas.fullClaimInputSchema) as unknown as z.ZodType<Record<string, ClaimInput>>,
    keys: (body) => Object.keys(body),
    run: (ctx, body) => runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, recreate),
  }),
  defineOperation<Record<string, ClaimInput>>({
    name: 'update_claims',
    body: schemas.mapBody(schemas.baseClaimInputSchema) as unknown as z.ZodType<Record<string, ClaimInput>>,
    keys: (body) => Object.keys(body),
    run: (ctx, body) => runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, update),
  }),
  defineOperation<Record<string, ClaimInput>>({
    name: 'import_claims',
    body: schemas.mapBody(schemas.fullClaimInputSchema) as unknown as z.ZodType<Record<string, ClaimInput>>,
    keys: (body) => Object.keys(body),
    run: (ctx, body) => runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, importOne),
  }),
  defineOperation<{ ref: string; reason: ClaimResolutionReason }[]>({
    name: 'resolve_claims',
    body: schemas.resolveBodySchema as unknown as z.ZodType<{ ref: string; reason: ClaimResolutionReason }[]>,
    keys: (body) => [...new Set(body.map((item) => item.ref))],
    async run(ctx, body) {
      // Spec §1.5: a later item with the same ref overwrites the earlier item's response entry.
      const map = new Map(body.map((item) => [item.ref, item.reason]));
      const results = await runClaimMap(ctx, Object.fromEntries(body.map((item, index) => [`${index}`, item])), {
        extraClaims: [...map.keys()], lockClaims: true,
      }, (workspace, _index, item) => resolve(workspace, item.ref, item.reason));
      const byRef: Record<string, ItemResult> = {};
      body.forEach((item, index) => {
        byRef[item.ref] = results[`${index}`] as ItemResult;
      });
      return byRef;
    },
  }),
  defineOperation<Record<string, CreditClaimInput>>({
    name: 'credit_claims',
    body: schemas.mapBody(schemas.creditInputSchema) as unknown as z.ZodType<Record<string, CreditClaimInput>>,
    keys: (body) => Object.keys(body),
    run: (ctx, body) => runClaimMap(ctx, body, { lockClaims: true }, credit),
  }),
  defineOperation<Record<string, DebitClaimInput>>({
    name: 'debit_claims',
    body: schemas.mapBody(schemas.debitInputSchema) as unknown as z.ZodType<Record<string, DebitClaimInput>>,
    keys: (body) => Object.keys(body),
    run: (ctx, body) => runClaimMap(ctx, body, { lockClaims: true }, debit),
  }),
  defineOperation<Record<string, string | null>>({
    name: 'set_link_claims',
    body: schemas.mapBody(schemas.linkTargetSchema),
    keys: (body) => Object.keys(body),
    run: setLinks,
  }),
];
