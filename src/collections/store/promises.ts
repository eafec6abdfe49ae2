import { and, desc, eq, ne } from 'drizzle-orm';
import { anyOf } from '../../platform/db/any-of.js';
import type { Executor } from '../../platform/db/database.js';
import { collectionsPromises } from '../schema/debtor-records-schema.js';

/** Queries of promises to pay; every one takes the tenant id first. */

export type PromiseRow = typeof collectionsPromises.$inferSelect;

/** Marks the claim's open promise replaced (a new one takes its place). */
export async function replaceOpenPromise(db: Executor, tenantId: string, claimReference: string, now: Date): Promise<void> {
  await db.update(collectionsPromises).set({ status: 'replaced', deadlineAt: null, resolvedAt: now }).where(and(
    eq(collectionsPromises.tenantId, tenantId), eq(collectionsPromises.claimReference, claimReference), eq(collectionsPromises.status, 'open'),
  ));
}

export async function insertPromise(db: Executor, row: PromiseRow): Promise<void> {
  await db.insert(collectionsPromises).values(row);
}

export async function loadPromise(db: Executor, tenantId: string, id: string): Promise<PromiseRow | undefined> {
  const [row] = await db.select().from(collectionsPromises).where(and(eq(collectionsPromises.tenantId, tenantId), eq(collectionsPromises.id, id)));
  return row;
}

export async function resolvePromise(db: Executor, tenantId: string, id: string, status: 'kept' | 'broken', now: Date): Promise<void> {
  await db.update(collectionsPromises).set({ status, deadlineAt: null, resolvedAt: now })
    .where(and(eq(collectionsPromises.tenantId, tenantId), eq(collectionsPromises.id, id)));
}

/** The claim's latest promise that was not replaced. */
export async function latestPromise(db: Executor, tenantId: string, claimReference: string): Promise<PromiseRow | undefined> {
  const [row] = await db.select().from(collectionsPromises).where(and(
    eq(collectionsPromises.tenantId, tenantId), eq(collectionsPromises.claimReference, claimReference), ne(collectionsPromises.status, 'replaced'),
  )).orderBy(desc(collectionsPromises.createdAt)).limit(1);
  return row;
}

/** Each claim's latest promise that was not replaced (claims without one are absent), in one query. */
export async function latestPromises(db: Executor, tenantId: string, claimReferences: readonly string[]): Promise<Map<string, PromiseRow>> {
  if (claimReferences.length === 0) return new Map();
  const rows = await db.selectDistinctOn([collectionsPromises.claimReference]).from(collectionsPromises).where(and(
    eq(collectionsPromises.tenantId, tenantId), anyOf(collectionsPromises.claimReference, [...new Set(claimReferences)]), ne(collectionsPromises.status, 'replaced'),
  )).orderBy(collectionsPromises.claimReference, desc(collectionsPromises.createdAt));
  return new Map(rows.map((row) => [row.claimReference, row]));
}

/** The claim's open promise, locked. */
export async function openPromiseOf(db: Executor, tenantId: string, claimReference: string): Promise<PromiseRow | undefined> {
  const [row] = await db.select().from(collectionsPromises).where(and(
    eq(collectionsPromises.tenantId, tenantId), eq(collectionsPromises.claimReference, claimReference), eq(collectionsPromises.status, 'open'),
  )).for('update');
  return row;
}
