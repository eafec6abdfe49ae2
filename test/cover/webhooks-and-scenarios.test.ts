import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService } from '../support/service.js';
import { startWebhookReceiver } from '../support/webhook-receiver.js';
import { until } from '../support/wait.js';
import { verifySignature } from '../../src/platform/webhooks/signature.js';
import { BUYERS, COVER, coverById, coverClient, liveCover, modifyBody } from './support.js';

describeEachEngine('Cover alerts and sandbox scenarios', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('delivers cover.decided, cover.referred and cover.changed as signed webhooks', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const tenant = await service.createTenant();
      const endpoint = await call(service.url, 'POST', '/management/v1/webhook-endpoints', {
        headers: managementHeaders(tenant), json: { url: receiver.url, eventTypes: ['cover.*'] },
      });
      expect(endpoint.status).toBe(201);
      const client = await coverClient(service, tenant);
      const decided = await client.apply(await client.buyerId(BUYERS.rating4));
      const referred = await client.apply(await client.buyerId(BUYERS.rating1), { creditLimitAmount: '70000' });
      await client.put(`${COVER}/covers`, modifyBody(client, await client.buyerId(BUYERS.rating4), 'update-reference', { customerRefNumber: 'R-1' }));
      await service.sweeper!.runOnce();
      await until(() => (receiver.received.length >= 3 ? true : undefined));
      const payloads = receiver.received.map((item) => JSON.parse(item.body));
      const byType = (type: string) => payloads.find((p) => p.type === type);
      expect(byType('cover.decided')).toMatchObject({ entity: { type: 'cover', id: String(decided.body.data[0].coverId) }, data: { decisionCode: 'DC01', neutralDecisionCode: 'APPROVED' } });
      expect(byType('cover.referred')).toMatchObject({ entity: { id: String(referred.body.data[0].coverId) }, data: { coverStatus: 'REFERRED' } });
      expect(byType('cover.changed')).toMatchObject({ data: { customerRefNumber: 'R-1' } });
      for (const item of receiver.received) {
        const signature = String(item.headers['tradecredit-signature']);
        expect(verifySignature(endpoint.body.signingSecret, signature, item.body, Number(/t=(\d+)/.exec(signature)![1]))).toBe(true);
      }
    } finally {
      await receiver.close();
    }
  });

  it('sandbox amounts take one branch whatever the buyer: 13 000 referral, 14 000 partial, 15 000 refusal, 16 000 insurer reduction notice', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const referral = await client.apply(await client.buyerId(BUYERS.rating1), { creditLimitAmount: '13000' });
    expect(referral.status).toBe(202);
    const partial = await client.apply(await client.buyerId(BUYERS.rating3), { creditLimitAmount: '14000' });
    expect(await coverById(client, partial.body.data[0].coverId)).toMatchObject({ decisionCode: 'DC04', totalDecision: { decisionAmtInPolicyCurrency: '7000' } });
    const refusal = await client.apply(await client.buyerId(BUYERS.rating4), { creditLimitAmount: '15000' });
    expect(await coverById(client, refusal.body.data[0].coverId)).toMatchObject({ decisionCode: 'DC03', totalDecision: { decisionAmtInPolicyCurrency: '0' } });
    const buyerId = await client.buyerId(BUYERS.rating6);
    const notice = await client.apply(buyerId, { creditLimitAmount: '16000' });
    expect(notice.status).toBe(201);
    expect(await coverById(client, notice.body.data[0].coverId)).toMatchObject({
      decisionCode: 'DC21', pendingProcessIndicator: 'F', totalDecision: { decisionAmtInPolicyCurrency: '16000' }, pendingDecisionAmtInPolicyCurrency: '8000',
    });
    const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(tenant), json: { seconds: 30 * 86_400 } });
    expect(moved.status).toBe(200);
    // No sweep run here: the listing applies what is due on the tenant's clock before it answers.
    const [reduced] = await liveCover(client, buyerId);
    expect(reduced).toMatchObject({ decisionCode: 'DC09', totalDecision: { decisionAmtInPolicyCurrency: '8000' } });
  });

  it('live tenants get no scenarios: 15 000 on a good buyer is approved', async () => {
    const tenant = await service.createTenant({ mode: 'live' });
    const admin = { authorization: tenant.sheet.credentials.staff.authorization! };
    const customer = await call(service.url, 'POST', '/backoffice/v1/cover/customers', { headers: admin, json: { name: 'Live Exporter AB' } });
    expect(customer.status).toBe(201);
    const today = service.clock.now().toISOString().slice(0, 10);
    const policy = await call(service.url, 'POST', `/backoffice/v1/cover/customers/${customer.body.data.customerId}/policies`, {
      headers: admin, json: { currency: 'SEK', startDate: today, expiryDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, autoDecisionMax: '500000' },
    });
    expect(policy.status).toBe(201);
    const client = await coverClient(service, tenant);
    expect(client.customerId).toBe(customer.body.data.customerId);
    const applied = await client.apply(await client.buyerId(BUYERS.rating1), { currencyCode: 'SEK', creditLimitAmount: '15000' });
    expect(applied.status).toBe(201);
    expect((await coverById(client, applied.body.data[0].coverId)).decisionCode).toBe('DC01');
    const wrongCurrency = await client.apply(await client.buyerId(BUYERS.rating3), { currencyCode: 'EUR', creditLimitAmount: '15000' });
    expect(wrongCurrency.status).toBe(400);
  });
});
