import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../platform/db/database.js';
import { fastRows, type FastStatement, type FastWrite } from '../platform/db/fast-query.js';
import type { Buyer } from './domain/buyer.js';
import { isRating, type Rating } from './domain/ratings.js';
import { LIVE_BOOK_ID, riskBuyers, riskExposure } from './schema.js';

/** The exposure book a tenant's quotes count in: one shared live book, one private book per sandbox tenant. */
export function bookFor(tenant: { id: string; mode: 'sandbox' | 'live' }): string {
  return tenant.mode === 'live' ? LIVE_BOOK_ID : tenant.id;
}

const FIND_BUYER: FastStatement = {
  name: 'risk_find_buyer',
  text: 'SELECT country, registry_id, name, rating FROM risk_buyers WHERE country = $1 AND registry_id = $2 LIMIT 1',
};

export interface BuyerRow { country: string; registry_id: string; name: string; rating: number | string }

export function buyerOf(row: BuyerRow | undefined): Buyer | null {
  const rating = row ? Number(row.rating) : undefined;
  if (!row || !isRating(rating)) return null;
  return { country: row.country, registryId: row.registry_id, name: row.name, rating: rating as Rating };
}

export async function findRegisteredBuyer(executor: Executor, country: string, registryId: string): Promise<Buyer | null> {
  const [row] = await fastRows<BuyerRow>(executor, FIND_BUYER, [country, registryId]);
  return buyerOf(row);
}

const FIND_BUYERS: FastStatement = {
  name: 'risk_find_buyers',
  text: `SELECT b.country, b.registry_id, b.name, b.rating FROM unnest($1::text[], $2::text[]) AS k(country, registry_id)
    JOIN risk_buyers b ON b.country = k.country AND b.registry_id = k.registry_id`,
};

