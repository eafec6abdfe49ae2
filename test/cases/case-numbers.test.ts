// Case numbers of cases created without a claim (drawn ahead, src/cases/case-numbers.ts) and the buyer's name their
// one-statement insert copies from the registry: one after another, with refused creations between them (which write
// nothing), the numbers rise; gaps are allowed (a number drawn ahead and not used within a second is dropped, as a
// sequence's cached values are), and every case carries its buyer's registry name.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseNumberOf } from '../../src/cases/domain/codes.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { ORG } from '../cover/support.js';
import { BUYERS, type CasesClient, caseBody, casesClient } from './support.js';

describeEachEngine('case numbers of creations without a claim', (engine) => {
  let service: TestService;
  let client: CasesClient;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    await client.advance(40); // the body's invoice is overdue by then
  });
  afterAll(async () => service?.stop());

  async function registryName(buyerId: number): Promise<string> {
    const found = await client.cover.get(`${ORG}/buyers/${buyerId}`);
    expect(found.status).toBe(200);
    return found.body.data[0].buyerName;
  }

  it('rise one after another across refused creations, and each case carries its buyer\'s registry name', async () => {
    const buyers = [BUYERS.rating4, BUYERS.rating6, BUYERS.rating1];
    const ids = await Promise.all(buyers.map((buyer) => client.cover.buyerId(buyer)));
    const numbers: number[] = [];
    for (const [index, buyerId] of ids.entries()) {
      const monitor = { caseType: 'MONITOR', paymentPlan: { instalments: [{ dueDate: '2027-02-01', amount: '100.00' }] } };
      const created = await client.post('/cases', caseBody(client, buyerId, index === 1 ? monitor : {}));
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.data.buyerName).toBe(await registryName(buyerId));
      numbers.push(caseNumberOf(created.body.data.caseId)!);
      // Refused by the insert after its number was taken (the open case exists), then by its check (an unknown buyer).
      expect((await client.post('/cases', caseBody(client, buyerId))).status).toBe(409);
      expect((await client.post('/cases', caseBody(client, 99_999_999))).status).toBe(422);
    }
    expect(numbers[0]).toBeLessThan(numbers[1]!);
    expect(numbers[1]).toBeLessThan(numbers[2]!);
    const listed = await client.get(`/cases?customerId=${client.customerId}`);
    expect(listed.body.data.map((found: { caseId: string }) => caseNumberOf(found.caseId)).sort()).toEqual(numbers);
  });
});
