// Column shapes several tables share, so a new table with a lifecycle (pricing, exposure held, a deadline, optimistic
// versioning) declares it the same way. Each helper returns fresh builders: drizzle binds a builder to one table.
import { bigint, integer, text, timestamp } from 'drizzle-orm/pg-core';

/** An instant, stored with its time zone and read as a Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A premium in minor units and its currency; null until the row is priced. */
export function premiumColumns() {
  return { premiumAmount: bigint('premium_amount', { mode: 'number' }), premiumCurrency: text('premium_currency') };
}

/** Base-currency amount the row holds on its buyer's exposure row (0 when it holds none). */
export function exposureHeldColumn() {
  return bigint('exposure_held', { mode: 'number' }).notNull().default(0);
}

/**
 * The end of a row's life and its bookkeeping: when it closed, its next timer (`deadline_at`, in tenant time; a sweep
 * compares it with system time plus the tenant's clock offset), its version for compare-and-set updates, and when it
 * was created and last changed.
 */
export function lifecycleColumns() {
  return {
    closedAt: timestamptz('closed_at'),
    deadlineAt: timestamptz('deadline_at'),
    version: integer('version').notNull().default(1),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  };
}
