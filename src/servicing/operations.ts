import type { z } from 'zod';
import { auditWrite } from '../platform/audit/record.js';
import { fastWriteAll } from '../platform/db/fast-query.js';
import { ApiError, type FieldIssue } from '../platform/http/api-error.js';
import { MoneyError } from '../platform/money.js';
import type { UnitOfWork } from '../platform/unit-of-work.js';
import type { LedgerEntryAmountUpdate } from './domain/entry-amount-updates.js';
import type { MatchAccountPaymentInput } from './domain/matching.js';
import {
  addDebtor, addProduct, createAccount, setScore, updateAccountMeta, updateDebtor, updateProduct, type CreateAccountInput,
} from './accounts.js';
import { CLAIM_OPERATIONS } from './claims-service.js';
import {
  createContext, groupByKey, ItemFailure, mergeByKey, takeEventWrites, type ItemResult, type ServicingContext,
} from './context.js';
import { addLedgerEntries, LedgerCache, matchPayment, updateEntryAmounts } from './ledger-service.js';
import * as schemas from './http/schemas.js';
import { defineOperation, type Operation } from './operation.js';
import { loadAccounts, recordTriggerExecutions, saveAccount, type AccountRecord, type Json } from './store.js';

/*
 * Every writing endpoint of the Receeve face as one operation: its body schema, the keys of its response map,
 * and the use case over the whole batch. The HTTP route and the async job both run operations through
 * `executeOperation`, so a queued request is processed exactly as a synchronous one.
 * Decision: items are always processed one after another in body order (one transaction cannot run statements
 * concurrently), which is what `sequential=true` asks for; without it the order is simply not promised.
 */

type AccountItem = Json & { accountReference: string };

/** Runs array items per account (accounts locked FOR UPDATE), saving each account that an item changed. */
async function perAccountItems<T extends { accountReference: string }>(
  ctx: ServicingContext,
  items: readonly T[],
  handle: (account: AccountRecord | undefined, item: T) => ItemResult | Promise<ItemResult>,
  options: { saveAccounts: boolean },
): Promise<Record<string, ItemResult>> {
  const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, items.map((item) => item.accountReference), true);
  const changed = new Set<string>();
  const results: { key: string; result: ItemResult }[] = [];
  for (const item of items) {
    const result = await handle(accounts.get(item.accountReference), item);
    if (result.success) {
      changed.add(item.accountReference);
      ctx.touchedAccounts.add(item.accountReference);
    }
    results.push({ key: item.accountReference, result });
  }
  if (options.saveAccounts) {
    for (const reference of changed) await saveAccount(ctx.uow.tx, ctx.tenantId, accounts.get(reference) as AccountRecord, ctx.now);
  }
  return mergeByKey(results);
}

const accountKeys = (items: readonly { accountReference: string }[]) => [...new Set(items.map((item) => item.accountReference))];

