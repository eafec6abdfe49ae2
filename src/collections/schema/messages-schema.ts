import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../platform/db/columns.js';
import { bulkRowTenantIdColumn, tenants } from '../../platform/db/schema.js';

/*
 * Collections communications (collections.md §3). A tenant's own template versions (version 1 of each shipped
 * template is code), and every message rendered for a claim with the template version and language it used.
 * An e-mail's `.eml` is the platform outbox's row (mail_messages, exactly the bytes sent over SMTP), referenced by
 * mail_message_id; an SMS's or a letter's `.eml` is kept here in `eml` (nothing else sends it).
 */

export const collectionsTemplateVersions = pgTable('collections_template_versions', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  templateId: text('template_id').notNull(),
  language: text('language').notNull(),
  version: integer('version').notNull(),
  /** TemplateContent: the text of every channel. */
  content: jsonb('content').$type<Record<string, unknown>>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamptz('created_at').notNull(),
}, (table) => [primaryKey({ columns: [table.tenantId, table.templateId, table.language, table.version] })]);

export const collectionsMessages = pgTable('collections_messages', {
  tenantId: bulkRowTenantIdColumn(),
  id: uuid('id').notNull(),
  claimReference: text('claim_reference').notNull(),
  accountReference: text('account_reference'),
  /** The run and step that sent it (null for a message sent outside a run). */
  runId: text('run_id'),
  stepId: text('step_id'),
  /** 0 for the step's first message, 1, 2, … for the fallbacks taken after a delivery failure. */
  attempt: integer('attempt').notNull().default(0),
  channel: text('channel', { enum: ['email', 'sms', 'letter'] }).notNull(),
  templateId: text('template_id').notNull(),
  templateVersion: integer('template_version').notNull(),
  language: text('language').notNull(),
  /** queued: handed to the mail outbox; stored: kept (no SMS or print gateway); failed: undeliverable. */
  status: text('status', { enum: ['queued', 'stored', 'failed'] }).notNull(),
  recipient: text('recipient').notNull(),
  eml: text('eml'),
  mailMessageId: uuid('mail_message_id'),
  /** Channels still to try after this one, in order. */
  fallbacks: jsonb('fallbacks').$type<string[]>().notNull(),
  /** Channels passed over before this one and why, e.g. [{channel:'sms', reason:'no_address'}]. */
  skipped: jsonb('skipped').$type<{ channel: string; reason: string }[]>().notNull(),
  /** What the caller passed (the landing page URL, …), for rendering a fallback later. */
  data: jsonb('data').$type<Record<string, string>>().notNull(),
  failure: text('failure'),
  /** The message whose delivery failure this one replaces. */
  fallbackOf: uuid('fallback_of'),
  createdAt: timestamptz('created_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.id] }),
  index('collections_messages_claim').on(table.tenantId, table.claimReference, table.createdAt),
  uniqueIndex('collections_messages_run_step').on(table.tenantId, table.runId, table.stepId, table.attempt).where(sql`${table.runId} is not null`),
]);
