import { expect } from 'vitest';
import type { TestService, TestTenant } from '../support/service.js';
import { call, type JsonResponse } from '../support/http.js';

type Reply = Promise<JsonResponse<any>>;
import { atradiusHeaders } from '../support/faces.js';

export const COVER = '/credit-insurance/cover-management/v1';
export const ORG = '/credit-insurance/organisation-management/v1';
export const POLICY = '/credit-insurance/policy-management/v1';

/** Demo registry buyers by rating (see src/risk/demo-buyers.ts). */
export const BUYERS = {
  rating4: { country: 'SWE', uid: '5567104046' },
  rating6: { country: 'SWE', uid: '5568123458' },
  rating8: { country: 'DNK', uid: '29876541' },
  rating10: { country: 'SWE', uid: '5569345670' },
  rating1: { country: 'FIN', uid: '2345678-0' },
  rating3: { country: 'NOR', uid: '987654325' },
} as const;

export interface CoverClient {
  headers: Record<string, string>;
  customerId: number;
  policyId: string;
  get(path: string): Reply;
  post(path: string, json: unknown, extra?: Record<string, string>): Reply;
  put(path: string, json: unknown): Reply;
  patch(path: string, json: unknown): Reply;
  buyerId(buyer: { country: string; uid: string }): Promise<number>;
  apply(buyerId: number, overrides?: Record<string, unknown>): Reply;
  staff(method: string, path: string, json?: unknown): Reply;
}

/** A sandbox tenant's Cover client with its demo customer and policy (created by the first policy listing). */
export async function coverClient(service: TestService, tenant: TestTenant): Promise<CoverClient> {
  const headers = await atradiusHeaders(service, tenant, 'cover');
  const policies = await call(service.url, 'GET', `${POLICY}/policies`, { headers });
  expect(policies.status).toBe(200);
  const customer = policies.body.data[0];
  const client: CoverClient = {
    headers,
    customerId: customer.customerId,
    policyId: customer.policies[0].policyId,
    get: (path) => call(service.url, 'GET', path, { headers }),
    post: (path, json, extra = {}) => call(service.url, 'POST', path, { headers: { ...headers, ...extra }, json }),
    put: (path, json) => call(service.url, 'PUT', path, { headers, json }),
    patch: (path, json) => call(service.url, 'PATCH', path, { headers, json }),
    async buyerId(buyer) {
      const found = await call(service.url, 'GET', `${ORG}/buyers?country=${buyer.country}&uid=${encodeURIComponent(buyer.uid)}&uidType=NRN`, { headers });
      expect(found.status).toBe(200);
      return found.body.data[0].buyerId as number;
    },
    apply: (buyerId, overrides = {}) => client.post(`${COVER}/covers`, {
      customerId: client.customerId, policyId: client.policyId, buyerId, coverType: 'credit-limit', currencyCode: 'EUR',
      creditLimitAmount: '20000', ...overrides,
    }),
    staff: (method, path, json) => call(service.url, method, `/backoffice/v1${path}`, {
      headers: { authorization: tenant.sheet.credentials.staff.authorization! }, ...(json === undefined ? {} : { json }),
    }),
  };
  return client;
}

/** The live version of the client's (policy, buyer) from the portfolio listing. */
export async function liveCover(client: CoverClient, buyerId: number) {
  const listing = await client.get(`${COVER}/covers?policyId=${client.policyId}&buyerId=${buyerId}`);
  expect(listing.status).toBe(200);
  return listing.body.data as any[];
}

/** Another live EUR policy for the client's customer (back office), so one buyer can carry several positions. */
export async function newPolicy(client: CoverClient, today: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await client.staff('POST', `/cover/customers/${client.customerId}/policies`, {
    currency: 'EUR', startDate: today, expiryDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, ...overrides,
  });
  expect(created.status).toBe(201);
  return created.body.data.policyId as string;
}

export async function coverById(client: CoverClient, coverId: number) {
  const found = await client.get(`${COVER}/covers/${coverId}`);
  expect(found.status).toBe(200);
  return found.body.data;
}

export function modifyBody(client: CoverClient, buyerId: number, action: string, extra: Record<string, unknown> = {}) {
  return { customerId: client.customerId, policyId: client.policyId, buyerId, coverType: 'credit-limit', action, ...extra };
}
