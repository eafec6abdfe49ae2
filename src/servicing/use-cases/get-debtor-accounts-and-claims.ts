import type { Executor } from '../../platform/db/database.js';
import { accountsOfDebtor, loadAccounts, type AccountRecord } from '../store/accounts.js';
import { claimsOfAccounts, type ClaimRow } from '../store/claims.js';

/** get_debtor_accounts_and_claims (spec #14): every account where the debtor appears, with its claims (A13). */
export async function getDebtorAccountsAndClaims(
  db: Executor, tenantId: string, debtorReference: string,
): Promise<{ account: AccountRecord; claims: ClaimRow[] }[]> {
  const references = await accountsOfDebtor(db, tenantId, debtorReference);
  const accounts = await loadAccounts(db, tenantId, references, false);
  const claims = await claimsOfAccounts(db, tenantId, references);
  return references.flatMap((reference) => {
    const account = accounts.get(reference);
    return account ? [{ account, claims: claims.filter((row) => row.accountReference === reference) }] : [];
  });
}
