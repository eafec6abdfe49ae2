import { expect } from 'vitest';
import type { TestService, TestTenant } from './service.js';
import { basic, call } from './http.js';

/** Logs in to each face the way its clients do and returns ready-to-use headers. */
export async function servicingHeaders(service: TestService, tenant: TestTenant) {
  const { apiClientId, apiClientSecret } = tenant.sheet.credentials.servicing;
  const token = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(apiClientId!, apiClientSecret!) }, form: { grant_type: 'client_credentials' } });
  expect(token.status).toBe(200);
  return { authorization: `Bearer ${token.body.access_token}` };
}

export async function atradiusHeaders(service: TestService, tenant: TestTenant, product: 'cover' | 'nonpayment') {
  const { clientId, clientSecret, appKey } = tenant.sheet.credentials[product];
  const token = await call(service.url, 'POST', '/authenticate/v2/tokens', { headers: { authorization: basic(clientId!, clientSecret!), 'atradius-app-key': appKey! }, json: {} });
  expect(token.status).toBe(200);
  return { authorization: `Bearer ${token.body.data.access_token}`, 'atradius-app-key': appKey! };
}

export function credableHeaders(tenant: TestTenant, product: 'connect' | 'reinsure' | 'insure') {
  return { authorization: `Token ${tenant.sheet.credentials[product].apiKey}` };
}

export function managementHeaders(tenant: TestTenant) {
  return { authorization: `Bearer ${tenant.sheet.credentials.management.apiKey}` };
}
