import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { servicingHeaders } from '../support/faces.js';
import type { Engine } from '../../src/platform/db/database.js';

/** A running service with one tenant and a logged-in Receeve client. */
export interface ServicingClient {
  service: TestService;
  tenant: TestTenant;
  headers: Record<string, string>;
  post(operation: string, json: unknown, query?: string, extraHeaders?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  get(operation: string, query: Record<string, string>): Promise<{ status: number; body: any; headers: Headers; text: string }>;
  /** The account's claims from get_account_claims, keyed by claimReference. */
  claimsOf(accountReference: string): Promise<Record<string, any>>;
  stop(): Promise<void>;
}

export async function startServicing(engine: Engine, existing?: TestService): Promise<ServicingClient> {
  const service = existing ?? await startTestService({ engine });
  const tenant = await service.createTenant();
  const headers = await servicingHeaders(service, tenant);
  const clientId = tenant.tenant.clientId;
  const get: ServicingClient['get'] = (operation, query) =>
    call(service.url, 'GET', `/v1/${clientId}/${operation}?${new URLSearchParams(query).toString()}`, { headers });
  return {
    service,
    tenant,
    headers,
    post: (operation, json, query = '', extraHeaders = {}) =>
      call(service.url, 'POST', `/v1/${clientId}/${operation}${query ? `?${query}` : ''}`, { headers: { ...headers, ...extraHeaders }, json }),
    get,
    claimsOf: async (accountReference) =>
      Object.fromEntries((await get('get_account_claims', { accountReference })).body.map((claim: any) => [claim.claimReference, claim])),
    stop: async () => {
      if (!existing) await service.stop();
    },
  };
}

export const DEBTOR = {
  debtorReference: 'EXTERNAL_DEBTOR_REF_002',
  firstName: 'John',
  lastName: 'White',
  contactInformation: { country: 'DE', email: 'testEmail@example.com' },
};

/** An account with a debtor, a product and (optionally) ledger entries. */
export function accountBody(reference: string, ledgerEntries: unknown[] = [], extra: Record<string, unknown> = {}) {
  return {
    [reference]: {
      currency: 'EUR',
      paymentReference: 'paymentReference1',
      meta: { sourceSystem: 'system1' },
      debtors: [DEBTOR],
      products: [{ productReference: 'PRODUCT_REFERENCE_1' }, { productReference: 'PRODUCT_REFERENCE_2' }],
      ledgerEntries,
      ...extra,
    },
  };
}

export function invoice(reference: string, amount: number, options: { dueDate?: string; createdAt?: number; productReference?: string } = {}) {
  return {
    ledgerEntryReference: reference,
    invoiceDetails: { amount, dueDate: options.dueDate ?? '2022-01-08', ...(options.createdAt === undefined ? {} : { createdAt: options.createdAt }) },
    context: options.productReference ? { productReference: options.productReference } : {},
  };
}

export function fee(reference: string, amount: number, target: string | undefined, type = 'COLLECTION_FEE', createdAt?: number) {
  return {
    ledgerEntryReference: reference,
    feeDetails: { type, amount, ...(createdAt === undefined ? {} : { createdAt }) },
    context: target ? { ledgerEntryReference: target } : {},
  };
}
