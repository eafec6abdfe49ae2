import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../support/engines.js';
import { call } from '../../support/http.js';
import { startWebhookReceiver } from '../../support/webhook-receiver.js';
import { managementHeaders } from '../../support/faces.js';
import { verifySignature } from '../../../src/platform/webhooks/signature.js';
import { DEBTOR, startServicing, type ServicingClient } from '../support.js';

describeEachEngine('servicing events as signed webhooks', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('delivers ClaimCreatedEvent to a subscribed endpoint, signed', async () => {
    const receiver = await startWebhookReceiver();
    const received = receiver.received;
    try {
      const url = receiver.url;
      const endpoint = await call(client.service.url, 'POST', '/management/v1/webhook-endpoints', { headers: managementHeaders(client.tenant), json: { url, eventTypes: ['event.claim.*'] } });
      expect(endpoint.status).toBe(201);
      const created = await client.post('create_claims', { HOOK_1: { amount: 10, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: 'HOOK_ACC', primaryDebtor: DEBTOR } });
      expect(created.body.HOOK_1.success).toBe(true);
      await client.service.sweeper!.runOnce();
      const deadline = Date.now() + 20_000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toHaveLength(1);
      const delivery = received[0]!;
      expect(delivery.body).toContain('"claimRef":"HOOK_1"');
      expect(delivery.body).toContain('event.claim.created.v1');
      const signature = String(delivery.headers['tradecredit-signature']);
      expect(verifySignature(endpoint.body.signingSecret, signature, delivery.body, Math.floor(client.service.clock.now().getTime() / 1000))).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
