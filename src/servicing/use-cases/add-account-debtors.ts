import { debtorProblem, debtorWithType, normalizeDebtor } from '../domain/account.js';
import { accountNotFound } from '../domain/errors.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems, type AccountItem } from './support/account-batch.js';
import { updateClaimsDebtor } from './support/debtor-claims.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/**
 * add_account_debtors (spec #8): a debtorReference appears at most once per account (A32). Adding a debtor the
 * account already has replaces it with the one sent (the seed's examples add the debtor create_accounts created, and
 * succeed); unmanaged claims naming it follow, as after update_account_debtors.
 */
export function addAccountDebtors(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  return perAccountItems(ctx, body, (account, item) => addDebtor(ctx, account, item), { saveAccounts: true });
}

async function addDebtor(ctx: ServicingRequest, account: AccountRecord | undefined, item: AccountItem): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(item.accountReference));
  const debtor = normalizeDebtor(item);
  const problem = debtorProblem(debtor);
  if (problem) return failed(problem);
  const index = debtor.debtorReference === undefined ? -1 : account.debtors.findIndex((existing) => existing.debtorReference === debtor.debtorReference);
  if (index < 0) {
    account.debtors.push(debtor);
  } else {
    account.debtors[index] = debtor;
    await updateClaimsDebtor(ctx, account.accountReference, debtor);
  }
  return succeeded(GENERIC_SUCCESS, [debtorWithType(debtor)]);
}
