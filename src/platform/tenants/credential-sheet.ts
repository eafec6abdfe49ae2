import type { CredentialSecret } from '../auth/credentials.js';
import type { Product } from '../auth/products.js';
import type { BusinessModule, CredentialSheetSection, TenantSetup } from '../module.js';
import type { CreatedTenant } from './service.js';

/** Where each face lives, relative to PUBLIC_BASE_URL. */
export const FACE_BASE_PATHS = {
  servicing: '/v1',
  connect: '/connect/v1',
  reinsure: '/api/reinsure/v2',
  insure: '/api/insure/v2',
  cover: '/credit-insurance/cover-management/v1',
  nonpayment: '/credit-insurance/non-payment-management/v1',
  management: '/management/v1',
  staff: '/backoffice/v1',
} as const satisfies Record<Product, string>;

/**
 * Everything a new tenant's integrator needs to call every face, in the shape `tenant create --json` prints; each
 * module's section (from `setUpNewTenant`) is one more key, e.g. the customer and policy ids of the Cover clients.
 */
export function credentialSheet(created: CreatedTenant, publicBaseUrl: string, sections: readonly CredentialSheetSection[] = []) {
  const { tenant, credentials } = created;
  return {
    tenantId: tenant.id,
    clientId: tenant.clientId,
    name: tenant.name,
    mode: tenant.mode,
    credentials: Object.fromEntries(
      Object.entries(credentials).map(([product, secret]) => [product, describeSecret(product as Product, secret, publicBaseUrl, tenant.clientId)]),
    ) as unknown as Record<Product, Record<string, string>>,
    ...Object.fromEntries(sections.map((section) => [section.key, section.facts])),
  };
}

/** Tells every module of a new tenant, in mounting order, and collects their parts of its credential sheet. */
export async function setUpNewTenant(modules: readonly BusinessModule[], setup: TenantSetup, created: CreatedTenant): Promise<CredentialSheetSection[]> {
  const sections: CredentialSheetSection[] = [];
  for (const module of modules) {
    const section = await module.tenantCreated?.(setup, created.tenant);
    if (section) sections.push(section);
  }
  return sections;
}

export function describeSecret(product: Product, secret: CredentialSecret, publicBaseUrl: string, tenantClientId: string) {
  const baseUrl = `${publicBaseUrl}${FACE_BASE_PATHS[product]}`;
  if (secret.kind === 'api_key') {
    const scheme = product === 'management' || product === 'staff' ? 'Bearer' : 'Token';
    return { credentialId: secret.credentialId, baseUrl, apiKey: secret.apiKey, authorization: `${scheme} ${secret.apiKey}` };
  }
  if (product === 'servicing') {
    return {
      credentialId: secret.credentialId,
      baseUrl: `${baseUrl}/${tenantClientId}`,
      tokenUrl: `${publicBaseUrl}/v1/oauth2/token`,
      apiClientId: secret.clientId,
      apiClientSecret: secret.clientSecret,
    };
  }
  return {
    credentialId: secret.credentialId,
    baseUrl,
    tokenUrl: `${publicBaseUrl}/authenticate/v2/tokens`,
    clientId: secret.clientId,
    clientSecret: secret.clientSecret,
    appKey: secret.appKey ?? '',
  };
}
