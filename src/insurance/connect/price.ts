import type PgBoss from 'pg-boss';
import type { Transaction } from '../../platform/db/database.js';
import { clockFor, type Platform } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { underwriteOnBook } from '../../risk/api.js';
import { purchaseExpiresAt } from '../domain/connect-state.js';
import type { ConnectContext } from './context.js';
import type { PricingJob } from './create.js';
import { queueQuoteMail } from './mail.js';
import { changeConnectStatus } from './status.js';
import { type ConnectRequestRow, lockConnectRequest } from './store.js';
import { hashPurchaseToken, newPurchaseToken } from './token.js';

function declineRule(decision: Awaited<ReturnType<typeof underwriteOnBook>>['decision']): string {
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

function jobUnitOfWork(tx: Transaction, tenant: Tenant, platform: Platform): UnitOfWork {
  const clock = clockFor(platform, tenant);
  return { tx, tenant, clock, now: clock.now(), actor: { type: 'system', id: 'connect-pricing' }, audited: false };
}

/** Ends a request that could not be priced at all (`success: false`, nothing sent), so it never stays pending. */
export async function declineUnpriceable(uow: UnitOfWork, id: string, ctx: ConnectContext): Promise<ConnectRequestRow | undefined> {
  const row = await lockConnectRequest(uow.tx, uow.tenant.id, id);
  if (!row || row.status !== 'pending') return row;
  return changeConnectStatus(uow, row, 'declined', { declineRule: 'pricing_failed' }, ctx, {
    action: 'quote_request.declined', details: { rule: 'pricing_failed' },
  });
}

/**
 * The pg-boss handler of CONNECT_PRICING_QUEUE: one transaction per request. A failure is retried with backoff; when
 * the last attempt fails too, the request is declined instead, so the partner's poll ends.
 */
export function connectPricingHandler(platform: Platform, ctx: ConnectContext) {
  return async (job: PgBoss.JobWithMetadata<PricingJob>): Promise<void> => {
    const tenant = await findTenant(platform.db, job.data.tenantId);
    if (!tenant) {
      platform.logger.error({ jobId: job.id }, 'Connect pricing job for an unknown tenant');
      return;
    }
    try {
      await platform.db.transaction((tx) => priceConnectRequest(jobUnitOfWork(tx, tenant, platform), job.data.id, ctx));
    } catch (error) {
      if (job.retryCount < job.retryLimit) throw error;
      platform.logger.error({ err: error, jobId: job.id, quoteRequestId: job.data.id }, 'Connect pricing failed on its last attempt; declining the request');
      await platform.db.transaction((tx) => declineUnpriceable(jobUnitOfWork(tx, tenant, platform), job.data.id, ctx));
    }
  };
}
