import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { call } from '../support/http.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { until } from '../support/wait.js';
import { managementHeaders } from '../support/faces.js';
import { verifySignature } from '../../src/platform/webhooks/signature.js';
import { insurancePolicySignatures } from '../../src/insurance/schema.js';
import { currentPolicy } from '../../src/insurance/policy.js';
import { api, quoteBody } from './support.js';


describeEachEngine('quote webhooks and policy versions', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('delivers every quote status change as a signed webhook', async () => {
    const receiver = await startWebhookReceiver();
    const received = receiver.received;
    try {
      const tenant = await service.createTenant();
      const endpoint = await call(service.url, 'POST', '/management/v1/webhook-endpoints', {
        headers: managementHeaders(tenant), json: { url: receiver.url, eventTypes: ['quote.*'] },
      });
      expect(endpoint.status).toBe(201);
      const r = api(service, tenant, 'reinsure');
      const created = await r.create(quoteBody(service));
      await r.action(created.body.id, 'activate');
      await service.sweeper!.runOnce();
      await until(() => (received.length >= 3 ? true : undefined));
      const payloads = received.map((item) => JSON.parse(item.body));
      expect(payloads.map((p) => p.data.status.code).sort()).toEqual(['cover.activated', 'quote.offered', 'quote.pending']);
      expect(payloads[0]).toMatchObject({ type: 'quote.status_changed', entity: { type: 'quote', id: created.body.id } });
      for (const item of received) {
        const signature = String(item.headers['tradecredit-signature']);
        expect(verifySignature(endpoint.body.signingSecret, signature, item.body, Number(/t=(\d+)/.exec(signature)![1]))).toBe(true);
      }
    } finally {
      await receiver.close();
    }
  });

  it('a signature of an older policy version does not count: the seller must sign again', async () => {
    const tenant = await service.createTenant();
    await service.platform.db.insert(insurancePolicySignatures).values({
      id: randomUUID(), tenantId: tenant.tenant.id, sellerCountry: 'SE', sellerIdentifier: '5567549125', policyVersion: '2000-01',
      name: 'Old Signer', email: 'old@example.se', ip: null, signedAt: service.clock.now(),
    });
    const r = api(service, tenant, 'insure');
    const first = await r.create(quoteBody(service));
    expect((await r.get(first.body.id)).body.actions.map((a: { type: string }) => a.type)).toEqual(['sign_and_activate', 'reject']);
    await service.platform.db.insert(insurancePolicySignatures).values({
      id: randomUUID(), tenantId: tenant.tenant.id, sellerCountry: 'SE', sellerIdentifier: '5567549125', policyVersion: currentPolicy().version,
      name: 'New Signer', email: 'new@example.se', ip: null, signedAt: service.clock.now(),
    });
    expect((await r.get(first.body.id)).body.actions.map((a: { type: string }) => a.type)).toEqual(['activate', 'reject']);
    expect((await r.action(first.body.id, 'activate')).body.status.code).toBe('cover.activated');
  });
});
