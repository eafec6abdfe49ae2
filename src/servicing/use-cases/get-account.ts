import type { Executor } from '../../platform/db/database.js';
import { loadAccounts, type AccountRecord } from '../store/accounts.js';
import { loadLedgerJson } from '../store/ledger-entries.js';

/** get_account (spec #2): the account, and its ledger as one JSON array text assembled by the database. */
export async function getAccount(
  db: Executor, tenantId: string, accountReference: string,
): Promise<{ account: AccountRecord; ledgerJson: string } | undefined> {
  const account = (await loadAccounts(db, tenantId, [accountReference], false)).get(accountReference);
  if (!account) return undefined;
  return { account, ledgerJson: await loadLedgerJson(db, tenantId, accountReference) };
}
