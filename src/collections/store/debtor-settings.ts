import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { DEFAULT_INSTALMENT_SETTINGS, type InstalmentSettings } from '../domain/instalments/definitions.js';
import { DEFAULT_PROMISE_BOUNDS, type PromiseBounds } from '../domain/promises/promise.js';
import { collectionsSettings } from '../schema/debtor-records-schema.js';

/** A tenant's settings for debtor records; each part falls back to the defaults where the tenant set nothing. */
export interface DebtorRecordSettings {
  promise: PromiseBounds;
  instalments: InstalmentSettings;
}

export async function readDebtorRecordSettings(db: Executor, tenantId: string): Promise<DebtorRecordSettings> {
  const [row] = await db.select().from(collectionsSettings).where(eq(collectionsSettings.tenantId, tenantId)).limit(1);
  const stored = (row?.settings ?? {}) as Partial<{ promise: Partial<PromiseBounds>; instalments: Partial<InstalmentSettings> }>;
  return {
    promise: { ...DEFAULT_PROMISE_BOUNDS, ...stored.promise },
    instalments: { ...DEFAULT_INSTALMENT_SETTINGS, ...stored.instalments },
  };
}

export async function writeDebtorRecordSettings(
  db: Executor, tenantId: string, settings: { promise?: Partial<PromiseBounds>; instalments?: Partial<InstalmentSettings> }, now: Date,
): Promise<void> {
  await db.insert(collectionsSettings).values({ tenantId, settings, updatedAt: now })
    .onConflictDoUpdate({ target: collectionsSettings.tenantId, set: { settings, updatedAt: now } });
}
