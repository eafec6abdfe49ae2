import { debtorProblem, debtorWithType, normalizeDebtor } from '../domain/account.js';
import { accountError, accountNotFound } from '../domain/errors.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems, type AccountItem } from './support/account-batch.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** add_account_debtors (spec #8): a debtorReference appears at most once per account (A32). */
export function addAccountDebtors(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  return perAccountItems(ctx, body, addDebtor, { saveAccounts: true });
}

function addDebtor(account: AccountRecord | undefined, item: AccountItem): ItemResult {
  if (!account) return failed(accountNotFound(item.accountReference));
  const debtor = normalizeDebtor(item);
  const problem = debtorProblem(debtor);
  if (problem) return failed(problem);
  if (debtor.debtorReference !== undefined && account.debtors.some((existing) => existing.debtorReference === debtor.debtorReference)) {
    const message = `Debtor ${String(debtor.debtorReference)} already exists in Account ${account.accountReference}`;
    return failed(accountError('DEBTOR_ALREADY_EXISTS', account.accountReference, message));
  }
  account.debtors.push(debtor);
  return succeeded(GENERIC_SUCCESS, [debtorWithType(debtor)]);
}