/** The registered buyers among `keys`, in one statement (a page naming many buyers); unknown ones are left out. */
export async function findRegisteredBuyers(executor: Executor, keys: readonly { country: string; registryId: string }[]): Promise<Buyer[]> {
  if (keys.length === 0) return [];
  const rows = await fastRows<BuyerRow>(executor, FIND_BUYERS, [keys.map((key) => key.country), keys.map((key) => key.registryId)]);
  return rows.map(buyerOf).filter((buyer): buyer is Buyer => buyer !== null);
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

// One round trip each: the no-op DO UPDATE takes the row lock (like FOR UPDATE) and returns the current values.
const LOCK_EXPOSURE: FastStatement = {
  name: 'risk_lock_exposure',
  text: `INSERT INTO risk_exposure (book_id, country, registry_id) VALUES ($1, $2, $3)
    ON CONFLICT (book_id, country, registry_id) DO UPDATE SET exposure = risk_exposure.exposure
    RETURNING exposure, open_claims`,
};

const OPEN_EXPOSURE: FastStatement = {
  name: 'risk_open_exposure',
  text: `INSERT INTO risk_exposure (book_id, country, registry_id) VALUES ($1, $2, $3) ON CONFLICT (book_id, country, registry_id) DO NOTHING`,
};

/**
 * Gives a buyer new to the book its exposure row (nothing held, no open claim: what a missing row means), so that a
 * capacity hold (holdWithinCapacityGuard) has a row to compare and set. A row that exists is left as it is.
 */
export async function openExposure(executor: Executor, bookId: string, country: string, registryId: string): Promise<void> {
  await fastRows(executor, OPEN_EXPOSURE, [bookId, country, registryId]);
}

const LOCK_EXPOSURE_WITH_BUYER: FastStatement = {
  name: 'risk_lock_exposure_with_buyer',
  text: `WITH locked AS (
      INSERT INTO risk_exposure (book_id, country, registry_id) VALUES ($1, $2, $3)
      ON CONFLICT (book_id, country, registry_id) DO UPDATE SET exposure = risk_exposure.exposure
      RETURNING exposure, open_claims)
    SELECT locked.exposure, locked.open_claims, b.country, b.registry_id, b.name, b.rating
    FROM locked LEFT JOIN risk_buyers b ON b.country = $2 AND b.registry_id = $3`,
};

const ADJUST_EXPOSURE: FastStatement = {
  name: 'risk_adjust_exposure',
  text: `INSERT INTO risk_exposure (book_id, country, registry_id, exposure, open_claims)
    VALUES ($1, $2, $3, greatest(0, $4::bigint), greatest(0, $5::integer))
    ON CONFLICT (book_id, country, registry_id) DO UPDATE SET
      exposure = greatest(0, risk_exposure.exposure + $4::bigint),
      open_claims = greatest(0, risk_exposure.open_claims + $5::integer)`,
};

interface ExposureSqlRow { exposure: number | string; open_claims: number | string }

/** Locks (creating it if needed) the buyer's exposure row: every capacity decision on the buyer serialises here. */
export async function lockExposure(tx: Transaction, bookId: string, country: string, registryId: string): Promise<ExposureRow> {
  const [row] = await fastRows<ExposureSqlRow>(tx, LOCK_EXPOSURE, [bookId, country, registryId]);
  return row ? { exposure: Number(row.exposure), openClaims: Number(row.open_claims) } : { exposure: 0, openClaims: 0 };
}

/** `lockExposure` and `findRegisteredBuyer` in one statement (the lock is taken the same way). */
export async function lockExposureWithBuyer(
  tx: Transaction, bookId: string, country: string, registryId: string,
): Promise<{ exposure: ExposureRow; buyer: Buyer | null }> {
  const [row] = await fastRows<ExposureSqlRow & Partial<BuyerRow>>(tx, LOCK_EXPOSURE_WITH_BUYER, [bookId, country, registryId]);
  if (!row) return { exposure: { exposure: 0, openClaims: 0 }, buyer: null };
  return {
    exposure: { exposure: Number(row.exposure), openClaims: Number(row.open_claims) },
    buyer: row.country === null || row.country === undefined ? null : buyerOf(row as BuyerRow),
  };
}

const HOLD_WITHIN_CAPACITY: FastStatement = {
  name: 'risk_hold_within_capacity',
  text: `UPDATE risk_exposure SET exposure = exposure + $4::bigint
    WHERE book_id = $1 AND country = $2 AND registry_id = $3 AND open_claims = 0 AND exposure + $4::bigint <= $5::bigint
    RETURNING exposure`,
};

/**
 * What an offer decided on a snapshot takes: `amount` from the buyer's capacity, only if the buyer still has no open
 * claim and `amount` still fits under `capacity`, the two facts the offer rested on.
 */
export interface CapacityHold {
  readonly bookId: string;
  readonly country: string;
  readonly registryId: string;
  readonly amount: number;
  readonly capacity: number;
}

/** A capacity hold as a compare-and-set (see fastGuardedWriteAll). The buyer's exposure row must exist. */
export function holdWithinCapacityGuard(hold: CapacityHold): FastWrite {
  return { statement: HOLD_WITHIN_CAPACITY, values: [hold.bookId, hold.country, hold.registryId, hold.amount, hold.capacity] };
}

/** The write `adjustExposure` does, to send together with other writes of the transaction (fastWriteAll). */
export function adjustExposureWrite(bookId: string, country: string, registryId: string, delta: { exposure?: number; openClaims?: number }): FastWrite {
  return { statement: ADJUST_EXPOSURE, values: [bookId, country, registryId, delta.exposure ?? 0, delta.openClaims ?? 0] };
}

/** Adds (or with negative deltas releases) exposure and open claims on a buyer, in one statement; never below zero. */
export async function adjustExposure(
  tx: Transaction, bookId: string, country: string, registryId: string, delta: { exposure?: number; openClaims?: number },
): Promise<void> {
  const write = adjustExposureWrite(bookId, country, registryId, delta);
  await fastRows(tx, write.statement, write.values);
}

export async function readExposure(executor: Executor, bookId: string, country: string, registryId: string): Promise<ExposureRow> {
  const [row] = await executor.select({ exposure: riskExposure.exposure, openClaims: riskExposure.openClaims }).from(riskExposure)
    .where(and(eq(riskExposure.bookId, bookId), eq(riskExposure.country, country), eq(riskExposure.registryId, registryId)));
  return row ?? { exposure: 0, openClaims: 0 };
}
