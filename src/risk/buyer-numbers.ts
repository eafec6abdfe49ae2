import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import type { Buyer } from './domain/buyer.js';
import { riskBuyerNumbers } from './buyer-number-schema.js';
import { BEST_RATING, WORST_RATING, isRating, type Rating } from './domain/ratings.js';
import { riskBuyers } from './schema.js';

/** A registry buyer with its public number and the time its rating was last written. */
export interface NumberedBuyer extends Buyer {
  readonly buyerId: number;
  readonly updatedAt: Date;
}

/** The buyer's public number, handed out on first use (concurrent first uses agree on one number). */
export async function buyerNumberFor(executor: Executor, country: string, registryId: string): Promise<number> {
  await executor.insert(riskBuyerNumbers).values({ country, registryId }).onConflictDoNothing();
  const [row] = await executor.select({ buyerId: riskBuyerNumbers.buyerId }).from(riskBuyerNumbers)
    .where(and(eq(riskBuyerNumbers.country, country), eq(riskBuyerNumbers.registryId, registryId)));
  if (!row) throw new Error(`buyer number for ${country}:${registryId} was not stored`);
  return Number(row.buyerId);
}

/** Registry buyers by their public numbers; unknown numbers are left out. */
export async function buyersByNumber(executor: Executor, buyerIds: readonly number[]): Promise<NumberedBuyer[]> {
  if (buyerIds.length === 0) return [];
  const rows = await executor
    .select({
      buyerId: riskBuyerNumbers.buyerId, country: riskBuyers.country, registryId: riskBuyers.registryId,
      name: riskBuyers.name, rating: riskBuyers.rating, updatedAt: riskBuyers.updatedAt,
    })
    .from(riskBuyerNumbers)
    .innerJoin(riskBuyers, and(eq(riskBuyers.country, riskBuyerNumbers.country), eq(riskBuyers.registryId, riskBuyerNumbers.registryId)))
    .where(inArray(riskBuyerNumbers.buyerId, [...buyerIds]))
    .orderBy(sql`${riskBuyerNumbers.buyerId}`);
  return rows.flatMap((row) => {
    const rating = Number(row.rating);
    return isRating(rating) ? [{ ...row, buyerId: Number(row.buyerId), rating: rating as Rating }] : [];
  });
}

/**
 * SQL of a scalar subquery answering the registry buyer with public number `buyer` (an SQL expression) as one jsonb,
 * null when unknown, for a statement of another module that reads it with other things (aliases starting np_ are
 * taken); numberedBuyerOf reads it as buyerByNumber answers.
 */
export function buyerByNumberJsonSql(buyer: string): string {
  return `(SELECT jsonb_build_object('buyerId', np_n.buyer_id, 'country', np_b.country, 'registryId', np_b.registry_id, 'name', np_b.name,
      'rating', np_b.rating, 'updatedAt', np_b.updated_at)
    FROM risk_buyer_numbers np_n JOIN risk_buyers np_b ON np_b.country = np_n.country AND np_b.registry_id = np_n.registry_id
    WHERE np_n.buyer_id = ${buyer})`;
}

/**
 * SQL of a scalar subquery answering the name of the registry buyer with public number `buyer` (an SQL expression),
 * null when unknown or unrated (as buyerByNumber would answer no buyer), for a write of another module that copies it.
 */
export function ratedBuyerNameSql(buyer: string): string {
  return `(SELECT np_b.name FROM risk_buyer_numbers np_n JOIN risk_buyers np_b ON np_b.country = np_n.country AND np_b.registry_id = np_n.registry_id
    WHERE np_n.buyer_id = ${buyer} AND np_b.rating BETWEEN ${BEST_RATING} AND ${WORST_RATING})`;
}

/** The buyer from the jsonb of buyerByNumberJsonSql; null when unknown or unrated, as buyerByNumber answers. */
export function numberedBuyerOf(value: unknown): NumberedBuyer | null {
  if (value === null || value === undefined) return null;
  const json = (typeof value === 'string' ? JSON.parse(value) : value) as { buyerId: number; country: string; registryId: string; name: string; rating: number; updatedAt: string };
  const rating = Number(json.rating);
  if (!isRating(rating)) return null;
  return { buyerId: Number(json.buyerId), country: json.country, registryId: json.registryId, name: json.name, rating, updatedAt: new Date(json.updatedAt) };
}

export async function buyerByNumber(executor: Executor, buyerId: number): Promise<NumberedBuyer | null> {
  const [buyer] = await buyersByNumber(executor, [buyerId]);
  return buyer ?? null;
}

/** The buyer's public number if it has one, without handing one out (a read for the staff console). */
export async function findBuyerNumber(executor: Executor, country: string, registryId: string): Promise<number | null> {
  const [row] = await executor.select({ buyerId: riskBuyerNumbers.buyerId }).from(riskBuyerNumbers)
    .where(and(eq(riskBuyerNumbers.country, country), eq(riskBuyerNumbers.registryId, registryId)));
  return row ? Number(row.buyerId) : null;
}
