import type { Executor } from '../../platform/db/database.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { CoverError } from '../domain/errors.js';
import { type LivePortfolioPage, readLivePortfolioPage } from '../live-portfolio-page.js';
import { foldLiveCounts, LIVE_COUNT_FOLD_AT, type ListingFilter, liveCountKey } from '../store.js';

/** A paged listing of a policy's or customer's whole live portfolio: what readLivePortfolioPage answers in one statement. */
export function isLivePortfolioPage(filter: ListingFilter): boolean {
  return filter.page !== undefined && (filter.listing === 'portfolio' || filter.listing === 'bulk') && liveCountKey(filter) !== null;
}

/**
 * listCovers for isLivePortfolioPage filters, read in one statement. Scheduled changes found due are applied
 * (`catchUp`) and the page read again; a total summed from many count rows is folded afterwards.
 */
export async function listLivePortfolio(
  db: Executor, filter: ListingFilter, now: Date, catchUp: () => Promise<void>,
): Promise<Result<LivePortfolioPage, CoverError>> {
  const listing = filter.listing === 'bulk' ? 'bulk' : 'portfolio';
  const pageSize = filter.page?.pageSize ?? 100;
  const start = filter.after === undefined ? { offset: ((filter.page?.page ?? 1) - 1) * pageSize } : { after: filter.after };
  const read = () => readLivePortfolioPage(db, { tenantId: filter.tenantId, listing, policyId: filter.policyId, customerId: filter.customerId, pageSize, start, now });
  let page = await read();
  if (page.due) {
    await catchUp();
    page = await read();
  }
  if (page.customerKnown === false) return err({ code: 'CUSTOMER_FORBIDDEN' });
  if (page.policyCustomerId === null || (filter.customerId !== undefined && page.policyCustomerId !== undefined && page.policyCustomerId !== filter.customerId)) {
    return err({ code: 'POLICY_FORBIDDEN' });
  }
  if (page.surplusRows > LIVE_COUNT_FOLD_AT) await foldLiveCounts(db, { tenantId: filter.tenantId, policyId: filter.policyId, customerId: filter.customerId });
  return ok(page);
}
