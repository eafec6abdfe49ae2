import type { BusinessModule, CredentialSheetSection } from '../module.js';
import type { Platform } from '../services.js';
import { countTenants, createTenant } from './service.js';
import { credentialSheet, setUpNewTenant } from './credential-sheet.js';

const DEMO_LOCK_ID = 7_263_002;

export interface DemoTenant {
  sheet: ReturnType<typeof credentialSheet>;
  sections: CredentialSheetSection[];
}

/**
 * On a fresh database, creates the sandbox demo tenant, lets every module set it up (the Cover module's demo customer
 * and live policy) and returns its credential sheet (secrets shown this once).
 */
export async function ensureDemoTenant(platform: Platform, modules: readonly BusinessModule[]): Promise<DemoTenant | undefined> {
  return platform.handle.withAdvisoryLock(DEMO_LOCK_ID, async () => {
    if ((await countTenants(platform.db)) > 0) return undefined;
    // One transaction: a sheet is printed only for a tenant that got everything it names.
    return platform.db.transaction(async (tx) => {
      const created = await createTenant(tx, { name: 'Demo', mode: 'sandbox', now: platform.clock.now() });
      const sections = await setUpNewTenant(modules, { db: tx, clock: platform.clock, businessTimeZone: platform.config.BUSINESS_TIME_ZONE }, created);
      return { sheet: credentialSheet(created, platform.config.publicBaseUrl, sections), sections };
    });
  });
}

/** The start-up banner that hands the demo credentials to a person at a terminal. */
export function demoBanner({ sheet, sections }: DemoTenant): string {
  const c = sheet.credentials;
  return [
    '',
    '================ Tradecredit demo tenant (sandbox) ================',
    'These secrets are shown once; rotate them with `tradecredit credentials rotate`.',
    `tenantId: ${sheet.tenantId}`,
    `clientId (debt-servicing paths): ${sheet.clientId}`,
    '',
    `Debt servicing (Receeve): POST ${c.servicing.tokenUrl} with Basic ${c.servicing.apiClientId}:${c.servicing.apiClientSecret}`,
    `  then Authorization: Bearer <access_token> on ${c.servicing.baseUrl}/…`,
    `Credable Connect:  Authorization: Token ${c.connect.apiKey}   (${c.connect.baseUrl})`,
    `Credable Reinsure: Authorization: Token ${c.reinsure.apiKey}   (${c.reinsure.baseUrl})`,
    `Credable Insure:   Authorization: Token ${c.insure.apiKey}   (${c.insure.baseUrl})`,
    `Cover API:         POST ${c.cover.tokenUrl} with Basic ${c.cover.clientId}:${c.cover.clientSecret} and Atradius-App-Key: ${c.cover.appKey}`,
    `Non-Payments API:  POST ${c.nonpayment.tokenUrl} with Basic ${c.nonpayment.clientId}:${c.nonpayment.clientSecret} and Atradius-App-Key: ${c.nonpayment.appKey}`,
    `Management + sandbox clock: Authorization: Bearer ${c.management.apiKey}   (${c.management.baseUrl}, /sandbox/v1/clock)`,
    `Back office (staff, admin role): Authorization: Bearer ${c.staff.apiKey}   (${c.staff.baseUrl})`,
    ...sections.flatMap((section) => section.bannerLines),
    '',
    'Full sheet as JSON:',
    JSON.stringify(sheet, null, 2),
    '====================================================================',
    '',
  ].join('\n');
}
