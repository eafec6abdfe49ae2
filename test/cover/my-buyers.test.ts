import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { upsertBuyers } from '../../src/risk/store.js';
import { BUYERS, coverClient, ORG } from './support.js';

describeEachEngine('my-buyers and covers at risk', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('lists the buyers with live cover and how their rating moved since underwriting; the back office lists covers at risk', async () => {
    const client = await coverClient(service, await service.createTenant());
    const norway = await client.buyerId(BUYERS.rating3);
    const finland = await client.buyerId(BUYERS.rating1);
    expect((await client.apply(norway, { creditLimitAmount: '5000' })).status).toBe(201);
    expect((await client.apply(finland, { creditLimitAmount: '5000' })).status).toBe(201);
    const before = await client.get(`${ORG}/buyers/my-buyers?customerId=${client.customerId}`);
    expect(before.status).toBe(200);
    expect(before.body.data.map((b: any) => [b.buyerId, b.healthChange])).toEqual([[finland, null], [norway, null]].sort((a, b) => Number(a[0]) - Number(b[0])));
    // The registry feed rates the Norwegian buyer worse (3 → 7); the global registry is shared, so restore it afterwards.
    await upsertBuyers(service.platform.db, [{ country: 'NO', registryId: '987654325', name: 'Fjordlaks Eksport AS', rating: 7 }], service.clock.now());
    try {
      const down = await client.get(`${ORG}/buyers/my-buyers?healthChange=down`);
      expect(down.body.data).toEqual([expect.objectContaining({ buyerId: norway, healthChange: 'down', currentBuyerRating: '7', currentBuyerRatingClass: 'Elevated' })]);
      expect((await client.get(`${ORG}/buyers/my-buyers?healthChange=up`)).body.data).toEqual([]);
      expect((await client.get(`${ORG}/buyers/my-buyers?healthChange=sideways`)).status).toBe(400);
      const atRisk = await client.staff('GET', '/cover/at-risk');
      expect(atRisk.status).toBe(200);
      expect(atRisk.body.data).toEqual([expect.objectContaining({ ratingAtApplication: 3, ratingNow: 7, cover: expect.objectContaining({ buyerId: norway }) })]);
    } finally {
      await upsertBuyers(service.platform.db, [{ country: 'NO', registryId: '987654325', name: 'Fjordlaks Eksport AS', rating: 3 }], service.clock.now());
    }
  });
});
