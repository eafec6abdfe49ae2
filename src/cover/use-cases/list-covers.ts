import type { Executor } from '../../platform/db/database.js';
import { type Result, err, ok } from '../../platform/result.js';
import { buyersByNumbers, type NumberedBuyer } from '../../risk/api.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, findCustomer, findPolicy, findVersion, type ListingFilter, listVersions, positionsDecidedBefore } from '../store.js';

export interface CoverPage {
  readonly rows: CoverVersionRow[];
  readonly buyers: ReadonlyMap<number, NumberedBuyer>;
  readonly totalItems: number | null;
  /** Positions (policy:buyer) with a decision before `from`, for changeType. */
  readonly decidedBefore: ReadonlySet<string> | null;
}

/** A listing of the caller's covers: a customer or policy of another tenant is forbidden (spec §4). */
export async function listCovers(db: Executor, filter: ListingFilter): Promise<Result<CoverPage, CoverError>> {
  if (filter.customerId !== undefined && !(await findCustomer(db, filter.tenantId, filter.customerId))) return err({ code: 'CUSTOMER_FORBIDDEN' });
  if (filter.policyId !== undefined) {
    const policy = await findPolicy(db, filter.tenantId, filter.policyId);
    if (!policy || (filter.customerId !== undefined && policy.customerId !== filter.customerId)) return err({ code: 'POLICY_FORBIDDEN' });
  }
  const { rows, totalItems } = await listVersions(db, filter);
  const buyers = await buyersOf(db, rows);
  const decidedBefore = filter.from && (filter.listing === 'portfolio' || filter.listing === 'decisions')
    ? await positionsDecidedBefore(db, filter.tenantId, rows.map((row) => row.coverId), filter.from)
    : null;
  return ok({ rows, buyers, totalItems, decidedBefore });
}

export async function buyersOf(db: Executor, rows: readonly CoverVersionRow[]): Promise<Map<number, NumberedBuyer>> {
  const buyers = await buyersByNumbers(db, [...new Set(rows.map((row) => row.buyerId))]);
  return new Map(buyers.map((buyer) => [buyer.buyerId, buyer]));
}

/** One cover version of the caller's tenant; another tenant's is answered as unknown. */
export async function getCover(db: Executor, tenantId: string, coverId: number): Promise<Result<{ row: CoverVersionRow; buyers: Map<number, NumberedBuyer> }, CoverError>> {
  const row = await findVersion(db, tenantId, coverId);
  if (!row) return err({ code: 'COVER_NOT_FOUND' });
  return ok({ row, buyers: await buyersOf(db, [row]) });
}
