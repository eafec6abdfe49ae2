import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../platform/db/columns.js';
import { tenantIdColumn } from '../../platform/db/schema.js';

/**
 * Scheduled report deliveries. A subscription is made by staff (back-office API) or for a cover customer (management
 * API, `customer_id` set: the report is narrowed to that customer's book). `next_due_at` is when the next report
 * date has closed, in tenant time; the delivery sweep claims due rows FOR UPDATE SKIP LOCKED and moves it on in the
 * same transaction. Null once cancelled.
 */
export const reportSubscriptions = pgTable('report_subscriptions', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  report: text('report').notNull(),
  parameters: jsonb('parameters').$type<Record<string, string>>().notNull(),
  format: text('format', { enum: ['csv', 'pdf'] }).notNull(),
  frequency: text('frequency', { enum: ['daily', 'weekly', 'monthly'] }).notNull(),
  email: text('email').notNull(),
  customerId: bigint('customer_id', { mode: 'number' }),
  channel: text('channel', { enum: ['staff', 'management'] }).notNull(),
  createdBy: text('created_by').notNull(),
  nextReportDate: text('next_report_date').notNull(),
  nextDueAt: timestamptz('next_due_at'),
  createdAt: timestamptz('created_at').notNull(),
  cancelledAt: timestamptz('cancelled_at'),
}, (table) => [
  index('report_subscriptions_due').on(table.nextDueAt).where(sql`${table.nextDueAt} is not null`),
  index('report_subscriptions_tenant').on(table.tenantId, table.channel, table.createdAt),
]);

/** One row per subscription and report date: the primary key makes each period's delivery happen once. */
export const reportDeliveries = pgTable('report_deliveries', {
  tenantId: tenantIdColumn(),
  subscriptionId: uuid('subscription_id').notNull().references(() => reportSubscriptions.id),
  reportDate: text('report_date').notNull(),
  /** Set in the same transaction once the message is stored (the row is claimed first, so a period is mailed once). */
  mailMessageId: uuid('mail_message_id'),
  deliveredAt: timestamptz('delivered_at').notNull(),
}, (table) => [primaryKey({ columns: [table.subscriptionId, table.reportDate] })]);
