import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { probeModules } from '../support/probe-modules.js';
import { credableHeaders, managementHeaders } from '../support/faces.js';
import { auditLog, events, webhookEndpoints } from '../../src/platform/db/schema.js';

describeEachEngine('idempotency keys', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine, modules: probeModules });
    tenant = await service.createTenant();
    other = await service.createTenant({ name: 'Other' });
  });
  afterAll(async () => service?.stop());

  const countEvents = async (tenantId: string, entityId: string) =>
    (await service.platform.db.select().from(events).where(and(eq(events.tenantId, tenantId), eq(events.entityId, entityId)))).length;

  it('replays the stored response for the same key and body, doing the work once', async () => {
    const request = { headers: { ...credableHeaders(tenant, 'reinsure'), 'idempotency-key': 'key-1' }, json: { note: 'once' } };
    const first = await call(service.url, 'POST', '/api/reinsure/v2/probe', request);
    const second = await call(service.url, 'POST', '/api/reinsure/v2/probe', request);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await countEvents(tenant.tenant.id, 'once')).toBe(1);
  });

  it('refuses the same key with a different body, in the face\'s error shape', async () => {
    const headers = { ...credableHeaders(tenant, 'reinsure'), 'idempotency-key': 'key-2' };
    expect((await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers, json: { note: 'a' } })).status).toBe(201);
    const reused = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers, json: { note: 'b' } });
    expect(reused).toMatchObject({ status: 409, body: { code: 'idempotency_key_reused' } });
    expect(await countEvents(tenant.tenant.id, 'b')).toBe(0);
  });

  it('scopes keys per tenant and per face', async () => {
    const key = { 'idempotency-key': 'shared-key' };
    const a = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers: { ...credableHeaders(tenant, 'reinsure'), ...key }, json: { note: 'scope-a' } });
    const b = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers: { ...credableHeaders(other, 'reinsure'), ...key }, json: { note: 'scope-b' } });
    const c = await call(service.url, 'POST', '/api/insure/v2/probe', { headers: { ...credableHeaders(tenant, 'insure'), ...key }, json: { note: 'scope-c' } });
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect(b.body.note).toBe('scope-b');
    expect(c.body.note).toBe('scope-c');
  });

  it('does not store failed requests: nothing is written and a retry runs again', async () => {
    const headers = { ...credableHeaders(tenant, 'reinsure'), 'idempotency-key': 'key-fail' };
    const failed = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers, json: { note: 'fail-after-write' } });
    expect(failed).toMatchObject({ status: 409, body: { code: 'probe_refused' } });
    expect(await countEvents(tenant.tenant.id, 'fail-after-write')).toBe(0);
    const audit = await service.platform.db.select().from(auditLog).where(eq(auditLog.entityId, 'fail-after-write'));
    expect(audit).toHaveLength(0);
    const retried = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers, json: { note: 'fail-after-write' } });
    expect(retried.status).toBe(409);
  });

  it('expires keys after 24 hours', async () => {
    const request = { headers: { ...credableHeaders(tenant, 'reinsure'), 'idempotency-key': 'key-ttl' }, json: { note: 'ttl' } };
    expect((await call(service.url, 'POST', '/api/reinsure/v2/probe', request)).status).toBe(201);
    service.clock.advance(23 * 3600 * 1000);
    expect((await call(service.url, 'POST', '/api/reinsure/v2/probe', request)).headers.get('idempotent-replayed')).toBe('true');
    service.clock.advance(3600 * 1000 + 1);
    const fresh = await call(service.url, 'POST', '/api/reinsure/v2/probe', request);
    expect(fresh.headers.get('idempotent-replayed')).toBeNull();
    expect(await countEvents(tenant.tenant.id, 'ttl')).toBe(2);
  });

  it('refuses over-long keys', async () => {
    const response = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers: { ...credableHeaders(tenant, 'reinsure'), 'idempotency-key': 'k'.repeat(256) }, json: { note: 'long' } });
    expect(response).toMatchObject({ status: 400, body: { code: 'invalid_idempotency_key' } });
  });

  it('parallel requests with one key execute once and all see the same response', async () => {
    const headers = { ...managementHeaders(tenant), 'idempotency-key': 'parallel-endpoint' };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => call(service.url, 'POST', '/management/v1/webhook-endpoints', { headers, json: { url: 'https://example.test/hook' } })),
    );
    expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
    // The request that ran sees the signing secret; every replay the same answer with the secret withheld (shown once).
    expect(responses.filter((response) => response.body.signingSecret !== null)).toHaveLength(1);
    expect(new Set(responses.map((response) => JSON.stringify({ ...response.body, signingSecret: null }))).size).toBe(1);
    const endpoints = await service.platform.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenant.tenant.id));
    expect(endpoints).toHaveLength(1);
  });

  it('writes an audit row with tenant, credential, action, entity and request id', async () => {
    const response = await call(service.url, 'POST', '/api/reinsure/v2/probe', { headers: credableHeaders(tenant, 'reinsure'), json: { note: 'audited' } });
    const [row] = await service.platform.db.select().from(auditLog).where(eq(auditLog.entityId, 'audited'));
    expect(row).toMatchObject({
      tenantId: tenant.tenant.id,
      actorType: 'credential',
      actorId: tenant.credentials.reinsure.credentialId,
      action: 'probe.called',
      entityType: 'probe',
      requestId: response.headers.get('x-request-id'),
    });
  });
});
