import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from '../../platform/db/columns.js';
import { credentials, tenantIdColumn } from '../../platform/db/schema.js';

/**
 * Signed-in staff console sessions. The cookie carries a random id; only its SHA-256 is stored, so a copy of the
 * table signs nobody in. A session ends at sign-out (row deleted), after `IDLE_TIMEOUT_MS` without a request or at
 * `expires_at` (an absolute limit), all on the service clock.
 */
export const consoleSessions = pgTable('console_sessions', {
  idHash: text('id_hash').primaryKey(),
  tenantId: tenantIdColumn(),
  credentialId: uuid('credential_id').notNull().references(() => credentials.id),
  createdAt: timestamptz('created_at').notNull(),
  lastSeenAt: timestamptz('last_seen_at').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
}, (table) => [index('console_sessions_expiry').on(table.expiresAt)]);
