export type TenantMode = 'sandbox' | 'live';

export interface Tenant {
  id: string;
  name: string;
  mode: TenantMode;
  /** The UUID in debt-servicing paths (`/v1/{clientId}/…`). */
  clientId: string;
  clockOffsetMs: number;
  createdAt: Date;
}

export const TENANT_NAME_MAX = 200;

export function validateTenantName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0) throw new TenantInputError('A tenant needs a non-empty name');
  if (trimmed.length > TENANT_NAME_MAX) throw new TenantInputError(`A tenant name has at most ${TENANT_NAME_MAX} characters`);
  return trimmed;
}

export class TenantInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TenantInputError';
  }
}
