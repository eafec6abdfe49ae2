import type PgBoss from 'pg-boss';
import type { Transaction } from '../../platform/db/database.js';
import { clockFor, type Platform } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { systemActor, type UnitOfWork, unitOfWork } from '../../platform/unit-of-work.js';
import type { ConnectContext, PricingJob } from '../context.js';
import { declineUnpriceable } from '../use-cases/connect/decline-unpriceable-request.js';
import { priceConnectRequest } from '../use-cases/connect/price-quote-request.js';

function jobUnitOfWork(tx: Transaction, tenant: Tenant, platform: Platform): UnitOfWork {
  return unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('connect-pricing') });
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
