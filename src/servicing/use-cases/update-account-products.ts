import { withProductMeta } from '../domain/account.js';
import { accountError, accountNotFound } from '../domain/errors.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems, type AccountItem } from './support/account-batch.js';
import { failed, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** update_account_products (spec #7): the fields sent replace the stored ones (meta whole); the seed's answer says "added". */
export function updateAccountProducts(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  return perAccountItems(ctx, body, updateProduct, { saveAccounts: true });
}

function updateProduct(account: AccountRecord | undefined, item: AccountItem): ItemResult {
  const reference = String(item.productReference);
  if (!account) return failed(accountNotFound(item.accountReference));
  const index = account.products.findIndex((product) => product.productReference === reference);
  if (index < 0) return failed(accountError('PRODUCT_NOT_FOUND', account.accountReference, `Product ${reference} not found in Account ${account.accountReference}`));
  const { accountReference: _account, ...fields } = item;
  const product = { ...account.products[index], ...fields };
  account.products[index] = product;
  return succeeded(`Successfully added Product ${reference}`, [{ accountReference: account.accountReference, ...withProductMeta(product) }]);
}
