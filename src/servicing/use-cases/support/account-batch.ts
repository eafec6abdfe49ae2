import type { Json } from '../../domain/primitives.js';
import { loadAccounts, saveAccount, type AccountRecord } from '../../store/accounts.js';
import { mergeByKey, type ItemResult } from './item-result.js';
import { NeedsTransaction, type ServicingRequest } from './servicing-request.js';

/** An item of an array body that names its account. */
export type AccountItem = Json & { accountReference: string };

/*
 * Decision: items are always processed one after another in body order (one transaction cannot run statements
 * concurrently), which is what `sequential=true` asks for; without it the order is simply not promised.
 */

/**
 * Runs array items per account (accounts locked FOR UPDATE, or read unlocked in a single-statement request), saving
 * each account that an item changed.
 */
export async function perAccountItems<T extends { accountReference: string }>(
  ctx: ServicingRequest,
  items: readonly T[],
  handle: (account: AccountRecord | undefined, item: T) => ItemResult | Promise<ItemResult>,
  options: { saveAccounts: boolean },
): Promise<Record<string, ItemResult>> {
  if (options.saveAccounts && ctx.singleStatement) throw new NeedsTransaction('saving whole accounts');
  const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, items.map((item) => item.accountReference), !ctx.singleStatement);
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

/** Runs a map body keyed by account reference (accounts locked FOR UPDATE), one item per account. */
export async function perAccountEntry<T>(
  ctx: ServicingRequest,
  body: Record<string, T>,
  handle: (reference: string, account: AccountRecord | undefined, item: T) => Promise<ItemResult>,
): Promise<Record<string, ItemResult>> {
  const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, Object.keys(body), true);
  const results: Record<string, ItemResult> = {};
  for (const [reference, item] of Object.entries(body)) results[reference] = await handle(reference, accounts.get(reference), item);
  return results;
}
