import { expect } from 'vitest';
import { addDays, businessDateAt } from '../../src/platform/dates.js';
import type { TestService, TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders } from '../support/faces.js';

export type InsuranceProduct = 'reinsure' | 'insure';

export function today(service: TestService, offsetMs = 0): string {
  return businessDateAt(new Date(service.clock.now().getTime() + offsetMs), 'Europe/Stockholm');
}

let counter = 0;

/** The seed's request (10010.00 SEK, 30 days) on the tenant's business date, with a fresh invoice reference. */
export function quoteBody(service: TestService, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const issue = today(service);
  counter += 1;
  return {
    user_reference: 'd8f82lfli8wd',
    seller_reference: 'g7j19xz48a6dAM',
    seller_identifier: '5567549125',
    seller_country: 'SE',
    buyer_reference: '123kfl3kjfl23',
    buyer_identifier: '5567104046',
    buyer_country: 'SE',
    invoice_reference: `INV-${Date.now()}-${counter}`,
    invoice_amount: '10010.00',
    invoice_amount_currency: 'SEK',
    invoice_issue_date: issue,
    invoice_due_date: addDays(issue, 30),
    ...overrides,
  };
}

export function api(service: TestService, tenant: TestTenant, product: InsuranceProduct) {
  const headers = credableHeaders(tenant, product);
  const base = `/api/${product}/v2`;
  return {
    create: (body: unknown) => call(service.url, 'POST', `${base}/quotes/`, { headers, json: body }),
    get: (id: string) => call(service.url, 'GET', `${base}/quotes/${id}`, { headers }),
    action: (id: string, action: string, body?: unknown) =>
      call(service.url, 'POST', `${base}/quotes/${id}/${action}`, { headers, ...(body === undefined ? {} : { json: body }) }),
    headers,
    base,
  };
}

/** A new tenant's Insure quote activated by a seller who has not signed the policy: it awaits the signature. */
export async function quoteAwaitingSignature(service: TestService, sellerIdentifier: string) {
  const tenant = await service.createTenant();
  const insure = api(service, tenant, 'insure');
  const created = await insure.create(quoteBody(service, { seller_identifier: sellerIdentifier }));
  const pending = await insure.action(created.body.id, 'activate');
  expect(pending.body.status.code).toBe('activation.pending');
  const link = pending.body.links.find((l: { type: string }) => l.type === 'sign-policy-page') as { url: string };
  return { insure, id: created.body.id as string, tenantId: tenant.tenant.id, signUrl: link.url, quote: pending.body };
}
