// The console's server-side sessions: created at sign-in from a staff API key, resolved on every request (idle
// timeout and absolute limit on the service clock), ended at sign-out. The credential is re-read each time, so a
// revoked key or changed roles take effect on the next request.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.js';
import { resolveBearerSecret } from '../../platform/auth/authenticate.js';
import type { Product } from '../../platform/auth/products.js';
import { sha256Hex } from '../../platform/auth/secrets.js';
import type { Executor } from '../../platform/db/database.js';
import { credentials, tenants } from '../../platform/db/schema.js';
import { consoleSessions } from './schema.js';

/** A session ends after this long without a request. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
/** …and at the latest this long after sign-in. */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** The last-seen time is written at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface ConsoleSession {
  actor: Actor;
  /** The staff credential's label: the console's name for the person signed in. */
  label: string;
  /** The token every state-changing request must carry (synchronizer token, derived from the secret session id). */
  csrfToken: string;
}

export function csrfTokenOf(sessionId: string): string {
  return sha256Hex(`console-csrf:${sessionId}`);
}

/** Signs a staff API key in: a new session id (returned once, for the cookie), or undefined for any other secret. */
export async function signIn(db: Executor, apiKey: string, now: Date): Promise<{ sessionId: string; actor: Actor } | undefined> {
  const actor = await resolveBearerSecret(db, apiKey.trim(), now);
  if (!actor || actor.product !== ('staff' satisfies Product)) return undefined;
  const sessionId = randomBytes(32).toString('base64url');
  await db.delete(consoleSessions).where(and(
    eq(consoleSessions.credentialId, actor.credentialId),
    or(lt(consoleSessions.expiresAt, now), lt(consoleSessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS))),
  ));
  await db.insert(consoleSessions).values({
    idHash: sha256Hex(sessionId), tenantId: actor.tenant.id, credentialId: actor.credentialId,
    createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
  });
  return { sessionId, actor };
}

/** The live session of a cookie value; an idle or expired one is deleted and resolves to undefined. */
export async function resumeSession(db: Executor, sessionId: string, now: Date): Promise<ConsoleSession | undefined> {
  if (sessionId.length === 0 || sessionId.length > 100) return undefined;
  const idHash = sha256Hex(sessionId);
  const [row] = await db.select({ session: consoleSessions, tenant: tenants, credential: credentials })
    .from(consoleSessions)
    .innerJoin(credentials, eq(credentials.id, consoleSessions.credentialId))
    .innerJoin(tenants, eq(tenants.id, consoleSessions.tenantId))
    .where(and(eq(consoleSessions.idHash, idHash), isNull(credentials.revokedAt)))
    .limit(1);
  if (!row) return undefined;
  const idle = now.getTime() - row.session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  if (idle || now >= row.session.expiresAt) {
    await db.delete(consoleSessions).where(eq(consoleSessions.idHash, idHash));
    return undefined;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(consoleSessions).set({ lastSeenAt: now }).where(eq(consoleSessions.idHash, idHash));
  }
  const { tenant, credential } = row;
  return {
    actor: {
      tenant: { id: tenant.id, name: tenant.name, mode: tenant.mode, clientId: tenant.clientId, clockOffsetMs: tenant.clockOffsetMs, createdAt: tenant.createdAt },
      credentialId: credential.id, product: credential.product as Product, scopes: credential.scopes,
    },
    label: credential.label,
    csrfToken: csrfTokenOf(sessionId),
  };
}

export async function signOut(db: Executor, sessionId: string): Promise<void> {
  await db.delete(consoleSessions).where(eq(consoleSessions.idHash, sha256Hex(sessionId)));
}
