import { accountNotFound } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import { loadAccounts, type AccountRecord } from '../store/accounts.js';
import type { AccountItem } from './support/account-batch.js';
import { failed, groupByKey, succeeded, type ItemResult } from './support/item-result.js';
import { LedgerSessions, stampAll } from './support/ledger-append.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** add_account_ledger_entries (spec #5): per account, all of its entries or none. */
export async function addAccountLedgerEntries(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  const accounts = await loadAccounts(ctx.uow.tx, ctx.tenantId, body.map((item) => item.accountReference), true);
  const sessions = new LedgerSessions({ deferWrites: true });
  const results: Record<string, ItemResult> = {};
  for (const [reference, items] of groupByKey(body, (item) => item.accountReference)) {
    const wires = items.map(({ accountReference: _account, ...wire }) => wire);
    results[reference] = await addEntries(ctx, sessions, reference, accounts.get(reference), wires);
  }
  return results;
}

async function addEntries(
  ctx: ServicingRequest, sessions: LedgerSessions, accountReference: string, account: AccountRecord | undefined, wires: readonly Json[],
): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(accountReference));
  const ledger = sessions.of(ctx, account);
  const batch = stampAll(ctx, wires);
  const problem = await ledger.batchProblem(batch);
  if (problem) return failed(problem);
  await ledger.append(batch);
  const references = batch.map((stored) => stored.entry.ledgerEntryReference).join(', ');
  return succeeded(`Successfully added Ledger Entries: ${references}`, wires.map((wire) => ({ accountReference, ...wire })));
}
