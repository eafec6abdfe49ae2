// Claims on a case tried in one statement outside a transaction (submit-claim-in-one-statement.ts), racing each other
// and other changes of the case: each case takes exactly one claim, and the answer and the stored case agree with
// some serial order. A claim answered in one statement and one answered by the transaction write the same.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { casesContext } from '../../src/cases/api.js';
import { trySubmitClaimInOneStatement } from '../../src/cases/use-cases/submit-claim-in-one-statement.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { clockFor } from '../../src/platform/services.js';
import { findTenant } from '../../src/platform/tenants/service.js';
import { singleStatementWork } from '../../src/platform/unit-of-work.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient, details, invoice, lettersRendered } from './support.js';

describeEachEngine('Claims racing on a case', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let buyers: number[];

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    buyers = [];
    // The policy's discretionary limit covers each of them.
    for (const buyer of [BUYERS.rating4, BUYERS.rating6, BUYERS.rating3, BUYERS.rating1, BUYERS.rating8]) buyers.push(await client.cover.buyerId(buyer));
    await client.advance(40);
  });
  afterAll(async () => service?.stop());

  /** An OPEN collection case on the buyer (its eligibility check run by the sweeper). */
  async function openCase(buyerId: number, reference: string): Promise<string> {
    const created = await client.post('/cases', caseBody(client, buyerId, { customerRefNumber: reference, transactions: [invoice('2026-11-22', '2026-11-30', '5000')] }));
    expect(created.status).toBe(201);
    await service.sweeper!.runOnce();
    expect((await details(client, created.body.data.caseId)).caseStatus).toBe('OPEN');
    return created.body.data.caseId;
  }

  async function rows(sql: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    return await executeRaw(service.platform.db, sql, values) as Record<string, unknown>[];
  }

  it('takes exactly one of many concurrent claims on a case (202 once, 409 for the others), with one letter, rendered once', async () => {
    const caseId = await openCase(buyers[0]!, 'RACE-CLAIMS');
    const answers = await Promise.all(Array.from({ length: 8 }, () => client.post(`/cases/${caseId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409, 409, 409, 409, 409, 409, 409]);
    const found = await details(client, caseId);
    expect(found).toMatchObject({ caseType: 'CLAIM_COLLECTION', claimStatus: 'AWAITING_DOCUMENTS', claimAmount: '5000.00' });
    expect(found.events.filter((e: any) => e.eventType === 'claim.status_changed').map((e: any) => `${e.from}→${e.to}`))
      .toEqual(['NOT_CLAIMED→SUBMITTED', 'SUBMITTED→AWAITING_DOCUMENTS']);
    expect(found.letters.filter((l: any) => l.letterType === 'DOCUMENT_REQUEST')).toHaveLength(1);
    const events = await rows(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND entity_id = $2 AND type = 'claim.status_changed'`, [client.tenant.tenant.id, caseId]);
    expect(Number(events[0]!.n)).toBe(2);
    const audit = await rows(`SELECT count(*) AS n FROM audit_log WHERE tenant_id = $1 AND entity_id = $2 AND action = 'claim.submitted'`, [client.tenant.tenant.id, caseId]);
    expect(Number(audit[0]!.n)).toBe(1);
    await lettersRendered(service, caseId); // the letter sweep finds the letter and renders it
  });

  it('claims on the outstanding amount as of its place in a serial order when transactions are added at the same time', async () => {
    const caseId = await openCase(buyers[1]!, 'RACE-TRANSACTIONS');
    const more = { transactions: [invoice('2026-11-23', '2026-12-01', '700')] };
    const [claimed, added] = await Promise.all([
      client.post(`/cases/${caseId}/claim`, { claimCause: 'PROTRACTED_DEFAULT' }),
      client.post(`/cases/${caseId}/transactions`, more),
    ]);
    expect(claimed.status).toBe(202);
    expect(added.status).toBe(201);
    const found = await details(client, caseId);
    expect(found.outstandingAmount).toBe('5700.00');
    // Whichever went first, the claim answered the case as it stored it, on the amount outstanding at that moment.
    expect(['5000.00', '5700.00']).toContain(claimed.body.data.claimAmount);
    expect(found.claimAmount).toBe(claimed.body.data.claimAmount);
    expect(found.transactions).toHaveLength(2);
  });

  it('writes the same case, history and letter in one statement as the transaction does (an Idempotency-Key takes the transaction)', async () => {
    const one = await openCase(buyers[2]!, 'SAME');
    const two = await openCase(buyers[3]!, 'SAME');
    const viaStatement = await client.post(`/cases/${one}/claim`, { claimCause: 'PROTRACTED_DEFAULT' });
    const viaTransaction = await client.post(`/cases/${two}/claim`, { claimCause: 'PROTRACTED_DEFAULT' }, { 'idempotency-key': 'same-claim-two' });
    expect([viaStatement.status, viaTransaction.status]).toEqual([202, 202]);
    const comparable = (data: any) => ({ ...data, caseId: undefined, buyerId: undefined, buyerName: undefined, createdAt: undefined, updatedAt: undefined });
    expect(comparable(viaTransaction.body.data)).toEqual(comparable(viaStatement.body.data));
    const letter = async (caseId: string) => {
      const [row] = await rows(`SELECT letter_type, language, subject, body, content, mailed_to FROM nonpayment_case_letters
        WHERE tenant_id = $1 AND case_number = $2 AND letter_type = 'DOCUMENT_REQUEST'`, [client.tenant.tenant.id, Number(caseId.slice(3))]);
      const content = typeof row!.content === 'string' ? JSON.parse(row!.content) : row!.content;
      const text = (value: unknown) => String(value).replaceAll(caseId, 'CASE').replace(/LTR-\d+/g, 'LTR').replaceAll(content.buyer.name, 'BUYER').replaceAll(String(content.buyer.buyerId), 'BUYER-ID');
      return { ...row, subject: text(row!.subject), body: text(row!.body), content: { ...content, caseId: undefined, letterId: undefined, buyer: undefined } };
    };
    expect(await letter(two)).toEqual(await letter(one));
    const history = async (caseId: string) => (await details(client, caseId)).events.map((e: any) => `${e.eventType}:${e.from}→${e.to}`);
    expect((await history(two)).slice(0, 4)).toEqual((await history(one)).slice(0, 4));
  });

  it('writes in one statement only a claim it can take whole: not on a case whose timer is due, nor one already claimed', async () => {
    const ctx = casesContext(service.platform);
    const tenant = (await findTenant(service.platform.db, client.tenant.tenant.id))!; // its sandbox clock as advanced
    const work = () => singleStatementWork({ db: service.platform.db, tenant, clock: clockFor(service.platform, tenant), actor: { type: 'credential', id: 'test' } });
    const created = await client.post('/cases', caseBody(client, buyers[4]!, { customerRefNumber: 'DUE', transactions: [invoice('2026-11-22', '2026-11-30', '5000')] }));
    expect(created.status).toBe(201); // its eligibility check is due: the transaction runs it first
    const due = work();
    expect(await trySubmitClaimInOneStatement(due, ctx, created.body.data.caseId, { claimCause: 'PROTRACTED_DEFAULT' })).toBeNull();
    expect((await details(client, created.body.data.caseId)).claimStatus).toBe('NOT_CLAIMED');
    await service.sweeper!.runOnce();
    const taken = work();
    const row = await trySubmitClaimInOneStatement(taken, ctx, created.body.data.caseId, { claimCause: 'PROTRACTED_DEFAULT' });
    expect(row).toMatchObject({ caseType: 'CLAIM_COLLECTION', claimStatus: 'AWAITING_DOCUMENTS' });
    expect(taken.audited).toBe(true);
    const stored = await details(client, created.body.data.caseId);
    expect(stored).toMatchObject({ claimStatus: 'AWAITING_DOCUMENTS', updatedAt: row!.updatedAt.toISOString() });
    expect(await trySubmitClaimInOneStatement(work(), ctx, created.body.data.caseId, { claimCause: 'PROTRACTED_DEFAULT' })).toBeNull();
    expect(await trySubmitClaimInOneStatement(work(), ctx, 'NP-999999', { claimCause: 'PROTRACTED_DEFAULT' })).toBeNull();
    expect((await details(client, created.body.data.caseId)).letters.filter((l: any) => l.letterType === 'DOCUMENT_REQUEST')).toHaveLength(1);
  });
});
