import { randomUUID } from 'node:crypto';
import { randomHex, sha256Hex } from '../platform/auth/secrets.js';
import type { Executor } from '../platform/db/database.js';
import { credentials } from '../platform/db/schema.js';
import type { StaffRole } from './face.js';

/** A staff API key whose scopes are its roles; the key is returned once and stored as its SHA-256. */
export async function createStaffCredential(
  executor: Executor, input: { tenantId: string; roles: readonly StaffRole[]; label: string; now: Date },
): Promise<{ credentialId: string; apiKey: string; roles: StaffRole[] }> {
  const id = randomUUID();
  const apiKey = randomHex(20);
  const roles = [...new Set(input.roles)];
  await executor.insert(credentials).values({
    id, tenantId: input.tenantId, product: 'staff', kind: 'api_key', publicId: null, secretHash: sha256Hex(apiKey),
    appKeyHash: null, scopes: roles, label: input.label, createdAt: input.now,
  });
  return { credentialId: id, apiKey, roles };
}
