// Cases created in one statement outside a transaction (create-case-in-one-statement.ts): concurrent creations on one
// (policy, buyer) make exactly one case, and a case created in one statement is the one the transaction creates.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRaw } from '../../src/platform/db/database.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient, details, invoice } from './support.js';

describeEachEngine('Cases created at the same time', (engine) => {
  let service: TestService;
  let client: CasesClient;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    await client.advance(40);
  });
  afterAll(async () => service?.stop());

  const count = async (sql: string, values: unknown[]) => Number(((await executeRaw(service.platform.db, sql, values)) as { n: string | number }[])[0]!.n);

  it('makes exactly one case of concurrent creations on a policy and buyer (201 once, 409 CASE_EXISTS naming it for the others)', async () => {
    const buyerId = await client.cover.buyerId(BUYERS.rating4);
    const body = caseBody(client, buyerId, { transactions: [invoice('2026-11-22', '2026-11-30', '5000'), invoice('2026-11-23', '2026-12-01', '700')] });
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.post('/cases', body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const caseId = answers.find((answer) => answer.status === 201)!.body.data.caseId as string;
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.body.errors[0]).toMatchObject({ code: 'CASE_EXISTS', detail: expect.stringContaining(caseId) });
    }
    const tenant = client.tenant.tenant.id;
    expect(await count('SELECT count(*) AS n FROM nonpayment_cases WHERE tenant_id = $1 AND buyer_id = $2', [tenant, buyerId])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM nonpayment_case_transactions WHERE tenant_id = $1', [tenant])).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND type = 'case.status_changed'`, [tenant])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1 AND action = 'case.created'`, [tenant])).toBe(1);
  });

  it('answers and stores the same case in one statement as the transaction does (an Idempotency-Key takes the transaction)', async () => {
    const buyers = [await client.cover.buyerId(BUYERS.rating6), await client.cover.buyerId(BUYERS.rating3)];
    const body = (buyerId: number) => caseBody(client, buyerId, {
      caseType: 'CLAIM', claimCause: 'INSOLVENCY', insolvencyDate: '2026-12-20', documents: [{ name: 'invoice.pdf', url: 'https://files.example/i.pdf' }],
      paymentPlan: { instalments: [{ dueDate: '2027-02-01', amount: '100.00' }] },
      debtorContact: { phone: '+46 8 123 45', email: 'ap@buyer.example', name: 'A. Person' },
    });
    const one = await client.post('/cases', body(buyers[0]!));
    const two = await client.post('/cases', body(buyers[1]!), { 'idempotency-key': 'create-two' });
    expect([one.status, two.status]).toEqual([201, 201]);
    // The one-statement path reads nothing back: its jsonb columns come out in jsonb's key order, as the transaction's
    // RETURNING gives them (shorter keys first), not in the order the body sent them.
    for (const field of ['documents', 'paymentPlan', 'debtorContact']) {
      expect(JSON.stringify(one.body.data[field])).toBe(JSON.stringify(two.body.data[field]));
    }
    expect(Object.keys(one.body.data.debtorContact)).toEqual(['name', 'email', 'phone']);
    expect(Object.keys(one.body.data.documents[0])).toEqual(['url', 'name']);
    const comparable = (data: any) => ({ ...data, caseId: undefined, buyerId: undefined, buyerName: undefined });
    expect(comparable(one.body.data)).toEqual(comparable(two.body.data));
    const [first, second] = [await details(client, one.body.data.caseId), await details(client, two.body.data.caseId)];
    const stored = (data: any) => ({
      ...comparable(data), transactions: data.transactions.map((t: any) => ({ ...t, transactionId: undefined })), notes: data.notes.map((n: any) => ({ ...n, noteId: undefined })),
      letters: data.letters.map((l: any) => l.letterType),
    });
    expect(stored(first)).toEqual(stored(second));
    expect(first).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'IN_ASSESSMENT', collectionPhase: 'INSOLVENCY' });
  });
});
