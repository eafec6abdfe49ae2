// Registry buyers by their public numbers for a page of covers: one fixed prepared statement with one array
// parameter (building a query with a parameter per number costs the service more than the database's answer).
import type { Executor } from '../platform/db/database.js';
import { fastRows, type FastStatement } from '../platform/db/fast-query.js';
import type { NumberedBuyer } from './buyer-numbers.js';
import { isRating } from './domain/ratings.js';

const BUYERS_BY_NUMBERS: FastStatement = {
  name: 'risk_buyers_by_numbers',
  text: `SELECT n.buyer_id, b.country, b.registry_id, b.name, b.rating, b.updated_at
    FROM risk_buyer_numbers n JOIN risk_buyers b ON b.country = n.country AND b.registry_id = n.registry_id
    WHERE n.buyer_id = ANY($1::bigint[]) ORDER BY n.buyer_id`,
};

interface NumberedBuyerSqlRow { buyer_id: number | string; country: string; registry_id: string; name: string; rating: number | string; updated_at: Date | string }

/** buyersByNumber for many numbers at once; unknown numbers and unrated rows are left out. */
export async function buyersByNumbers(executor: Executor, buyerIds: readonly number[]): Promise<NumberedBuyer[]> {
  if (buyerIds.length === 0) return [];
  const rows = await fastRows<NumberedBuyerSqlRow>(executor, BUYERS_BY_NUMBERS, [`{${buyerIds.map((id) => Math.trunc(id)).join(',')}}`]);
  return rows.flatMap((row) => {
    const rating = Number(row.rating);
    return isRating(rating)
      ? [{ buyerId: Number(row.buyer_id), country: row.country, registryId: row.registry_id, name: row.name, rating, updatedAt: new Date(row.updated_at) }]
      : [];
  });
}
