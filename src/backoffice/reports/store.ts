// The subscriptions' and deliveries' queries, tenant id first.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { reportDeliveries, reportSubscriptions } from './schema.js';

export type SubscriptionRow = typeof reportSubscriptions.$inferSelect;
export type Channel = SubscriptionRow['channel'];

export async function insertSubscription(executor: Executor, row: typeof reportSubscriptions.$inferInsert): Promise<SubscriptionRow> {
  const [inserted] = await executor.insert(reportSubscriptions).values(row).returning();
  return inserted!;
}

/** The tenant's live subscriptions made through one channel, oldest first. */
export async function listSubscriptions(executor: Executor, tenantId: string, channel: Channel): Promise<SubscriptionRow[]> {
  return executor.select().from(reportSubscriptions)
    .where(and(eq(reportSubscriptions.tenantId, tenantId), eq(reportSubscriptions.channel, channel), isNull(reportSubscriptions.cancelledAt)))
    .orderBy(asc(reportSubscriptions.createdAt), asc(reportSubscriptions.id))
    .limit(1000);
}

/** One live subscription of the tenant made through `channel`, locked for update. */
export async function lockSubscription(executor: Executor, tenantId: string, channel: Channel, id: string): Promise<SubscriptionRow | undefined> {
  const [row] = await executor.select().from(reportSubscriptions)
    .where(and(eq(reportSubscriptions.tenantId, tenantId), eq(reportSubscriptions.channel, channel), eq(reportSubscriptions.id, id), isNull(reportSubscriptions.cancelledAt)))
    .for('update');
  return row;
}

export async function updateSubscription(executor: Executor, id: string, set: Partial<SubscriptionRow>): Promise<void> {
  await executor.update(reportSubscriptions).set(set).where(eq(reportSubscriptions.id, id));
}

/** Records the delivery of one report date; false when that period was already delivered. */
export async function claimDelivery(executor: Executor, row: typeof reportDeliveries.$inferInsert): Promise<boolean> {
  const inserted = await executor.insert(reportDeliveries).values(row).onConflictDoNothing().returning({ reportDate: reportDeliveries.reportDate });
  return inserted.length === 1;
}

export async function listDeliveries(executor: Executor, tenantId: string, subscriptionId: string) {
  return executor.select().from(reportDeliveries)
    .where(and(eq(reportDeliveries.tenantId, tenantId), eq(reportDeliveries.subscriptionId, subscriptionId)))
    .orderBy(asc(reportDeliveries.reportDate))
    .limit(1000);
}
