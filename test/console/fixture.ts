// One sandbox tenant's book for the console's tests and screenshots: live limits on two buyers, a referred cover
// application, a scheduled insurer reduction, a referred Credable quote, a claim case in assessment (with its
// letters) and two published versions of the default collections strategy. Plus a staff key per role.
import { expect } from 'vitest';
import { createStaffCredential, type StaffRole } from '../../src/backoffice/api.js';
import { defaultStrategyText, publishStrategyAsStaff } from '../../src/collections/api.js';
import { BUYERS, type CasesClient, caseBody, casesClient } from '../cases/support.js';
import { api, quoteBody } from '../insurance/support.js';
import { call } from '../support/http.js';
import type { TestService } from '../support/service.js';

export interface ConsoleBook {
  client: CasesClient;
  tenantId: string;
  caseId: string;
  referredCoverId: number;
  referredQuoteId: string;
  keys: Record<'underwriter' | 'claims_handler' | 'collections_manager' | 'admin', string>;
}

export const SECOND_VERSION_CHANGE = ['until: dueDate + P3D', 'until: dueDate + P5D'] as const;

async function keysFor(service: TestService, tenantId: string): Promise<ConsoleBook['keys']> {
  const roles: StaffRole[] = ['underwriter', 'claims_handler', 'collections_manager', 'admin'];
  const entries = await Promise.all(roles.map(async (role) => {
    const created = await createStaffCredential(service.platform.db, { tenantId, roles: [role], label: `Ann ${role.replace('_', ' ')}`, now: service.clock.now() });
    return [role, created.apiKey] as const;
  }));
  return Object.fromEntries(entries) as ConsoleBook['keys'];
}

export async function seedConsoleBook(service: TestService, name = 'Nordic Credit Insurance'): Promise<ConsoleBook> {
  const tenant = await service.createTenant({ name });
  const client = await casesClient(service, tenant);
  const staff = { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` };
  for (const buyer of [BUYERS.rating4, BUYERS.rating6]) {
    expect((await client.cover.apply(await client.cover.buyerId(buyer), { creditLimitAmount: '20000' })).status).toBe(201);
  }
  await client.advance(40);
  const referred = await client.cover.apply(await client.cover.buyerId(BUYERS.rating1), { creditLimitAmount: '13000' });
  expect(referred.status, referred.text).toBe(202);
  expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating3), { creditLimitAmount: '16000' })).status).toBe(201);

  const created = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating4), { caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT' }));
  expect(created.status, created.text).toBe(201);
  const caseId = created.body.data.caseId as string;
  const documents = await call(service.url, 'POST', `/backoffice/v1/cases/${caseId}/claim/documents-received`, { headers: staff, json: {} });
  expect(documents.status, documents.text).toBe(200);


  // The tenant's sandbox clock is 40 days ahead now: the invoice is issued on the tenant's today.
  const tenantToday = new Date(service.clock.now().getTime() + 40 * 86_400_000);
  const day = (offset: number) => new Date(tenantToday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const quote = await api(service, tenant, 'reinsure').create(quoteBody(service, { invoice_amount: '600000.00', invoice_issue_date: day(0), invoice_due_date: day(30) }));
  expect(quote.status, quote.text).toBe(201);

  const clock = { db: service.platform.db, clock: service.clock };
  const first = defaultStrategyText();
  expect((await publishStrategyAsStaff(clock, tenant.tenant, first)).ok).toBe(true);
  expect((await publishStrategyAsStaff(clock, tenant.tenant, first.replace(...SECOND_VERSION_CHANGE).replace('name: Default reminders', 'name: Default reminders, later first e-mail'))).ok).toBe(true);

  return {
    client, tenantId: tenant.tenant.id, caseId, referredCoverId: Number(referred.body.data[0].coverId), referredQuoteId: quote.body.id as string,
    keys: await keysFor(service, tenant.tenant.id),
  };
}
