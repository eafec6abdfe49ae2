import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { accessTokens, credentials, tenants } from '../db/schema.js';
import type { Tenant } from '../tenants/tenant.js';
import type { Actor } from './actor.js';
import type { ActorCache, CachedResolution } from './actor-cache.js';
import { TOKEN_LIFETIME_SECONDS, type Product } from './products.js';
import { hashClientSecret, sha256Hex, verifyClientSecret } from './secrets.js';

type TenantRow = typeof tenants.$inferSelect;
type CredentialRow = typeof credentials.$inferSelect;

function toActor(tenant: TenantRow, credential: CredentialRow): Actor {
  const domainTenant: Tenant = {
    id: tenant.id,
    name: tenant.name,
    mode: tenant.mode,
    clientId: tenant.clientId,
    clockOffsetMs: tenant.clockOffsetMs,
    createdAt: tenant.createdAt,
  };
  return { tenant: domainTenant, credentialId: credential.id, product: credential.product as Product, scopes: credential.scopes };
}

/**
 * Resolves an opaque secret presented in an Authorization header: an API key or an access token issued by a
 * token endpoint. Revoked credentials and expired tokens resolve to nothing. `now` is the system time.
 * With a cache, a hit answers without the database (see actor-cache.ts for how revocation reaches it).
 */
export async function resolveBearerSecret(executor: Executor, secret: string, now: Date, cache?: ActorCache): Promise<Actor | undefined> {
  return (await resolveBearer(executor, secret, now, cache))?.actor;
}

/** `resolveBearerSecret` with what else the cache holds about the credential (its app key hash). */
export async function resolveBearer(executor: Executor, secret: string, now: Date, cache?: ActorCache): Promise<CachedResolution | undefined> {
  if (secret.length === 0 || secret.length > 512) return undefined;
  const hash = sha256Hex(secret);
  const cached = cache?.get(hash, now);
  if (cached) return cached;
  const generation = cache?.generation ?? 0;
  const loaded = await loadBearer(executor, hash, now);
  if (loaded && cache) cache.set(hash, generation, loaded);
  return loaded;
}

async function loadBearer(executor: Executor, hash: string, now: Date): Promise<CachedResolution | undefined> {
  const byKey = await executor
    .select({ tenant: tenants, credential: credentials })
    .from(credentials)
    .innerJoin(tenants, eq(tenants.id, credentials.tenantId))
    .where(and(eq(credentials.secretHash, hash), eq(credentials.kind, 'api_key'), isNull(credentials.revokedAt)))
    .limit(1);
  const keyMatch = byKey[0];
  if (keyMatch) return { actor: toActor(keyMatch.tenant, keyMatch.credential), tokenExpiresAt: null, appKeyHash: keyMatch.credential.appKeyHash };
  const byToken = await executor
    .select({ tenant: tenants, credential: credentials, expiresAt: accessTokens.expiresAt })
    .from(accessTokens)
    .innerJoin(credentials, eq(credentials.id, accessTokens.credentialId))
    .innerJoin(tenants, eq(tenants.id, accessTokens.tenantId))
    .where(and(eq(accessTokens.tokenHash, hash), gt(accessTokens.expiresAt, now), isNull(credentials.revokedAt)))
    .limit(1);
  const tokenMatch = byToken[0];
  return tokenMatch
    ? { actor: toActor(tokenMatch.tenant, tokenMatch.credential), tokenExpiresAt: tokenMatch.expiresAt, appKeyHash: tokenMatch.credential.appKeyHash }
    : undefined;
}

let decoyHash: Promise<string> | undefined;
function unknownClientHash(): Promise<string> {
  decoyHash ??= hashClientSecret(randomBytes(24).toString('hex'));
  return decoyHash;
}

export type ClientCredentialCheck =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'unknown_client' | 'bad_secret' | 'bad_app_key' | 'wrong_product' };

/** Checks a client id and secret (Basic auth at a token endpoint), plus the app key where the product needs one. */
export async function checkClientCredentials(
  executor: Executor,
  input: { clientId: string; clientSecret: string; appKey?: string; products: readonly Product[] },
): Promise<ClientCredentialCheck> {
  const rows = await executor
    .select({ tenant: tenants, credential: credentials })
    .from(credentials)
    .innerJoin(tenants, eq(tenants.id, credentials.tenantId))
    .where(and(eq(credentials.publicId, input.clientId), eq(credentials.kind, 'client_secret'), isNull(credentials.revokedAt)))
    .limit(1);
  const match = rows[0];
  if (!match) {
    // Spend the same scrypt time as for a known client, so response times do not reveal which client ids exist.
    await verifyClientSecret(input.clientSecret, await unknownClientHash());
    return { ok: false, reason: 'unknown_client' };
  }
  if (!(await verifyClientSecret(input.clientSecret, match.credential.secretHash))) return { ok: false, reason: 'bad_secret' };
  if (!appKeyFits(match.credential.appKeyHash, input.appKey)) {
    return { ok: false, reason: 'bad_app_key' };
  }
  if (!input.products.includes(match.credential.product as Product)) return { ok: false, reason: 'wrong_product' };
  return { ok: true, actor: toActor(match.tenant, match.credential) };
}

/** Issues an opaque bearer token for a credential, valid for its product's token lifetime from `now`. */
export async function issueAccessToken(
  executor: Executor,
  actor: Actor,
  now: Date,
): Promise<{ accessToken: string; expiresIn: number; expiresAt: Date }> {
  const expiresIn = TOKEN_LIFETIME_SECONDS[actor.product] ?? 3600;
  const accessToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + expiresIn * 1000);
  await executor.insert(accessTokens).values({
    tokenHash: sha256Hex(accessToken),
    credentialId: actor.credentialId,
    tenantId: actor.tenant.id,
    expiresAt,
    createdAt: now,
  });
  return { accessToken, expiresIn, expiresAt };
}

/**
 * Checks the app key that Atradius-style calls carry next to their bearer token against the credential's app key
 * hash (null: the credential needs none). The hash comes with the bearer's resolution (resolveBearer), cached.
 */
export function appKeyFits(appKeyHash: string | null, appKey: string | undefined): boolean {
  return appKeyHash === null || appKeyHash === sha256Hex(appKey ?? '');
}
