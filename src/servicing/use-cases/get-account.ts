import type { Executor } from '../../platform/db/database.js';
import { loadAccounts, type AccountRecord } from '../store/accounts.js';
import { loadLedgerTexts } from '../store/ledger-entries.js';

/** get_account (spec #2): the account, and its ledger as the JSON texts of its entries (runs of them), rendered by the database. */
export async function getAccount(
  db: Executor, tenantId: string, accountReference: string,
): Promise<{ account: AccountRecord; ledgerTexts: string[] } | undefined> {
  // Both reads at once (two connections of the pool): a ledger of a missing account is empty and not shown.
  const [accounts, ledgerTexts] = await Promise.all([
    loadAccounts(db, tenantId, [accountReference], false), loadLedgerTexts(db, tenantId, accountReference),
  ]);
  const account = accounts.get(accountReference);
  return account ? { account, ledgerTexts } : undefined;
}
