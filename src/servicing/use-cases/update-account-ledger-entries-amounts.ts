import { planLedgerEntryAmountUpdates, type LedgerEntryAmountUpdate } from '../domain/entry-amount-updates.js';
import { accountNotFound } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems } from './support/account-batch.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import { appendEntries, LedgerCache } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

export interface EntryAmountsItem {
  accountReference: string;
  ledgerEntries: LedgerEntryAmountUpdate[];
}

/** update_account_ledger_entries_amounts (spec #13, §4.5): each item atomic for its account. */
export function updateAccountLedgerEntriesAmounts(ctx: ServicingRequest, body: readonly EntryAmountsItem[]): Promise<Record<string, ItemResult>> {
  const cache = new LedgerCache();
  return perAccountItems(ctx, body, (account, item) => updateEntryAmounts(ctx, cache, account, item), { saveAccounts: false });
}

async function updateEntryAmounts(ctx: ServicingRequest, cache: LedgerCache, account: AccountRecord | undefined, item: EntryAmountsItem): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(item.accountReference));
  const ledger = await cache.get(ctx, item.accountReference);
  const plan = planLedgerEntryAmountUpdates(ledger.map((stored) => stored.entry), item, ctx.nowMs);
  if (!plan.ok) return failed(plan.error);
  await appendEntries(ctx, account, ledger, plan.value.map((entry) => ({ wire: entry as unknown as Json, entry })));
  return succeeded(GENERIC_SUCCESS, [item]);
}
