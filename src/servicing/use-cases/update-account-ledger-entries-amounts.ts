import { planLedgerEntryAmountUpdates, type LedgerEntryAmountUpdate } from '../domain/entry-amount-updates.js';
import { accountNotFound } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems } from './support/account-batch.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import { loadLedger } from '../store/ledger-entries.js';
import { LedgerSessions } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

export interface EntryAmountsItem {
  accountReference: string;
  ledgerEntries: LedgerEntryAmountUpdate[];
}

/** update_account_ledger_entries_amounts (spec #13, §4.5): each item atomic for its account. */
export function updateAccountLedgerEntriesAmounts(ctx: ServicingRequest, body: readonly EntryAmountsItem[]): Promise<Record<string, ItemResult>> {
  const sessions = new LedgerSessions();
  return perAccountItems(ctx, body, (account, item) => updateEntryAmounts(ctx, sessions, account, item), { saveAccounts: false });
}

/*
 * Decision: planning an amount update reads the account's whole ledger (which entries an update may lower depends
 * on their history); it is an occasional correction, unlike the writes a collections engine sends all day, and the
 * entries it appends go through the running state like any other.
 */
async function updateEntryAmounts(ctx: ServicingRequest, sessions: LedgerSessions, account: AccountRecord | undefined, item: EntryAmountsItem): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(item.accountReference));
  const ledger = await loadLedger(ctx.uow.tx, ctx.tenantId, item.accountReference);
  const plan = planLedgerEntryAmountUpdates(ledger.map((stored) => stored.entry), item, ctx.nowMs);
  if (!plan.ok) return failed(plan.error);
  await sessions.of(ctx, account).append(plan.value.map((entry) => ({ wire: entry as unknown as Json, entry })));
  return succeeded(GENERIC_SUCCESS, [item]);
}
