// Property: random and malformed bodies on every Non-Payments route never answer 5xx, and every refusal is the
// Atradius `errors[]` body; a refused create writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient } from './support.js';

describeEachEngine('Non-Payments API: random bodies (property)', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let caseId: string;
  let valid: Record<string, unknown>;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    const buyer = await client.cover.buyerId(BUYERS.rating4);
    expect((await client.cover.apply(buyer, { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
    valid = caseBody(client, buyer);
    const created = await client.post('/cases', valid);
    expect(created.status).toBe(201);
    caseId = created.body.data.caseId;
  });
  afterAll(async () => service?.stop());

  const routes = () => ['/cases', '/cases/batch', `/cases/${caseId}/notes`, `/cases/${caseId}/transactions`, `/cases/${caseId}/claim`];

  async function answersWell(path: string, body: unknown) {
    const reply = await client.post(path, body);
    expect(reply.status, `${path} ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
    if (reply.status >= 400) expect(reply.body.errors[0]).toMatchObject({ status: String(reply.status), code: expect.any(String), detail: expect.any(String) });
  }

  it('answers any JSON value on any route without a 5xx', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...routes()), fc.jsonValue({ maxDepth: 4 }), answersWell), { numRuns: 60 });
  });

  it('answers a valid body with one field replaced by anything (top level or in a transaction) without a 5xx', async () => {
    const keys = Object.keys(valid);
    const transactionKeys = ['transactionType', 'documentNumber', 'documentDate', 'dueDate', 'period', 'grossAmount', 'netAmount', 'outstandingAmount', 'currencyCode'];
    const hostile = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', '\u0000', '2026-13-45', '-1', '1e309', '99999999999999999999', 'NaN', '12.345', ' 12 '));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...keys), fc.constantFrom(...transactionKeys), hostile, fc.boolean(), async (key, field, value, inTransaction) => {
      const transactions = valid.transactions as Record<string, unknown>[];
      const body = inTransaction
        ? { ...valid, customerRefNumber: 'RANDOM', transactions: [{ ...transactions[0], [field]: value }] }
        : { ...valid, customerRefNumber: 'RANDOM', [key]: value };
      await answersWell('/cases', body);
      await answersWell(`/cases/${caseId}/transactions`, { transactions: body.transactions });
    }), { numRuns: 60 });
  });
});
