import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { collectionsFiles } from '../schema/debtor-records-schema.js';

/** Queries of uploaded files' metadata; every one takes the tenant id first. */

export type FileRow = typeof collectionsFiles.$inferSelect;

export async function insertFile(db: Executor, row: FileRow): Promise<void> {
  await db.insert(collectionsFiles).values(row);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findFile(db: Executor, tenantId: string, id: string): Promise<FileRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const [row] = await db.select().from(collectionsFiles).where(and(eq(collectionsFiles.tenantId, tenantId), eq(collectionsFiles.id, id)));
  return row;
}

export async function filesOfAccount(db: Executor, tenantId: string, accountReference: string): Promise<FileRow[]> {
  return db.select().from(collectionsFiles)
    .where(and(eq(collectionsFiles.tenantId, tenantId), eq(collectionsFiles.accountReference, accountReference)))
    .orderBy(collectionsFiles.createdAt);
}
