// Two sweepers (and a reader catching up) racing on the same due timers fire each timer exactly once: the row is
// claimed FOR UPDATE SKIP LOCKED (or locked by the reader) and its deadline column cleared in the same transaction.
// Two letter sweeps racing render each letter the timers issued once (claimed the same way, stored while it has no PDF).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { casesContext } from '../../src/cases/api.js';
import { caseTimerSweep, letterRenderSweep } from '../../src/cases/sweeps.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { newPolicy } from '../cover/support.js';
import { BUYERS, type CasesClient, caseBody, casesClient } from './support.js';

const POLICIES = 4;

describeEachEngine('Case timers under racing sweepers', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let caseIds: string[];

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    const today = await client.today();
    const policies = [client.policyId];
    for (let i = 1; i < POLICIES; i += 1) policies.push(await newPolicy(client.cover, today));
    const buyers = await Promise.all(Object.values(BUYERS).map((b) => client.cover.buyerId(b)));
    await advanceWithoutSweeping(40);
    caseIds = [];
    for (const policyId of policies) {
      for (const buyerId of buyers) {
        const created = await client.post('/cases', { ...caseBody(client, buyerId), policyId });
        expect(created.status).toBe(201);
        caseIds.push(created.body.data.caseId);
      }
    }
  });
  afterAll(async () => service?.stop());

  async function advanceWithoutSweeping(days: number) {
    const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(client.tenant), json: { seconds: days * 86_400 } });
    expect(moved.status).toBe(200);
  }

  async function count(sql: string): Promise<number> {
    const rows = await executeRaw(service.platform.db, sql, [client.tenant.tenant.id]) as { n: string | number }[];
    return Number(rows[0]?.n ?? 0);
  }

  async function race(timer: 'eligibility' | 'legal') {
    const ctx = casesContext(service.platform);
    // Small batches so the two sweepers interleave over many claims.
    const first = caseTimerSweep(ctx, timer, 3);
    const second = caseTimerSweep(ctx, timer, 3);
    const [a, b] = await Promise.all([
      sweepUntilDone(service.platform.db, first, service.clock),
      sweepUntilDone(service.platform.db, second, service.clock),
      client.get(`/cases?customerId=${client.customerId}`),
    ]);
    return a.processed + b.processed;
  }

  it('opens every case exactly once (one history row, one webhook event each)', async () => {
    expect(caseIds).toHaveLength(POLICIES * Object.keys(BUYERS).length);
    const fired = await race('eligibility');
    expect(fired).toBeLessThanOrEqual(caseIds.length);
    expect(await count(`SELECT count(*) AS n FROM nonpayment_cases WHERE tenant_id = $1 AND case_status = 'OPEN' AND eligibility_due_at IS NULL`)).toBe(caseIds.length);
    expect((await Promise.all(caseIds.map(async (caseId) => (await client.get(`/cases/${caseId}`)).body.data.events
      .filter((event: { to: string }) => event.to === 'OPEN').length))).every((opened) => opened === 1)).toBe(true);
    expect(await count(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND type = 'case.status_changed' AND data->>'to' = 'OPEN'`)).toBe(caseIds.length);
    expect(await count(`SELECT count(DISTINCT entity_id) AS n FROM events WHERE tenant_id = $1 AND type = 'case.status_changed' AND data->>'to' = 'OPEN'`)).toBe(caseIds.length);
  });

  it('moves every collection to LEGAL exactly once when the tenant clock passes the amicable phase', async () => {
    expect(await race('legal')).toBe(0);
    await advanceWithoutSweeping(91);
    const fired = await race('legal');
    expect(await count(`SELECT count(*) AS n FROM nonpayment_cases WHERE tenant_id = $1 AND collection_phase = 'LEGAL' AND legal_due_at IS NULL`)).toBe(caseIds.length);
    expect(await count(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND type = 'case.collection_phase_changed'`)).toBe(caseIds.length);
    expect(fired).toBeLessThanOrEqual(caseIds.length);
    expect(await race('legal')).toBe(0);
  });

  it('renders, mails and announces every letter the timers issued exactly once with two letter sweeps racing', async () => {
    const letters = await count(`SELECT count(*) AS n FROM nonpayment_case_letters WHERE tenant_id = $1`);
    expect(letters).toBeGreaterThanOrEqual(caseIds.length); // an acknowledgement per case at least
    expect(await count(`SELECT count(*) AS n FROM nonpayment_case_letters WHERE tenant_id = $1 AND rendered_at IS NOT NULL`)).toBe(0);
    const sweep = () => sweepUntilDone(service.platform.db, letterRenderSweep(casesContext(service.platform), service.platform.logger, 3), service.clock);
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.processed + b.processed).toBe(letters);
    expect(await count(`SELECT count(*) AS n FROM nonpayment_case_letters WHERE tenant_id = $1 AND rendered_at IS NOT NULL AND pdf_sha256 IS NOT NULL`)).toBe(letters);
    expect(await count(`SELECT count(*) AS n FROM events WHERE tenant_id = $1 AND type = 'letter.issued'`)).toBe(letters);
    expect(await count(`SELECT count(DISTINCT entity_id) AS n FROM events WHERE tenant_id = $1 AND type = 'letter.issued'`)).toBe(letters);
    const mailed = await count(`SELECT count(*) AS n FROM nonpayment_case_letters WHERE tenant_id = $1 AND mailed_to IS NOT NULL`);
    expect(await count(`SELECT count(*) AS n FROM mail_messages WHERE tenant_id = $1 AND related_type = 'nonpayment_letter'`)).toBe(mailed);
    expect((await sweep()).processed).toBe(0);
  });
});
