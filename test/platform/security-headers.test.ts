// Every response carries the security headers of helmet (registered for the whole app, content security policy off).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credableHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

const EXPECTED: Readonly<Record<string, string>> = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-dns-prefetch-control': 'off',
  'origin-agent-cluster': '?1',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe('security headers on every response', () => {
  let service: TestService;
  let tenant: TestTenant;
  beforeAll(async () => {
    service = await startTestService({ engine: 'pglite' });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  it('on success, on a client error, on an unknown route and on an HTML page', async () => {
    const responses = await Promise.all([
      call(service.url, 'GET', '/healthz'),
      call(service.url, 'POST', '/api/reinsure/v2/quotes/', { headers: credableHeaders(tenant, 'reinsure'), json: {} }),
      call(service.url, 'GET', '/no/such/route'),
      call(service.url, 'GET', '/docs/'),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 400, 404, 200]);
    for (const response of responses) {
      for (const [name, value] of Object.entries(EXPECTED)) expect(response.headers.get(name), name).toBe(value);
      expect(response.headers.get('content-security-policy')).toBeNull();
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });
});
