import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { collectionsInstalmentComputations, collectionsInstalmentPlans } from '../schema/debtor-records-schema.js';

/** Queries of computed definitions and instalment plans; every one takes the tenant id first. */

export type ComputationRow = typeof collectionsInstalmentComputations.$inferSelect;
export type PlanRow = typeof collectionsInstalmentPlans.$inferSelect;
export type NewPlanRow = typeof collectionsInstalmentPlans.$inferInsert;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertComputation(db: Executor, row: typeof collectionsInstalmentComputations.$inferInsert): Promise<void> {
  await db.insert(collectionsInstalmentComputations).values(row);
}

/** A computed definition that has not expired at `now`, locked (it is used once). */
export async function takeComputation(db: Executor, tenantId: string, id: string, now: Date): Promise<ComputationRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(collectionsInstalmentComputations).where(and(
    eq(collectionsInstalmentComputations.tenantId, tenantId), eq(collectionsInstalmentComputations.id, id),
    gt(collectionsInstalmentComputations.expiresAt, now),
  )).for('update');
  return row;
}

export async function deleteComputation(db: Executor, tenantId: string, id: string): Promise<void> {
  await db.delete(collectionsInstalmentComputations).where(and(eq(collectionsInstalmentComputations.tenantId, tenantId), eq(collectionsInstalmentComputations.id, id)));
}

/** Computed definitions past their TTL (housekeeping, any tenant). */
export async function deleteExpiredComputations(db: Executor, now: Date): Promise<void> {
  await db.delete(collectionsInstalmentComputations).where(lt(collectionsInstalmentComputations.expiresAt, now));
}

export async function insertPlan(db: Executor, row: NewPlanRow): Promise<void> {
  await db.insert(collectionsInstalmentPlans).values(row);
}

export async function loadPlan(db: Executor, tenantId: string, id: string, lock: boolean): Promise<PlanRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const query = db.select().from(collectionsInstalmentPlans)
    .where(and(eq(collectionsInstalmentPlans.tenantId, tenantId), eq(collectionsInstalmentPlans.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function savePlan(db: Executor, row: PlanRow): Promise<void> {
  const { tenantId, id, seq: _seq, ...changes } = row;
  await db.update(collectionsInstalmentPlans).set(changes)
    .where(and(eq(collectionsInstalmentPlans.tenantId, tenantId), eq(collectionsInstalmentPlans.id, id)));
}

/** The plans of an account in creation order, after the cursor `afterSeq`. */
export async function listPlans(db: Executor, tenantId: string, accountReference: string): Promise<PlanRow[]> {
  return db.select().from(collectionsInstalmentPlans)
    .where(and(eq(collectionsInstalmentPlans.tenantId, tenantId), eq(collectionsInstalmentPlans.accountReference, accountReference)))
    .orderBy(asc(collectionsInstalmentPlans.seq));
}

/** The plans whose scope holds the claim, newest first. */
export async function plansOfClaim(db: Executor, tenantId: string, claimReference: string): Promise<PlanRow[]> {
  return db.select().from(collectionsInstalmentPlans).where(and(
    eq(collectionsInstalmentPlans.tenantId, tenantId),
    sql`${collectionsInstalmentPlans.claimReferences} @> ${JSON.stringify([claimReference])}::jsonb`,
  )).orderBy(desc(collectionsInstalmentPlans.seq));
}

/** Each claim's latest plan (the newest whose scope holds it; claims without one are absent), in one query. */
export async function latestPlansOfClaims(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<Map<string, PlanRow>> {
  const wanted = new Set(claimReferences);
  if (wanted.size === 0) return new Map();
  const rows = await db.select().from(collectionsInstalmentPlans).where(and(
    eq(collectionsInstalmentPlans.tenantId, tenantId),
    sql`${collectionsInstalmentPlans.claimReferences} ?| array(select jsonb_array_elements_text(${JSON.stringify([...wanted])}::jsonb))`,
  )).orderBy(desc(collectionsInstalmentPlans.seq));
  const latest = new Map<string, PlanRow>();
  for (const row of rows) {
    for (const reference of row.claimReferences as string[]) if (wanted.has(reference) && !latest.has(reference)) latest.set(reference, row);
  }
  return latest;
}

/** The ACTIVE plans whose scope holds the claim, locked. */
export async function activePlansOfClaim(db: Executor, tenantId: string, claimReference: string): Promise<PlanRow[]> {
  return db.select().from(collectionsInstalmentPlans).where(and(
    eq(collectionsInstalmentPlans.tenantId, tenantId), eq(collectionsInstalmentPlans.status, 'ACTIVE'),
    sql`${collectionsInstalmentPlans.claimReferences} @> ${JSON.stringify([claimReference])}::jsonb`,
  )).orderBy(asc(collectionsInstalmentPlans.seq)).for('update');
}
