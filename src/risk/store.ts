import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../platform/db/database.js';
import type { Buyer } from './buyer.js';
import { isRating, type Rating } from './ratings.js';
import { LIVE_BOOK_ID, riskBuyers, riskExposure } from './schema.js';

/** The exposure book a tenant's quotes count in: one shared live book, one private book per sandbox tenant. */
export function bookFor(tenant: { id: string; mode: 'sandbox' | 'live' }): string {
  return tenant.mode === 'live' ? LIVE_BOOK_ID : tenant.id;
}

export async function findRegisteredBuyer(executor: Executor, country: string, registryId: string): Promise<Buyer | null> {
  const [row] = await executor.select().from(riskBuyers)
    .where(and(eq(riskBuyers.country, country), eq(riskBuyers.registryId, registryId))).limit(1);
  if (!row || !isRating(row.rating)) return null;
  return { country: row.country, registryId: row.registryId, name: row.name, rating: row.rating as Rating };
}

/** Inserts or updates buyers (an import replaces name and rating of known ones); returns how many rows were written. */
export async function upsertBuyers(executor: Executor, buyers: readonly Buyer[], now: Date): Promise<number> {
  const BATCH = 1000;
  for (let start = 0; start < buyers.length; start += BATCH) {
    const batch = buyers.slice(start, start + BATCH).map((buyer) => ({ ...buyer, updatedAt: now }));
    await executor.insert(riskBuyers).values(batch).onConflictDoUpdate({
      target: [riskBuyers.country, riskBuyers.registryId],
      set: { name: sql`excluded.name`, rating: sql`excluded.rating`, updatedAt: sql`excluded.updated_at` },
    });
  }
  return buyers.length;
}

export interface ExposureRow {
  readonly exposure: number;
  readonly openClaims: number;
}

/** Locks (creating it if needed) the buyer's exposure row: every capacity decision on the buyer serialises here. */
export async function lockExposure(tx: Transaction, bookId: string, country: string, registryId: string): Promise<ExposureRow> {
  // One round trip: the no-op DO UPDATE takes the row lock (like FOR UPDATE) and returns the current values.
  const [row] = await tx.insert(riskExposure).values({ bookId, country, registryId })
    .onConflictDoUpdate({ target: [riskExposure.bookId, riskExposure.country, riskExposure.registryId], set: { exposure: sql`${riskExposure.exposure}` } })
    .returning({ exposure: riskExposure.exposure, openClaims: riskExposure.openClaims });
  return row ?? { exposure: 0, openClaims: 0 };
}

/** Adds (or with negative deltas releases) exposure and open claims on a buyer, in one statement; never below zero. */
export async function adjustExposure(
  tx: Transaction, bookId: string, country: string, registryId: string, delta: { exposure?: number; openClaims?: number },
): Promise<void> {
  await tx.insert(riskExposure)
    .values({ bookId, country, registryId, exposure: Math.max(0, delta.exposure ?? 0), openClaims: Math.max(0, delta.openClaims ?? 0) })
    .onConflictDoUpdate({
      target: [riskExposure.bookId, riskExposure.country, riskExposure.registryId],
      set: {
        exposure: sql`greatest(0, ${riskExposure.exposure} + ${delta.exposure ?? 0})`,
        openClaims: sql`greatest(0, ${riskExposure.openClaims} + ${delta.openClaims ?? 0})`,
      },
    });
}

export async function readExposure(executor: Executor, bookId: string, country: string, registryId: string): Promise<ExposureRow> {
  const [row] = await executor.select({ exposure: riskExposure.exposure, openClaims: riskExposure.openClaims }).from(riskExposure)
    .where(and(eq(riskExposure.bookId, bookId), eq(riskExposure.country, country), eq(riskExposure.registryId, registryId)));
  return row ?? { exposure: 0, openClaims: 0 };
}
