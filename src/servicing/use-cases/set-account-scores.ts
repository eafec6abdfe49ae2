import { overwriteScores } from '../domain/account.js';
import { accountNotFound } from '../domain/errors.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems, type AccountItem } from './support/account-batch.js';
import { failed, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** set_account_scores (spec #11): scores overwrite by type. */
export function setAccountScores(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  return perAccountItems(ctx, body, setScore, { saveAccounts: true });
}

function setScore(account: AccountRecord | undefined, item: AccountItem): ItemResult {
  if (!account) return failed(accountNotFound(item.accountReference));
  account.scores = overwriteScores(account.scores, [item]);
  return succeeded(`Successfully set the score of ${String(item.type)}`, [item]);
}