const ACCOUNT_OPERATIONS: Operation<unknown>[] = [
  defineOperation<Record<string, CreateAccountInput>>({
    name: 'create_accounts',
    body: schemas.mapBody(schemas.createAccountInputSchema) as unknown as z.ZodType<Record<string, CreateAccountInput>>,
    keys: (body) => Object.keys(body),
    async run(ctx, body) {
      const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, Object.keys(body), true);
      const cache = new LedgerCache();
      const results: Record<string, ItemResult> = {};
      for (const [reference, input] of Object.entries(body)) {
        results[reference] = await createAccount(ctx, cache, reference, accounts.get(reference), input);
      }
      return results;
    },
  }),
  defineOperation<Record<string, Json>>({
    name: 'update_account_meta',
    body: schemas.mapBody(schemas.metadataSchema),
    keys: (body) => Object.keys(body),
    async run(ctx, body) {
      const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, Object.keys(body), true);
      const results: Record<string, ItemResult> = {};
      for (const [reference, meta] of Object.entries(body)) results[reference] = await updateAccountMeta(ctx, reference, accounts.get(reference), meta);
      return results;
    },
  }),
  defineOperation<AccountItem[]>({
    name: 'add_account_ledger_entries',
    body: schemas.arrayBody(schemas.accountLedgerEntrySchema) as unknown as z.ZodType<AccountItem[]>,
    keys: accountKeys,
    async run(ctx, body) {
      const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, body.map((item) => item.accountReference), true);
      const cache = new LedgerCache();
      const results: Record<string, ItemResult> = {};
      for (const [reference, items] of groupByKey(body, (item) => item.accountReference)) {
        const wires = items.map(({ accountReference: _account, ...wire }) => wire);
        results[reference] = await addLedgerEntries(ctx, cache, reference, accounts.get(reference), wires);
      }
      return results;
    },
  }),
  defineOperation<AccountItem[]>({
    name: 'add_account_products',
    body: schemas.arrayBody(schemas.accountProductItemSchema) as unknown as z.ZodType<AccountItem[]>,
    keys: accountKeys,
    run: (ctx, body) => perAccountItems(ctx, body, addProduct, { saveAccounts: true }),
  }),
  defineOperation<AccountItem[]>({
    name: 'update_account_products',
    body: schemas.arrayBody(schemas.accountProductItemSchema) as unknown as z.ZodType<AccountItem[]>,
    keys: accountKeys,
    run: (ctx, body) => perAccountItems(ctx, body, updateProduct, { saveAccounts: true }),
  }),
  defineOperation<AccountItem[]>({
    name: 'add_account_debtors',
    body: schemas.arrayBody(schemas.accountDebtorItemSchema) as unknown as z.ZodType<AccountItem[]>,
    keys: accountKeys,
    run: (ctx, body) => perAccountItems(ctx, body, addDebtor, { saveAccounts: true }),
  }),
  defineOperation<AccountItem[]>({
    name: 'update_account_debtors',
    body: schemas.arrayBody(schemas.accountDebtorUpdateItemSchema) as unknown as z.ZodType<AccountItem[]>,
    keys: accountKeys,
    run: (ctx, body) => perAccountItems(ctx, body, (account, item) => updateDebtor(ctx, account, item), { saveAccounts: true }),
  }),
  defineOperation<AccountItem[]>({
    name: 'set_account_scores',
    body: schemas.arrayBody(schemas.accountScoreItemSchema) as unknown as z.ZodType<AccountItem[]>,
    keys: accountKeys,
    run: (ctx, body) => perAccountItems(ctx, body, setScore, { saveAccounts: true }),
  }),
  defineOperation<(MatchAccountPaymentInput & { accountReference: string })[]>({
    name: 'match_account_payment',
    body: schemas.arrayBody(schemas.matchPaymentItemSchema) as unknown as z.ZodType<(MatchAccountPaymentInput & { accountReference: string })[]>,
    keys: accountKeys,
    run(ctx, body) {
      const cache = new LedgerCache();
      return perAccountItems(ctx, body, (account, item) => matchPayment(ctx, cache, account, item), { saveAccounts: false });
    },
  }),
  defineOperation<{ accountReference: string; ledgerEntries: LedgerEntryAmountUpdate[] }[]>({
    name: 'update_account_ledger_entries_amounts',
    body: schemas.arrayOrSingle(schemas.entryAmountsItemSchema) as unknown as z.ZodType<{ accountReference: string; ledgerEntries: LedgerEntryAmountUpdate[] }[]>,
    keys: accountKeys,
    run(ctx, body) {
      const cache = new LedgerCache();
      return perAccountItems(ctx, body, (account, item) => updateEntryAmounts(ctx, cache, account, item), { saveAccounts: false });
    },
  }),
];

export const OPERATIONS: ReadonlyMap<string, Operation<unknown>> = new Map(
  [...ACCOUNT_OPERATIONS, ...CLAIM_OPERATIONS].map((operation) => [operation.name, operation]),
);

/** Parses a body against the operation's schema; a violation is a whole-request 400 (spec A4). */
export function parseBody(operation: Operation<unknown>, raw: unknown): unknown {
  const fast = schemas.parseMapBodyFast(operation.body, raw);
  if (fast) return fast.value;
  const parsed = operation.body.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiError('validation', 'Invalid request body', { issues: zodIssues(parsed.error.issues, 'body') });
}

export function zodIssues(issues: readonly z.core.$ZodIssue[], location: FieldIssue['location']): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
    code: issue.code,
    message: issue.message,
    location,
  }));
}

export interface OperationQuery {
  triggerName?: string;
  forceAmountCheck?: boolean;
}

/** Runs one operation in the unit of work: the use case, its events, custom triggers and the audit row. */
export type { Operation } from './operation.js';

export async function executeOperation(
  uow: UnitOfWork, operation: Operation<unknown>, body: unknown, query: OperationQuery,
): Promise<Record<string, ItemResult>> {
  const ctx = createContext(uow, { forceAmountCheck: query.forceAmountCheck });
  let results: Record<string, ItemResult>;
  try {
    results = await operation.run(ctx, body);
  } catch (error) {
    if (error instanceof ItemFailure) throw new ApiError('conflict', `${error.message}; retry the request`);
    if (error instanceof MoneyError) throw new ApiError('bad_request', `Amounts out of range: ${error.message}`);
    throw error;
  }
  const writes = await takeEventWrites(ctx);
  if (query.triggerName) {
    await recordTriggerExecutions(uow.tx, ctx.tenantId, {
      triggerName: query.triggerName, operation: operation.name, requestId: uow.requestId ?? null,
      claimReferences: [...ctx.touchedClaims], accountReferences: [...ctx.touchedAccounts], now: ctx.now,
    });
  }
  const succeededCount = Object.values(results).filter((result) => result.success).length;
  // The events and the audit row go in one statement (one round trip less per request).
  writes.push(auditWrite(uow, {
    action: `servicing.${operation.name}`, entityType: 'servicing_request', entityId: uow.requestId ?? operation.name,
    details: { items: Object.keys(results).length, succeeded: succeededCount, triggerName: query.triggerName ?? null },
  }));
  await fastWriteAll(uow.tx, writes);
  return results;
}
