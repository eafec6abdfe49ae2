import { debtorProblem, mergeDebtor } from '../domain/account.js';
import { accountError, accountNotFound } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems, type AccountItem } from './support/account-batch.js';
import { updateClaimsDebtor } from './support/debtor-claims.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** update_account_debtors (spec #9): shallow merge, contactInformation merged, additionalContactInformation replaced. */
export function updateAccountDebtors(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  return perAccountItems(ctx, body, (account, item) => updateDebtor(ctx, account, item), { saveAccounts: true });
}

async function updateDebtor(ctx: ServicingRequest, account: AccountRecord | undefined, item: AccountItem): Promise<ItemResult> {
  if (!account) return failed(accountNotFound(item.accountReference));
  const index = account.debtors.findIndex((existing) => existing.debtorReference === item.debtorReference);
  if (index < 0) {
    return failed(accountError('DEBTOR_NOT_FOUND', account.accountReference, `Debtor ${String(item.debtorReference)} not found in Account ${account.accountReference}`));
  }
  const debtor = mergeDebtor(account.debtors[index] as Json, item);
  const problem = debtorProblem(debtor);
  if (problem) return failed(problem);
  account.debtors[index] = debtor;
  await updateClaimsDebtor(ctx, account.accountReference, debtor);
  return succeeded(GENERIC_SUCCESS);
}
