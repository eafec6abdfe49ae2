import { expect } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { caseNumberOf } from '../../src/cases/domain/codes.js';
import { nonpaymentLetters } from '../../src/cases/letters-schema.js';
import { casesContext } from '../../src/cases/api.js';
import { letterRenderSweep } from '../../src/cases/sweeps.js';
import { sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { atradiusHeaders, managementHeaders } from '../support/faces.js';
import { call, type JsonResponse } from '../support/http.js';
import type { TestService, TestTenant } from '../support/service.js';
import { BUYERS, type CoverClient, coverClient } from '../cover/support.js';

export const NP = '/credit-insurance/non-payment-management/v1';
export { BUYERS };

type Reply = Promise<JsonResponse<any>>;

export interface CasesClient {
  tenant: TestTenant;
  cover: CoverClient;
  headers: Record<string, string>;
  customerId: number;
  policyId: string;
  get(path: string): Reply;
  post(path: string, json: unknown, extra?: Record<string, string>): Reply;
  /** Moves the tenant's test clock and runs one sweep pass. */
  advance(days: number): Promise<void>;
  today(): Promise<string>;
}

/** A sandbox tenant's Non-Payments client, with its Cover client for limits and the demo customer and policy. */
export async function casesClient(service: TestService, tenant?: TestTenant): Promise<CasesClient> {
  const owner = tenant ?? await service.createTenant();
  const cover = await coverClient(service, owner);
  const headers = await atradiusHeaders(service, owner, 'nonpayment');
  return {
    tenant: owner, cover, headers, customerId: cover.customerId, policyId: cover.policyId,
    get: (path) => call(service.url, 'GET', `${NP}${path}`, { headers }),
    post: (path, json, extra = {}) => call(service.url, 'POST', `${NP}${path}`, { headers: { ...headers, ...extra }, json }),
    async advance(days) {
      const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(owner), json: { seconds: days * 86_400 } });
      expect(moved.status).toBe(200);
      await service.sweeper!.runOnce();
    },
    async today() {
      const details = await cover.get(`/credit-insurance/policy-management/v1/policies/details?policyId=${cover.policyId}`);
      return details.body.data.policyStartDate as string;
    },
  };
}

export function invoice(documentDate: string, dueDate: string, grossAmount = '12100.00', extra: Record<string, unknown> = {}) {
  return { transactionType: 'INVOICE', documentNumber: `INV-${documentDate}-${grossAmount}`, documentDate, dueDate, grossAmount, netAmount: undefined, ...extra };
}

export function caseBody(client: CasesClient, buyerId: number, overrides: Record<string, unknown> = {}) {
  return {
    customerId: client.customerId, policyId: client.policyId, buyerId, caseType: 'COLLECTION', customerRefNumber: 'ERP-CASE-77', currencyCode: 'EUR',
    transactions: [invoice('2026-11-25', '2026-12-25')], notes: [{ text: 'Two payment promises broken.' }],
    debtorContact: { name: 'A. Person', email: 'ap@buyer.example' }, ...overrides,
  };
}

export async function details(client: CasesClient, caseId: string) {
  const found = await client.get(`/cases/${caseId}`);
  expect(found.status).toBe(200);
  return found.body.data;
}

/** Runs the letter sweep (as a worker's next pass would) and expects every letter of the case rendered: its PDF stored, mailed, announced. */
export async function lettersRendered(service: TestService, caseId: string): Promise<void> {
  const l = nonpaymentLetters;
  await sweepUntilDone(service.platform.db, letterRenderSweep(casesContext(service.platform), service.platform.logger), service.clock);
  const pending = await service.platform.db.select({ n: l.letterNumber }).from(l).where(and(eq(l.caseNumber, caseNumberOf(caseId)!), isNull(l.renderedAt)));
  expect(pending).toEqual([]);
}
