import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { managementHeaders } from '../support/faces.js';
import { signPayload, verifySignature } from '../../src/platform/webhooks/signature.js';
import { endpointWantsEvent } from '../../src/platform/webhooks/endpoints.js';
import { webhookDeliveries } from '../../src/platform/db/schema.js';

describe('webhook signatures', () => {
  it('verify with the right secret within the tolerance, and nothing else', () => {
    const header = signPayload('whsec_1', 1_800_000_000, '{"a":1}');
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('whsec_1', header, '{"a":1}', 1_800_000_100)).toBe(true);
    expect(verifySignature('whsec_2', header, '{"a":1}', 1_800_000_100)).toBe(false);
    expect(verifySignature('whsec_1', header, '{"a":2}', 1_800_000_100)).toBe(false);
    expect(verifySignature('whsec_1', header, '{"a":1}', 1_800_000_301)).toBe(false);
    expect(verifySignature('whsec_1', 'garbage', '{"a":1}', 1_800_000_000)).toBe(false);
  });

  it('match event types exactly, by prefix wildcard, or all', () => {
    expect(endpointWantsEvent(['*'], 'quote.activated')).toBe(true);
    expect(endpointWantsEvent(['quote.*'], 'quote.activated')).toBe(true);
    expect(endpointWantsEvent(['quote.*'], 'claim.created')).toBe(false);
    expect(endpointWantsEvent(['claim.created'], 'claim.created')).toBe(true);
    expect(endpointWantsEvent(['claim.created'], 'claim.created.x')).toBe(false);
  });
});

describeEachEngine('signed webhook delivery', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine, webhookRetryDelaySeconds: 1 });
    tenant = await service.createTenant();
    other = await service.createTenant({ name: 'Other' });
  });
  afterAll(async () => service?.stop());

  it('delivers each event of the tenant once, signed, retrying failures with backoff', async () => {
    const receiver = await startWebhookReceiver({ failures: 2 });
    const otherReceiver = await startWebhookReceiver();
    try {
      const headers = managementHeaders(tenant);
      const created = await call(service.url, 'POST', '/management/v1/webhook-endpoints', { headers, json: { url: receiver.url, eventTypes: ['sandbox.*'] } });
      expect(created.status).toBe(201);
      expect(created.body.signingSecret).toMatch(/^whsec_/);
      const listed = await call(service.url, 'GET', '/management/v1/webhook-endpoints', { headers });
      expect(listed.body.data).toHaveLength(1);
      expect(listed.body.data[0].signingSecret).toBeUndefined();
      await call(service.url, 'POST', '/management/v1/webhook-endpoints', { headers: managementHeaders(other), json: { url: otherReceiver.url } });

      const advanced = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 3600 } });
      expect(advanced.status).toBe(200);
      await service.sweeper!.runOnce();

      const delivered = await until(async () => {
        const rows = await service.platform.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, tenant.tenant.id));
        return rows.length === 1 && rows[0]!.status === 'delivered' ? rows[0] : undefined;
      });
      expect(delivered.attempts).toBe(3);
      expect(receiver.received).toHaveLength(3);
      const last = receiver.received.at(-1)!;
      const payload = JSON.parse(last.body);
      expect(payload).toMatchObject({ type: 'sandbox.clock_advanced', entity: { type: 'tenant', id: tenant.tenant.id } });
      expect(last.headers['tradecredit-event-id']).toBe(payload.id);
      const signature = last.headers['tradecredit-signature'] as string;
      const timestamp = Number(/t=(\d+)/.exec(signature)![1]);
      expect(verifySignature(created.body.signingSecret, signature, last.body, timestamp)).toBe(true);
      // The other tenant's endpoint heard nothing about this tenant.
      expect(otherReceiver.received).toHaveLength(0);

      const deliveries = await call(service.url, 'GET', '/management/v1/webhook-deliveries', { headers });
      expect(deliveries.body.data[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 204 });
      // A second sweep finds nothing new to dispatch.
      const [report] = await service.sweeper!.runOnce();
      expect(report!.processed).toBe(0);
    } finally {
      await receiver.close();
      await otherReceiver.close();
    }
  });

  it('disabled endpoints receive nothing and unknown ids are answered as missing', async () => {
    const headers = managementHeaders(other);
    const listed = await call(service.url, 'GET', '/management/v1/webhook-endpoints', { headers });
    const id = listed.body.data[0].id;
    expect((await call(service.url, 'DELETE', `/management/v1/webhook-endpoints/${id}`, { headers: managementHeaders(tenant) })).status).toBe(404);
    expect((await call(service.url, 'DELETE', `/management/v1/webhook-endpoints/${id}`, { headers })).status).toBe(200);
    expect((await call(service.url, 'GET', '/management/v1/webhook-endpoints', { headers })).body.data).toHaveLength(0);
    expect((await call(service.url, 'DELETE', `/management/v1/webhook-endpoints/${id}`, { headers })).status).toBe(404);
  });
});
