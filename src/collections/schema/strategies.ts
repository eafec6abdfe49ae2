import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../platform/db/columns.js';
import { tenantIdColumn } from '../../platform/db/schema.js';
import type { AssignmentRules, StrategyDocument } from '../domain/strategy/document.js';

/*
 * Strategy versions (collections.md §1): one row per (tenant, key, version), the document in its canonical form and
 * its sha256. A published row is never rewritten except to retire it (status and retired_at); a run names the row's
 * id, so publishing a new version never moves a run.
 */
export const collectionsStrategies = pgTable('collections_strategies', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  key: text('key').notNull(),
  version: integer('version').notNull(),
  status: text('status', { enum: ['draft', 'published', 'retired'] }).notNull(),
  name: text('name').notNull(),
  document: jsonb('document').$type<StrategyDocument>().notNull(),
  contentHash: text('content_hash').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
  publishedAt: timestamptz('published_at'),
  retiredAt: timestamptz('retired_at'),
}, (table) => [
  uniqueIndex('collections_strategies_version').on(table.tenantId, table.key, table.version),
  index('collections_strategies_status').on(table.tenantId, table.status, table.key, table.version),
]);

/** A tenant's assignment rules (one row per tenant); `revision` counts the changes. */
export const collectionsAssignmentRules = pgTable('collections_assignment_rules', {
  tenantId: tenantIdColumn(),
  rules: jsonb('rules').$type<AssignmentRules>().notNull(),
  revision: integer('revision').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
}, (table) => [primaryKey({ columns: [table.tenantId] })]);
