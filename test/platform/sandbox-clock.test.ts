import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { credableHeaders, managementHeaders } from '../support/faces.js';
import { auditLog, events } from '../../src/platform/db/schema.js';

describeEachEngine('sandbox test clock', (engine) => {
  let service: TestService;
  let sandbox: TestTenant;
  let live: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine });
    sandbox = await service.createTenant({ mode: 'sandbox' });
    live = await service.createTenant({ mode: 'live', name: 'Live' });
  });
  afterAll(async () => service?.stop());

  it('starts at the system time and moves forward by seconds or to an instant', async () => {
    const headers = managementHeaders(sandbox);
    expect((await call(service.url, 'GET', '/sandbox/v1/clock', { headers })).body).toMatchObject({ now: '2026-11-21T10:00:00.000Z', offsetSeconds: 0, mode: 'sandbox' });
    const bySeconds = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 25 * 3600 } });
    expect(bySeconds.body).toMatchObject({ now: '2026-11-22T11:00:00.000Z', offsetSeconds: 90000 });
    const toInstant = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { to: '2027-01-01T00:00:00+01:00' } });
    expect(toInstant.body.now).toBe('2026-12-31T23:00:00.000Z');
    // Any credential of the tenant may drive its clock, so an integrator with only a Credable key can too.
    expect((await call(service.url, 'GET', '/sandbox/v1/clock', { headers: credableHeaders(sandbox, 'insure') })).body.now).toBe('2026-12-31T23:00:00.000Z');
    // Time flows on from the shifted instant.
    service.clock.advance(60_000);
    expect((await call(service.url, 'GET', '/sandbox/v1/clock', { headers })).body.now).toBe('2026-12-31T23:01:00.000Z');
  });

  it('writes an event and an audit row', async () => {
    const rows = await service.platform.db.select().from(events).where(and(eq(events.tenantId, sandbox.tenant.id), eq(events.type, 'sandbox.clock_advanced')));
    expect(rows).toHaveLength(2);
    expect(rows[0]!.data).toEqual({ from: '2026-11-21T10:00:00.000Z', to: '2026-11-22T11:00:00.000Z' });
    const audit = await service.platform.db.select().from(auditLog).where(and(eq(auditLog.tenantId, sandbox.tenant.id), eq(auditLog.action, 'sandbox.clock_advanced')));
    expect(audit).toHaveLength(2);
  });

  it('refuses to go backwards, bad bodies and live tenants', async () => {
    const headers = managementHeaders(sandbox);
    expect(await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { to: '2026-12-01T00:00:00Z' } })).toMatchObject({ status: 422, body: { error: { code: 'clock_backwards' } } });
    expect((await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 0 } })).status).toBe(400);
    expect((await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 1.5 } })).status).toBe(400);
    expect((await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 10, to: '2030-01-01T00:00:00Z' } })).status).toBe(400);
    expect((await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: {} })).status).toBe(400);
    expect((await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { to: 'tomorrow' } })).status).toBe(400);
    const liveAttempt = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(live), json: { seconds: 60 } });
    expect(liveAttempt).toMatchObject({ status: 403, body: { error: { code: 'sandbox_only' } } });
    expect((await call(service.url, 'GET', '/sandbox/v1/clock', { headers: managementHeaders(live) })).body.now).toBe(service.clock.now().toISOString());
  });

  // With idempotency keys each transaction first inserts a row referencing the tenant (a KEY SHARE lock), then locks the
  // tenant row: the pattern that deadlocks under FOR UPDATE without retries.
  it('parallel advances add up exactly', async () => {
    const tenant = await service.createTenant({ name: 'Parallel' });
    const headers = managementHeaders(tenant);
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: { ...headers, 'idempotency-key': `advance-${i}` }, json: { seconds: 60 } })));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect((await call(service.url, 'GET', '/sandbox/v1/clock', { headers })).body.offsetSeconds).toBe(1800);
  });
});
