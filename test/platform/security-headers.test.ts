// Every response carries helmet's security headers, worked out once at start-up (helmetHeaders).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helmetHeaders } from '../../src/platform/http/security-headers.js';
import { credableHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

describe('helmetHeaders', () => {
  it('is the set helmet writes for the options', () => {
    const headers = helmetHeaders({ contentSecurityPolicy: false });
    expect(headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(headers).not.toHaveProperty('content-security-policy');
    expect(helmetHeaders({})).toHaveProperty('content-security-policy');
    expect(helmetHeaders({ contentSecurityPolicy: false, frameguard: { action: 'deny' } })['x-frame-options']).toBe('DENY');
  });

  it('refuses options helmet refuses', () => {
    expect(() => helmetHeaders({ referrerPolicy: { policy: 'nonsense' as never } })).toThrow();
  });
});

describe('security headers on every response', () => {
  let service: TestService;
  let tenant: TestTenant;
  beforeAll(async () => {
    service = await startTestService({ engine: 'pglite' });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  it('on success, on a client error, on an unknown route and on an HTML page', async () => {
    const expected = helmetHeaders({ contentSecurityPolicy: false });
    const responses = await Promise.all([
      call(service.url, 'GET', '/healthz'),
      call(service.url, 'POST', '/api/reinsure/v2/quotes/', { headers: credableHeaders(tenant, 'reinsure'), json: {} }),
      call(service.url, 'GET', '/no/such/route'),
      call(service.url, 'GET', '/docs/'),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 400, 404, 200]);
    for (const response of responses) {
      for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name), name).toBe(value);
    }
  });
});
