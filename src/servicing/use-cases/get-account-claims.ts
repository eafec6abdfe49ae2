import type { Executor } from '../../platform/db/database.js';
import { loadAccounts, type AccountRecord } from '../store/accounts.js';
import { listAccountClaims, type ClaimRow } from '../store/claims.js';

export interface AccountClaimsPage {
  /** Absent when the account does not exist (the page is then empty). */
  account?: AccountRecord;
  claims: ClaimRow[];
  /** The cursor of the following page (absent on the last one). */
  next?: number;
}

/** get_account_claims (spec #10): a page of an account's claims in creation order, after the cursor `afterSeq`. */
export async function getAccountClaims(
  db: Executor, tenantId: string, accountReference: string, options: { status?: 'ACTIVE' | 'RESOLVED'; afterSeq: number; limit: number },
): Promise<AccountClaimsPage> {
  const account = (await loadAccounts(db, tenantId, [accountReference], false)).get(accountReference);
  if (!account) return { claims: [] };
  const rows = await listAccountClaims(db, tenantId, accountReference, { ...options, limit: options.limit + 1 });
  const claims = rows.slice(0, options.limit);
  const next = rows.length > options.limit ? claims.at(-1)?.seq : undefined;
  return { account, claims, ...(next === undefined ? {} : { next }) };
}
