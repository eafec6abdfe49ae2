/**
 * Each credential belongs to one product, the API face it may call. The token-based faces issue tokens that
 * inherit their credential's product and scopes.
 */
export const PRODUCTS = ['servicing', 'connect', 'reinsure', 'insure', 'cover', 'nonpayment', 'management', 'staff'] as const;
export type Product = (typeof PRODUCTS)[number];

export interface ProductSpec {
  kind: 'api_key' | 'client_secret';
  /** Atradius-style faces also require an app key on every call. */
  needsAppKey: boolean;
  scopes: string[];
  description: string;
}

export const PRODUCT_SPECS: Record<Product, ProductSpec> = {
  servicing: { kind: 'client_secret', needsAppKey: false, scopes: ['servicing'], description: 'Debt servicing (Receeve API): OAuth2 client credentials' },
  connect: { kind: 'api_key', needsAppKey: false, scopes: ['connect'], description: 'Credable Connect API key' },
  reinsure: { kind: 'api_key', needsAppKey: false, scopes: ['reinsure'], description: 'Credable Reinsure API key' },
  insure: { kind: 'api_key', needsAppKey: false, scopes: ['insure'], description: 'Credable Insure API key' },
  cover: { kind: 'client_secret', needsAppKey: true, scopes: ['cover:read', 'cover:write'], description: 'Cover API (Atradius style): client credentials and app key' },
  nonpayment: { kind: 'client_secret', needsAppKey: true, scopes: ['nonpayment:read', 'nonpayment:write'], description: 'Non-Payments API (Atradius style): client credentials and app key' },
  management: { kind: 'api_key', needsAppKey: false, scopes: ['management'], description: 'Tenant management API: webhooks, events, sandbox clock' },
  staff: { kind: 'api_key', needsAppKey: false, scopes: ['admin'], description: 'Back office for insurer staff; scopes are roles: underwriter, claims_handler, admin' },
};

export function isProduct(value: string): value is Product {
  return (PRODUCTS as readonly string[]).includes(value);
}

/** Lifetimes of the tokens the token-based faces issue (debt-servicing spec §1.2; cover spec §4). */
export const TOKEN_LIFETIME_SECONDS: Partial<Record<Product, number>> = {
  servicing: 3600,
  cover: 1800,
  nonpayment: 1800,
};
