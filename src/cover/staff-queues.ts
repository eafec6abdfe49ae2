// Reads for the staff console: insurer reduction and withdrawal notices still to take effect, and a buyer's covers.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.js';
import { POSTPONABLE } from './domain/cover-state.js';
import { coverVersions } from './schema.js';
import type { CoverVersionRow } from './store.js';

/** The tenant's live covers with a scheduled insurer reduction or withdrawal (pending W, F or P), soonest first. */
export async function pendingInsurerNotices(executor: Executor, tenantId: string, limit: number): Promise<CoverVersionRow[]> {
  return executor.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), isNull(coverVersions.historicCode), inArray(coverVersions.pendingProcess, [...POSTPONABLE])))
    .orderBy(asc(coverVersions.pendingEffectiveDate), asc(coverVersions.coverId)).limit(limit);
}

/** Every version of every cover on one buyer across the tenant's customers and policies, newest first (the buyer file). */
export async function coversOnBuyer(executor: Executor, tenantId: string, buyerId: number, limit: number): Promise<CoverVersionRow[]> {
  return executor.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenantId), eq(coverVersions.buyerId, buyerId)))
    .orderBy(desc(coverVersions.applicationDate), desc(coverVersions.coverId)).limit(limit);
}
