import { productAsSent, withProductMeta } from '../domain/account.js';
import { accountError, accountNotFound } from '../domain/errors.js';
import type { AccountRecord } from '../store/accounts.js';
import { perAccountItems, type AccountItem } from './support/account-batch.js';
import { failed, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** add_account_products (spec #6). */
export function addAccountProducts(ctx: ServicingRequest, body: readonly AccountItem[]): Promise<Record<string, ItemResult>> {
  return perAccountItems(ctx, body, addProduct, { saveAccounts: true });
}

function addProduct(account: AccountRecord | undefined, item: AccountItem): ItemResult {
  const reference = String(item.productReference);
  if (!account) return failed(accountNotFound(item.accountReference));
  if (account.products.some((product) => product.productReference === reference)) {
    return failed(accountError('PRODUCT_ALREADY_EXISTS', account.accountReference, `Product ${reference} already exists in Account ${account.accountReference}`));
  }
  const product = productAsSent(item);
  account.products.push(product);
  return succeeded(`Successfully added Product ${reference}`, [{ accountReference: account.accountReference, ...withProductMeta(product) }]);
}
