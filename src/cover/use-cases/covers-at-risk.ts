import type { Executor } from '../../platform/db/database.js';
import type { NumberedBuyer } from '../../risk/api.js';
import { type CoverVersionRow, liveVersionsOnBuyers, buyerIdsWithLiveCover } from '../store.js';
import { buyersOf } from './list-covers.js';

/** Live decided covers whose buyer is rated worse now than when the cover was underwritten: the review list. */
export async function coversAtRisk(db: Executor, tenantId: string, limit: number): Promise<{ row: CoverVersionRow; buyer: NumberedBuyer }[]> {
  const buyerIds = await buyerIdsWithLiveCover(db, tenantId, undefined);
  const rows = await liveVersionsOnBuyers(db, tenantId, buyerIds);
  const buyers = await buyersOf(db, rows);
  return rows.flatMap((row) => {
    const buyer = buyers.get(row.buyerId);
    return buyer && row.coverStatus === 'DECISION' && buyer.rating > row.buyerRatingAtApplication ? [{ row, buyer }] : [];
  }).slice(0, limit);
}
