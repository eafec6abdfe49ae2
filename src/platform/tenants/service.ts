import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import type { Database, Executor } from '../db/database.js';
import { tenants } from '../db/schema.js';
import { createCredential, type CredentialSecret } from '../auth/credentials.js';
import { PRODUCTS, type Product } from '../auth/products.js';
import { validateTenantName, type Tenant, type TenantMode } from './tenant.js';

export interface CreatedTenant {
  tenant: Tenant;
  credentials: Record<Product, CredentialSecret>;
}

/** Creates a tenant and one credential for every product, in one transaction. */
export async function createTenant(
  db: Database,
  input: { name: string; mode: TenantMode; now: Date },
): Promise<CreatedTenant> {
  const name = validateTenantName(input.name);
  return db.transaction(async (tx) => {
    const tenant: Tenant = { id: randomUUID(), name, mode: input.mode, clientId: randomUUID(), clockOffsetMs: 0, createdAt: input.now };
    await tx.insert(tenants).values(tenant);
    const created = {} as Record<Product, CredentialSecret>;
    for (const product of PRODUCTS) {
      created[product] = await createCredential(tx, { tenantId: tenant.id, product, now: input.now, label: `${product} credential` });
    }
    return { tenant, credentials: created };
  });
}

export async function listTenants(executor: Executor): Promise<Tenant[]> {
  return executor.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.name));
}

export async function findTenant(executor: Executor, idOrClientId: string): Promise<Tenant | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(idOrClientId)) return undefined;
  const byId = await executor.select().from(tenants).where(eq(tenants.id, idOrClientId)).limit(1);
  if (byId[0]) return byId[0];
  const byClientId = await executor.select().from(tenants).where(eq(tenants.clientId, idOrClientId)).limit(1);
  return byClientId[0];
}

export async function countTenants(executor: Executor): Promise<number> {
  const rows = await executor.select({ total: count() }).from(tenants);
  return Number(rows[0]?.total ?? 0);
}
