import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { probeModules } from '../support/probe-modules.js';
import { atradiusHeaders, credableHeaders, servicingHeaders } from '../support/faces.js';

describeEachEngine('per-credential rate limiting', (engine) => {
  let service: TestService;
  let tenant: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine, modules: probeModules, env: { RATE_LIMIT_PER_MINUTE: '5' } });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  async function exhaust(path: string, headers: Record<string, string>) {
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i += 1) {
      last = await call(service.url, 'GET', path, { headers });
      statuses.push(last.status);
    }
    return { statuses, last: last! };
  }

  it('answers 429 in each face\'s shape once a credential is over its limit, and not for other credentials', async () => {
    const reinsure = await exhaust('/api/reinsure/v2/probe', credableHeaders(tenant, 'reinsure'));
    expect(reinsure.statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(reinsure.last.body).toMatchObject({ code: 'throttled' });
    expect(reinsure.last.body.message).toMatch(/^Request was throttled\. Expected available in \d+ seconds\.$/);
    expect(Number(reinsure.last.headers.get('retry-after'))).toBeGreaterThan(0);

    // A different credential of the same tenant has its own budget.
    expect((await call(service.url, 'GET', '/api/insure/v2/probe', { headers: credableHeaders(tenant, 'insure') })).status).toBe(200);

    const servicing = await exhaust(`/v1/${tenant.tenant.clientId}/probe`, await servicingHeaders(service, tenant));
    expect(servicing.last).toMatchObject({ status: 429, body: { error: 'TooManyRequests' } });

    const cover = await exhaust('/credit-insurance/cover-management/v1/probe', await atradiusHeaders(service, tenant, 'cover'));
    expect(cover.last.status).toBe(429);
    expect(cover.last.body.errors[0]).toMatchObject({ status: '429', code: 'TOO_MANY_REQUESTS' });
  });
});
