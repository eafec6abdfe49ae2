import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { type BookDecision, underwriteOnBook } from '../../../risk/api.js';
import { queueQuoteMail } from '../../connect/mail.js';
import { changeConnectStatus } from '../../connect/status.js';
import { type ConnectRequestRow, lockConnectRequest } from '../../connect/store.js';
import { hashPurchaseToken, newPurchaseToken } from '../../connect/token.js';
import type { ConnectContext } from '../../context.js';
import { purchaseExpiresAt } from '../../domain/connect-state.js';

function declineRule(decision: BookDecision['decision']): string {
  if (decision.kind === 'refer') return decision.reason;
  return decision.kind === 'unavailable' ? decision.rule : 'cannot_price';
}

/**
 * Prices and underwrites a pending request through the risk core. An offer holds the buyer's exposure, gets a purchase
 * token valid 24 h and its e-mail queued; anything else declines it (no e-mail). A request that is no longer pending
 * is left alone, so a job that runs twice changes nothing the second time.
 */
export async function priceConnectRequest(uow: UnitOfWork, id: string, ctx: ConnectContext): Promise<ConnectRequestRow | undefined> {
  const row = await lockConnectRequest(uow.tx, uow.tenant.id, id);
  if (!row || row.status !== 'pending') return row;
  const { decision, held } = await underwriteOnBook(uow.tx, row.bookId, {
    seller: { country: row.sellerCountry, registryId: row.sellerIdentifier },
    buyer: { country: row.buyerCountry, registryId: row.buyerIdentifier },
    amount: row.invoiceAmount, currency: row.invoiceCurrency, tenorDays: row.invoicePaymentTerms,
    discount: row.discountCode !== null && row.discountPercent !== null ? { code: row.discountCode, percent: row.discountPercent } : null,
  }, ctx.config.underwriting);
  if (decision.kind !== 'offer' || held === 0) {
    return changeConnectStatus(uow, row, 'declined', { declineRule: declineRule(decision) }, ctx, {
      action: 'quote_request.declined', details: { rule: declineRule(decision) },
    });
  }
  const token = newPurchaseToken();
  const priced = await changeConnectStatus(uow, row, 'priced', {
    premiumAmount: decision.premium.premium, premiumCurrency: decision.premium.currency, exposureHeld: held,
    purchaseTokenHash: hashPurchaseToken(token), pricedAt: uow.now, expiresAt: purchaseExpiresAt(uow.now),
  }, ctx, { action: 'quote_request.priced', details: { premium: decision.premium.premium, rate: decision.premium.rate } });
  await queueQuoteMail(uow, priced, token, ctx);
  return priced;
}
