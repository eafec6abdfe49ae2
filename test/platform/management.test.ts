import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';

describeEachEngine('management API: event feed and audit log', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
    other = await service.createTenant({ name: 'Other' });
    for (let i = 0; i < 3; i += 1) await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(tenant), json: { seconds: 60 } });
    await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(other), json: { seconds: 60 } });
  });
  afterAll(async () => service?.stop());

  it('pages through the tenant\'s own events with a cursor and a type filter', async () => {
    const headers = managementHeaders(tenant);
    const first = await call(service.url, 'GET', '/management/v1/events?limit=2', { headers });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.data.every((event: any) => event.entity.id === tenant.tenant.id)).toBe(true);
    const second = await call(service.url, 'GET', `/management/v1/events?limit=2&afterId=${first.body.nextAfterId}`, { headers });
    expect(second.body.data).toHaveLength(1);
    const ids = [...first.body.data, ...second.body.data].map((event: any) => Number(event.id.slice(4)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const none = await call(service.url, 'GET', '/management/v1/events?type=quote.created', { headers });
    expect(none.body.data).toEqual([]);
    expect((await call(service.url, 'GET', '/management/v1/events?limit=0', { headers })).status).toBe(400);
    expect((await call(service.url, 'GET', '/management/v1/events?limit=1001', { headers })).status).toBe(400);
  });

  it('lists audit rows newest first with a cursor', async () => {
    const headers = managementHeaders(tenant);
    const page = await call(service.url, 'GET', '/management/v1/audit-log?limit=2', { headers });
    expect(page.body.data).toHaveLength(2);
    expect(page.body.data[0].id).toBeGreaterThan(page.body.data[1].id);
    expect(page.body.data[0]).toMatchObject({ tenantId: tenant.tenant.id, action: 'sandbox.clock_advanced', actorType: 'credential' });
    const rest = await call(service.url, 'GET', `/management/v1/audit-log?beforeId=${page.body.data[1].id}`, { headers });
    expect(rest.body.data).toHaveLength(1);
    const others = await call(service.url, 'GET', '/management/v1/audit-log', { headers: managementHeaders(other) });
    expect(others.body.data).toHaveLength(1);
  });
});
