import { accountNotFound } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import { loadAccounts, type AccountRecord } from '../store/accounts.js';
import { loadAccountEntriesAndClaims, type EntriesAndClaims, type StoredLedgerEntry } from '../store/ledger-entries.js';
import type { AccountItem } from './support/account-batch.js';
import { failed, groupByKey, succeeded, type ItemResult } from './support/item-result.js';
import { batchReads, LedgerSessions, stampAll } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** add_account_ledger_entries (spec #5): per account, all of its entries or none. */
export async function addAccountLedgerEntries(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  const groups = groupByKey(body, (item) => item.accountReference);
  const sessions = new LedgerSessions({ deferWrites: true });
  const [only] = groups;
  if (ctx.singleStatement && only && groups.size === 1) {
    // One statement: the account comes with the entries and claims the batch names, in the request's first read.
    const [reference, items] = only;
    const batch = stampAll(ctx, wiresOf(items));
    const { account, ...preRead } = await loadAccountEntriesAndClaims(ctx.uow.tx, ctx.tenantId, reference, batchReads(reference, batch));
    return { [reference]: await addEntries(ctx, sessions, reference, account, batch, preRead) };
  }
  const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, body.map((item) => item.accountReference), !ctx.singleStatement);
  const results: Record<string, ItemResult> = {};
  for (const [reference, items] of groups) {
    results[reference] = await addEntries(ctx, sessions, reference, accounts.get(reference), stampAll(ctx, wiresOf(items)));
  }
  return results;
}

function wiresOf(items: readonly AccountItem[]): Json[] {
  return items.map(({ accountReference: _account, ...wire }) => wire);
}

async function addEntries(
  ctx: ServicingRequest, sessions: LedgerSessions, accountReference: string, account: AccountRecord | undefined,
  batch: readonly StoredLedgerEntry[], preRead?: EntriesAndClaims,
): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(accountReference));
  const ledger = sessions.of(ctx, account);
  const problem = await ledger.batchProblem(batch, preRead);
  if (problem) return failed(problem);
  await ledger.append(batch);
  const references = batch.map((stored) => stored.entry.ledgerEntryReference).join(', ');
  return succeeded(`Successfully added Ledger Entries: ${references}`, batch.map((stored) => ({ accountReference, ...stored.wire })));
}
