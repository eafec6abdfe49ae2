import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { credentials } from '../db/schema.js';
import { authChanged } from './actor-cache.js';
import { PRODUCT_SPECS, type Product } from './products.js';
import { hashClientSecret, randomHex, sha256Hex } from './secrets.js';

/** What a new credential's holder must be told once: never stored in clear. */
export type CredentialSecret =
  | { credentialId: string; product: Product; kind: 'api_key'; apiKey: string }
  | {
      credentialId: string;
      product: Product;
      kind: 'client_secret';
      clientId: string;
      clientSecret: string;
      appKey?: string;
    };

export interface CredentialSummary {
  id: string;
  product: Product;
  kind: 'api_key' | 'client_secret';
  publicId: string | null;
  label: string;
  scopes: string[];
  createdAt: Date;
  revokedAt: Date | null;
}

export async function createCredential(
  executor: Executor,
  input: { tenantId: string; product: Product; label?: string; now: Date },
): Promise<CredentialSecret> {
  const spec = PRODUCT_SPECS[input.product];
  const id = randomUUID();
  const base = {
    id,
    tenantId: input.tenantId,
    product: input.product,
    kind: spec.kind,
    scopes: spec.scopes,
    label: input.label ?? `${input.product} credential`,
    createdAt: input.now,
  };
  if (spec.kind === 'api_key') {
    const apiKey = randomHex(20);
    await executor.insert(credentials).values({ ...base, publicId: null, secretHash: sha256Hex(apiKey), appKeyHash: null });
    return { credentialId: id, product: input.product, kind: 'api_key', apiKey };
  }
  const clientId = `${input.product}_${randomHex(10)}`;
  const clientSecret = randomHex(24);
  const appKey = spec.needsAppKey ? randomHex(16) : undefined;
  await executor.insert(credentials).values({
    ...base,
    publicId: clientId,
    secretHash: await hashClientSecret(clientSecret),
    appKeyHash: appKey ? sha256Hex(appKey) : null,
  });
  return { credentialId: id, product: input.product, kind: 'client_secret', clientId, clientSecret, ...(appKey ? { appKey } : {}) };
}

export async function listCredentials(executor: Executor, tenantId: string): Promise<CredentialSummary[]> {
  const rows = await executor
    .select()
    .from(credentials)
    .where(eq(credentials.tenantId, tenantId))
    .orderBy(credentials.product, credentials.createdAt);
  return rows.map((row) => ({
    id: row.id,
    product: row.product as Product,
    kind: row.kind,
    publicId: row.publicId,
    label: row.label,
    scopes: row.scopes,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
  }));
}

/**
 * Revokes one credential of a tenant; its tokens stop working at once (in every process: authChanged invalidates the
 * auth caches). Returns false when there is no such live credential.
 */
export async function revokeCredential(
  executor: Executor,
  input: { tenantId: string; credentialId: string; now: Date },
): Promise<boolean> {
  const revoked = await executor
    .update(credentials)
    .set({ revokedAt: input.now })
    .where(and(eq(credentials.id, input.credentialId), eq(credentials.tenantId, input.tenantId), isNull(credentials.revokedAt)))
    .returning({ id: credentials.id });
  if (revoked.length !== 1) return false;
  await authChanged(executor, input.tenantId);
  return true;
}

/** Rotation: a new credential for the product; the old ones keep working until revoked (all at once with `revokeOthers`). */
export async function rotateCredential(
  executor: Executor,
  input: { tenantId: string; product: Product; revokeOthers: boolean; now: Date },
): Promise<{ created: CredentialSecret; revoked: string[] }> {
  const previous = (await listCredentials(executor, input.tenantId)).filter(
    (credential) => credential.product === input.product && credential.revokedAt === null,
  );
  const created = await createCredential(executor, { tenantId: input.tenantId, product: input.product, now: input.now, label: `${input.product} credential (rotated)` });
  const revoked: string[] = [];
  if (input.revokeOthers) {
    for (const credential of previous) {
      if (await revokeCredential(executor, { tenantId: input.tenantId, credentialId: credential.id, now: input.now })) {
        revoked.push(credential.id);
      }
    }
  }
  return { created, revoked };
}
