// Collections escalating a claim to the insurer (`collections.claim.escalated`, `to: insurer`) opens or updates the
// non-payment case through a reaction, over HTTP on both engines: the collection case's own ledger claim escalated
// by its strategy turns the case into a claim case; an insured servicing claim naming its buyer opens a claim case.
// Delivering the same event again changes nothing.
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { casesModule } from '../../src/cases/module.js';
import { events } from '../../src/platform/db/schema.js';
import type { StoredEvent } from '../../src/platform/events/reactions.js';
import { publishAsDefault } from '../collections/runs-engine-support.js';
import { describeEachEngine } from '../support/engines.js';
import { servicingHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { until } from '../support/wait.js';
import { BUYERS, caseBody, casesClient, details, type CasesClient } from './support.js';

const ESCALATE_AFTER_10_DAYS = {
  key: 'to-insurer', name: 'Escalate to the insurer',
  steps: [{ id: 'wait', type: 'wait', until: 'dueDate + P10D', next: 'insurer' }, { id: 'insurer', type: 'escalate', to: 'insurer' }],
};

describeEachEngine('Lifecycle join: collections escalating to the insurer opens or updates the case', (engine) => {
  let service: TestService;
  let client: CasesClient;
  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    await publishAsDefault(service.url, client.tenant, ESCALATE_AFTER_10_DAYS as never);
  });
  afterAll(async () => service?.stop());

  const escalations = async (claimReference: string) => (await service.platform.db.select().from(events)
    .where(and(eq(events.tenantId, client.tenant.tenant.id), eq(events.entityId, claimReference), eq(events.type, 'collections.claim.escalated')))
    .orderBy(asc(events.id))) as StoredEvent[];
  const redeliver = async (event: StoredEvent) => {
    const reaction = casesModule.reactions!(service.platform).find((r) => r.name === 'cases-escalated-to-insurer')!;
    await reaction.handle(event);
  };
  const untilCase = <T>(read: () => Promise<T | undefined>) => until(async () => {
    await service.sweeper!.runOnce();
    return read();
  });

  it('the collection case\'s own ledger claim escalated by its strategy becomes a claim on the case, once', async () => {
    const buyerId = await client.cover.buyerId(BUYERS.rating4);
    expect((await client.cover.apply(buyerId, { creditLimitAmount: '20000' })).status).toBe(201);
    await client.advance(40);
    const created = await client.post('/cases', caseBody(client, buyerId));
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.data.caseId as string;
    const ledgerClaim = `${caseId}/INV-2026-11-25-12100.00`; // the ledger claim the collection case opened for its invoice
    await client.advance(10); // past the invoice's due date + 10 days, when the strategy escalates
    await untilCase(async () => ((await escalations(ledgerClaim)).length > 0 ? true : undefined));
    const claimed = await untilCase(async () => {
      const found = await details(client, caseId);
      return found.caseType === 'CLAIM_COLLECTION' ? found : undefined;
    });
    expect(claimed).toMatchObject({ caseStatus: 'OPEN', claimStatus: 'AWAITING_DOCUMENTS', claimCause: 'PROTRACTED_DEFAULT', claimAmount: '12100.00' });
    expect(claimed.notes.filter((n: { author: string }) => n.author === 'ATRADIUS')).toEqual([
      expect.objectContaining({ text: `Collections escalated claim ${ledgerClaim} to the insurer (strategy to-insurer, step insurer).` }),
    ]);

    const [event] = await escalations(ledgerClaim);
    await redeliver(event!);
    const again = await details(client, caseId);
    expect(again.notes).toHaveLength(claimed.notes.length);
    expect(again.events).toHaveLength(claimed.events.length);
    expect(again).toMatchObject({ claimStatus: 'AWAITING_DOCUMENTS', updatedAt: claimed.updatedAt });
  });

  it('an insured servicing claim naming its buyer opens a claim case with the claim as its invoice, once; one naming none opens nothing', async () => {
    const buyerId = await client.cover.buyerId(BUYERS.rating6);
    expect((await client.cover.apply(buyerId, { creditLimitAmount: '20000' })).status).toBe(201);
    const headers = await servicingHeaders(service, client.tenant);
    const debtor = { debtorReference: 'D-ESC', type: 'legal', companyName: 'Escalated Buyer AB', contactInformation: { country: 'SE', email: 'ap@escalated.example' } };
    const claim = (meta: Record<string, unknown>) => ({
      amount: 480_000, currency: 'EUR', currentDueDate: '2026-12-20', originalDueDate: '2026-12-20', accountReference: `ACC-${Object.keys(meta).length}`, primaryDebtor: debtor, meta,
    });
    const createdClaims = await call(service.url, 'POST', `/v1/${client.tenant.tenant.clientId}/create_claims`, {
      headers, json: { 'ESC-1': claim({ buyerId, insured: true }), 'ESC-2': claim({}) },
    });
    expect(createdClaims.body['ESC-1']?.success, createdClaims.text).toBe(true);
    expect(createdClaims.body['ESC-2']?.success, createdClaims.text).toBe(true);
    await untilCase(async () => ((await escalations('ESC-1')).length > 0 && (await escalations('ESC-2')).length > 0 ? true : undefined));
    const listed = await untilCase(async () => {
      const found = await client.get(`/cases?customerId=${client.customerId}&customerRefNumber=ESC-1`);
      return found.body.data?.length === 1 && found.body.data[0].caseStatus === 'OPEN' ? found.body.data : undefined;
    });
    const caseId = listed[0].caseId as string;
    const opened = await details(client, caseId);
    expect(opened).toMatchObject({
      caseType: 'CLAIM_COLLECTION', claimCause: 'PROTRACTED_DEFAULT', buyerId, policyId: client.policyId, currencyCode: 'EUR', outstandingAmount: '4800.00',
      transactions: [expect.objectContaining({ transactionType: 'INVOICE', documentNumber: 'ESC-1', dueDate: '2026-12-20', grossAmount: '4800.00' })],
    });

    const [event] = await escalations('ESC-1');
    await redeliver(event!);
    expect((await client.get(`/cases?customerId=${client.customerId}&customerRefNumber=ESC-1`)).body.data).toHaveLength(1);
    // The reaction to ESC-2's escalation runs as a job: its warning says it has run, and only then does "no case" mean something.
    await untilCase(async () => (service.logs.some((line) => line.includes('escalation to the insurer: no case opened') && line.includes('ESC-2')) ? true : undefined));
    expect((await client.get(`/cases?customerId=${client.customerId}&customerRefNumber=ESC-2`)).body.data).toEqual([]);
  });
});
