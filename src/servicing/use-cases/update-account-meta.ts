import { accountNotFound } from '../domain/errors.js';
import type { Json } from '../domain/primitives.js';
import { saveAccount } from '../store/accounts.js';
import { perAccountEntry } from './support/account-batch.js';
import { failed, GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** update_account_meta (spec #4): shallow merge; null is stored as a value (A51); answered as the seed shows, without data. */
export function updateAccountMeta(ctx: ServicingRequest, body: Record<string, Json>): Promise<Record<string, ItemResult>> {
  return perAccountEntry(ctx, body, async (reference, account, meta) => {
    if (!account) return failed(accountNotFound(reference));
    account.meta = { ...(account.meta ?? {}), ...meta };
    await saveAccount(ctx.uow.tx, ctx.tenantId, account, ctx.now);
    ctx.touchedAccounts.add(reference);
    return succeeded(GENERIC_SUCCESS);
  });
}
