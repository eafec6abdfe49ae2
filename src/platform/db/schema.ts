import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.js';

/** Platform tables: tenancy, credentials, idempotency, events, audit and webhooks. Business modules own their own schema files. */

const createdAt = () => timestamptz('created_at').notNull();

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  mode: text('mode', { enum: ['sandbox', 'live'] }).notNull(),
  clientId: uuid('client_id').notNull().unique(),
  clockOffsetMs: bigint('clock_offset_ms', { mode: 'number' }).notNull().default(0),
  createdAt: createdAt(),
});

/** The owning tenant of a row: every business table carries one (tenancy rule). */
export function tenantIdColumn() {
  return uuid('tenant_id').notNull().references(() => tenants.id);
}

/**
 * The owning tenant of a row the hot paths write in bulk (events, the audit log, outbox mail, a collections run's log,
 * messages and landing links): no foreign key. Every writer takes the id from the tenant its unit of work loaded, and tenants are never
 * deleted, so the check guarded nothing; it cost a quarter of a collections step's PostgreSQL time (one key-share
 * lock of the same tenant row per inserted row, by every worker at once).
 */
export function bulkRowTenantIdColumn() {
  return uuid('tenant_id').notNull();
}

export const credentials = pgTable('credentials', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  product: text('product').notNull(),
  kind: text('kind', { enum: ['api_key', 'client_secret'] }).notNull(),
  /** The public half of a client-secret pair (the Basic-auth user name); null for API keys. */
  publicId: text('public_id').unique(),
  /** api_key: SHA-256 of the key (high-entropy, looked up per request); client_secret: scrypt hash of the secret. */
  secretHash: text('secret_hash').notNull(),
  /** SHA-256 of the Atradius-App-Key that must accompany a cover/non-payment token. */
  appKeyHash: text('app_key_hash'),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  label: text('label').notNull(),
  createdAt: createdAt(),
  revokedAt: timestamptz('revoked_at'),
}, (table) => [
  uniqueIndex('credentials_api_key_hash').on(table.secretHash).where(sql`${table.kind} = 'api_key'`),
  index('credentials_tenant').on(table.tenantId, table.product),
]);

export const accessTokens = pgTable('access_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  credentialId: uuid('credential_id').notNull().references(() => credentials.id),
  tenantId: tenantIdColumn(),
  expiresAt: timestamptz('expires_at').notNull(),
  createdAt: createdAt(),
}, (table) => [index('access_tokens_expiry').on(table.expiresAt)]);

export const idempotencyKeys = pgTable('idempotency_keys', {
  tenantId: tenantIdColumn(),
  scope: text('scope').notNull(),
  key: text('key').notNull(),
  requestHash: text('request_hash').notNull(),
  responseStatus: integer('response_status').notNull(),
  responseBody: text('response_body').notNull(),
  responseContentType: text('response_content_type').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamptz('expires_at').notNull(),
}, (table) => [
  primaryKey({ columns: [table.tenantId, table.scope, table.key] }),
  index('idempotency_keys_expiry').on(table.expiresAt),
]);

export const events = pgTable('events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: bulkRowTenantIdColumn(),
  type: text('type').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  data: jsonb('data').notNull(),
  occurredAt: timestamptz('occurred_at').notNull(),
  requestId: text('request_id'),
  /** True until the webhook dispatcher has fanned the event out to the tenant's endpoints. */
  dispatchPending: boolean('dispatch_pending').notNull().default(true),
}, (table) => [
  index('events_tenant_type_time').on(table.tenantId, table.type, table.occurredAt),
  /*
   * An entity's events are looked up only for non-payment cases (their history, the claims queue and the case reports:
   * every such query names the entity type as a literal), so only their rows are indexed: the collections engine's
   * three events a step (and servicing's) skip an entry they would never be found by (migration 0047). A query by
   * another entity type must widen this predicate first.
   */
  index('events_tenant_entity').on(table.tenantId, table.entityType, table.entityId).where(sql`${table.entityType} = 'nonpayment_case'`),
  index('events_dispatch_pending').on(table.id).where(sql`${table.dispatchPending}`),
]);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  // Every change of every module writes one (issue 14: its key-share lock of the tenant row was 5-10 % of a case's write).
  tenantId: bulkRowTenantIdColumn(),
  actorType: text('actor_type').notNull(),
  actorId: text('actor_id').notNull(),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  requestId: text('request_id'),
  details: jsonb('details'),
  at: timestamptz('at').notNull(),
  /** The writing transaction's id: the seal orders rows by (tx_id, id), see platform/audit/seal.ts. */
  txId: bigint('tx_id', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`),
  /** The seal, set once by the sealer: position in the tenant's chain, the previous entry's hash, this entry's hash. */
  seq: bigint('seq', { mode: 'number' }),
  prevHash: text('prev_hash'),
  hash: text('hash'),
}, (table) => [
  index('audit_log_tenant_entity').on(table.tenantId, table.entityType, table.entityId),
  uniqueIndex('audit_log_tenant_seq').on(table.tenantId, table.seq).where(sql`${table.seq} IS NOT NULL`),
  index('audit_log_unsealed').on(table.txId, table.id).where(sql`${table.seq} IS NULL`),
  index('audit_log_sealed_order').on(table.txId, table.id).where(sql`${table.seq} IS NOT NULL`),
]);

export const webhookEndpoints = pgTable('webhook_endpoints', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  url: text('url').notNull(),
  /** Kept in clear because every delivery is signed with it (as Stripe does); never returned after creation. */
  signingSecret: text('signing_secret').notNull(),
  eventTypes: jsonb('event_types').$type<string[]>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
}, (table) => [index('webhook_endpoints_tenant').on(table.tenantId)]);

export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: uuid('id').primaryKey(),
  tenantId: tenantIdColumn(),
  endpointId: uuid('endpoint_id').notNull().references(() => webhookEndpoints.id),
  eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => events.id),
  status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  createdAt: createdAt(),
  deliveredAt: timestamptz('delivered_at'),
}, (table) => [
  uniqueIndex('webhook_deliveries_endpoint_event').on(table.endpointId, table.eventId),
  index('webhook_deliveries_tenant').on(table.tenantId, table.createdAt),
]);

/** Every e-mail the system writes: stored as a real RFC 5322 message, sent when SMTP is configured. */
export const mailMessages = pgTable('mail_messages', {
  id: uuid('id').primaryKey(),
  tenantId: bulkRowTenantIdColumn(),
  kind: text('kind').notNull(),
  fromAddress: text('from_address').notNull(),
  toAddresses: jsonb('to_addresses').$type<string[]>().notNull(),
  subject: text('subject').notNull(),
  eml: text('eml').notNull(),
  status: text('status', { enum: ['queued', 'sent', 'stored', 'failed'] }).notNull(),
  relatedType: text('related_type'),
  relatedId: text('related_id'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
  sentAt: timestamptz('sent_at'),
}, (table) => [
  index('mail_messages_tenant_time').on(table.tenantId, table.createdAt),
  index('mail_messages_related').on(table.tenantId, table.relatedType, table.relatedId),
]);
