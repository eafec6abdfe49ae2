import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bulkRowTenantIdColumn, tenants } from '../../platform/db/schema.js';

/*
 * Collections runs (shared/spec/collections.md §2): one run per claim (a recreated claim's run starts again with
 * the next run number), its append-only log, and the due timer on the run row itself (`due_at`, indexed where set),
 * swept FOR UPDATE SKIP LOCKED. Every table starts with tenant_id.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const collectionsRuns = pgTable('collections_runs', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  claimReference: text('claim_reference').notNull(),
  /** 1 for the claim's first run; a recreate_claims restart takes the next number. */
  runNo: integer('run_no').notNull().default(1),
  /** `<accountReference>/<debtorReference>`: the debtor the weekly contact cap counts messages for. */
  debtorKey: text('debtor_key'),
  strategyKey: text('strategy_key').notNull(),
  strategyVersion: integer('strategy_version').notNull(),
  /** The interpreter's RunPosition (cursor, logical time, notices); state columns repeat it for queries. */
  position: jsonb('position').$type<Record<string, unknown>>().notNull(),
  state: text('state', { enum: ['RUNNING', 'PAUSED', 'STOPPED', 'ENDED'] }).notNull(),
  pausedUntil: at('paused_until'),
  stopReason: text('stop_reason'),
  stopDescription: text('stop_description'),
  /** When the run next needs the engine, in tenant time; null: only an event or a command moves it. */
  dueAt: at('due_at'),
  /** The servicing event that (re)started this run: a redelivered or older event does nothing. */
  startedByEvent: bigint('started_by_event', { mode: 'number' }),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.claimReference] }),
  index('collections_runs_due').on(table.dueAt).where(sql`${table.dueAt} is not null`),
]);

/** One line of a run's log as a firing row holds it (`entries`): a decision line or an action. */
export interface RunLogEntryRow {
  at: string;
  kind: string;
  stepId?: string | null;
  reason?: string | null;
  action?: Record<string, unknown> | null;
}

/**
 * What each run did and why, never updated: one row per firing (kind `firing`: every decision line and action of
 * that firing in `entries`, in order; `at` its last logical time; `debtor_key` set when it sent a message), the
 * decision written once. Rows written before firings were grouped hold one line or action each (kind, step_id, reason,
 * action; `debtor_key` on `send` rows) and are read the same way (run-store.ts, runLogLines).
 */
export const collectionsRunEvents = pgTable('collections_run_events', {
  tenantId: bulkRowTenantIdColumn(),
  id: bigserial('id', { mode: 'number' }).notNull(),
  claimReference: text('claim_reference').notNull(),
  runNo: integer('run_no').notNull(),
  /** The logical time of the decision (see the interpreter); a firing's last one. */
  at: at('at').notNull(),
  /** `firing`, or (older rows) a log kind (`step`, `held`, `waiting`, `trigger`, …) or an action (`send`, `escalate`, `end`, …). */
  kind: text('kind').notNull(),
  stepId: text('step_id'),
  reason: text('reason'),
  /** The action's details (channel, template, …) for action rows. */
  action: jsonb('action').$type<Record<string, unknown>>(),
  /** A firing's lines and actions, in order. */
  entries: jsonb('entries').$type<RunLogEntryRow[]>(),
  /** Set on rows that sent a message (a firing with a send, an older `send` row): the weekly contact cap counts them per debtor. */
  debtorKey: text('debtor_key'),
  recordedAt: at('recorded_at').notNull(),
}, (table) => [
  // The key is also the index every read of a claim's log walks (tenant, claim, in id order); no query looks a row up
  // by id alone, so a separate (tenant, id) key would be one more index entry a step that nothing reads (migration 0048).
  primaryKey({ columns: [table.tenantId, table.claimReference, table.id] }),
  index('collections_run_events_debtor_sends').on(table.tenantId, table.debtorKey, table.at).where(sql`${table.debtorKey} is not null`),
]);

/** The tenant's holidays: local dates on which no message with a send window goes out. */
export const collectionsHolidays = pgTable('collections_holidays', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  day: text('day').notNull(),
  name: text('name'),
}, (table) => [primaryKey({ columns: [table.tenantId, table.day] })]);
