import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { collectionsMandates } from '../schema/debtor-records-schema.js';

/** Queries of mandates; every one takes the tenant id first. */

export type MandateRow = typeof collectionsMandates.$inferSelect;

/** The mandate by its reference, deleted or not (the reference is never reused), locked. */
export async function findMandate(db: Executor, tenantId: string, mandateId: string): Promise<MandateRow | undefined> {
  const [row] = await db.select().from(collectionsMandates)
    .where(and(eq(collectionsMandates.tenantId, tenantId), eq(collectionsMandates.mandateId, mandateId))).for('update');
  return row;
}

export async function insertMandate(db: Executor, row: Omit<MandateRow, 'seq'>): Promise<void> {
  await db.insert(collectionsMandates).values(row);
}

export async function markMandateDeleted(db: Executor, tenantId: string, mandateId: string, now: Date): Promise<void> {
  await db.update(collectionsMandates).set({ deletedAt: now })
    .where(and(eq(collectionsMandates.tenantId, tenantId), eq(collectionsMandates.mandateId, mandateId)));
}

/** The mandates of an account that are not deleted, oldest first. */
export async function activeMandates(db: Executor, tenantId: string, accountReference: string): Promise<MandateRow[]> {
  return db.select().from(collectionsMandates).where(and(
    eq(collectionsMandates.tenantId, tenantId), eq(collectionsMandates.accountReference, accountReference), isNull(collectionsMandates.deletedAt),
  )).orderBy(asc(collectionsMandates.seq));
}
