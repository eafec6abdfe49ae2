import { and, asc, desc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Executor, Transaction } from '../../platform/db/database.js';
import type { StrategyStatus } from '../domain/strategy/lifecycle.js';
import { collectionsAssignmentRules, collectionsStrategies } from '../schema/strategies.js';
import type { AssignmentRules } from '../domain/strategy/document.js';

/** Queries over strategy versions and assignment rules; tenant id first in every one. */
export type StrategyRow = typeof collectionsStrategies.$inferSelect;
export type NewStrategyRow = typeof collectionsStrategies.$inferInsert;
export type StrategyVersionRef = number | 'latest-published';

/** Serialises the changes to one strategy key (version numbering, publishing), held to the end of the transaction. */
export async function lockStrategyKey(tx: Transaction, tenantId: string, key: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`collections_strategy:${tenantId}:${key}`}, 0))`);
}

export async function insertStrategyVersion(tx: Transaction, row: NewStrategyRow): Promise<StrategyRow> {
  const [inserted] = await tx.insert(collectionsStrategies).values(row).returning();
  return inserted!;
}

export async function versionsOfKey(db: Executor, tenantId: string, key: string): Promise<StrategyRow[]> {
  return db.select().from(collectionsStrategies)
    .where(and(eq(collectionsStrategies.tenantId, tenantId), eq(collectionsStrategies.key, key)))
    .orderBy(asc(collectionsStrategies.version));
}

/** One version by number, or the newest published one; `lock` takes the row FOR UPDATE. */
export async function findStrategyVersion(
  db: Executor, tenantId: string, key: string, version: StrategyVersionRef, options: { lock?: boolean } = {},
): Promise<StrategyRow | undefined> {
  const where: SQL[] = [eq(collectionsStrategies.tenantId, tenantId), eq(collectionsStrategies.key, key)];
  where.push(version === 'latest-published' ? eq(collectionsStrategies.status, 'published') : eq(collectionsStrategies.version, version));
  const query = db.select().from(collectionsStrategies).where(and(...where)).orderBy(desc(collectionsStrategies.version)).limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function updateStrategyVersion(
  tx: Transaction, row: StrategyRow, changes: Partial<Pick<StrategyRow, 'status' | 'document' | 'name' | 'contentHash' | 'publishedAt' | 'retiredAt' | 'updatedAt'>>,
): Promise<StrategyRow> {
  const [updated] = await tx.update(collectionsStrategies).set(changes)
    .where(and(eq(collectionsStrategies.tenantId, row.tenantId), eq(collectionsStrategies.id, row.id))).returning();
  return updated!;
}

export interface StrategyListFilter {
  key?: string;
  status?: StrategyStatus;
  limit: number;
}

/** Versions without their documents, by key then version. */
export async function listStrategyVersions(db: Executor, tenantId: string, filter: StrategyListFilter) {
  const where: SQL[] = [eq(collectionsStrategies.tenantId, tenantId)];
  if (filter.key !== undefined) where.push(eq(collectionsStrategies.key, filter.key));
  if (filter.status !== undefined) where.push(eq(collectionsStrategies.status, filter.status));
  const { document: _document, ...columns } = getTableColumns(collectionsStrategies);
  return db.select(columns).from(collectionsStrategies).where(and(...where))
    .orderBy(asc(collectionsStrategies.key), asc(collectionsStrategies.version)).limit(filter.limit);
}

export type AssignmentRulesRow = typeof collectionsAssignmentRules.$inferSelect;

export async function findAssignmentRules(db: Executor, tenantId: string, options: { lock?: boolean } = {}): Promise<AssignmentRulesRow | undefined> {
  const query = db.select().from(collectionsAssignmentRules).where(eq(collectionsAssignmentRules.tenantId, tenantId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function saveAssignmentRules(tx: Transaction, tenantId: string, rules: AssignmentRules, now: Date): Promise<AssignmentRulesRow> {
  const [row] = await tx.insert(collectionsAssignmentRules).values({ tenantId, rules, revision: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: collectionsAssignmentRules.tenantId,
      set: { rules, revision: sql`${collectionsAssignmentRules.revision} + 1`, updatedAt: now },
    })
    .returning();
  return row!;
}

export async function findStrategyVersionById(db: Executor, tenantId: string, id: string): Promise<StrategyRow | undefined> {
  const [row] = await db.select().from(collectionsStrategies).where(and(eq(collectionsStrategies.tenantId, tenantId), eq(collectionsStrategies.id, id)));
  return row;
}
