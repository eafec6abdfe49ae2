import { afterAll, beforeAll, expect, it } from 'vitest';
import { debtorCommitmentFacts } from '../../src/collections/api.js';
import { listLedgerExpectations } from '../../src/servicing/api.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { accountWithClaims, advanceClock, DAY_MS, eventsOf, resetClock, startDebtorRecords } from './support.js';

const ACCOUNT = 'ACC_INSTALMENTS';
const COMPUTED_KEYS = ['id', 'type', 'version', 'enabled', 'selectable', 'description', 'computedAt', 'rules', 'configuration', 'context',
  'accountId', 'clientId', 'correlationId', 'parentInstalmentPlanId', 'TTL'];
const PLAN_KEYS = ['id', 'definitionId', 'status', 'createdAt', 'updatedAt', 'statusCheckedAt', 'clientId', 'accountId', 'currency', 'type',
  'totalAmount', 'paidAmount', 'externalClaimRef', 'configuration', 'scope', 'rules', 'instalments', 'metadata'];
const INSTALMENT_KEYS = ['id', 'dueDate', 'startDate', 'amount', 'paidAmount', 'currency', 'status', 'createdAt', 'updatedAt'];
const ENVELOPE = { success: true, messages: ['Successfully processed action'], messageIds: [expect.any(String)] };

describeEachEngine('instalment plans (Receeve #36-#40)', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    await accountWithClaims(client, ACCOUNT);
  });
  afterAll(async () => env?.stop());

  it('#36 lists the selectable definitions with the seed fields, filters types case-insensitively, projects fields and pages', async () => {
    const all = await client.get('instalment_plan_definitions', {});
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject(ENVELOPE);
    expect(all.body.data.paginationId).toBeUndefined();
    expect(all.body.data.results.map((d: any) => d.id)).toEqual(['monthly-3', 'monthly-choice', 'half-now-half-later']);
    for (const definition of all.body.data.results) {
      expect(Object.keys(definition).sort()).toEqual(['configuration', 'context', 'description', 'enabled', 'id', 'rules', 'selectable', 'type', 'version']);
    }
    const choice = await client.get('instalment_plan_definitions', { filters: JSON.stringify({ enabled: true, types: ['CHOICE'] }), fields: 'id,type,description' });
    expect(choice.body.data.results).toEqual([{ id: 'monthly-choice', type: 'choice', description: expect.objectContaining({ en: 'Pay in 3, 6 or 12 months' }) }]);
    const first = await client.get('instalment_plan_definitions', { limit: '2', fields: 'id' });
    expect(first.body.data).toEqual({ results: [{ id: 'monthly-3' }, { id: 'monthly-choice' }], paginationId: expect.any(String) });
    const second = await client.get('instalment_plan_definitions', { limit: '2', fields: 'id', paginationId: first.body.data.paginationId });
    expect(second.body.data).toEqual({ results: [{ id: 'half-now-half-later' }] });
  });

  it('#36 refuses filters that are not JSON of the documented shape with the Receeve 400 body', async () => {
    const bad = await client.get('instalment_plan_definitions', { filters: '{not json' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: 'BadRequest', message: expect.stringContaining('Invalid request parameters') });
    expect((await client.get('instalment_plan_definitions', { limit: '0' })).status).toBe(400);
  });

  it('#37 computes a programmatic definition for the account: every seed field, the schedule summing to the balance', async () => {
    const response = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: ACCOUNT });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject(ENVELOPE);
    const data = response.body.data;
    expect(Object.keys(data).sort()).toEqual([...COMPUTED_KEYS].sort());
    expect(data).toMatchObject({
      type: 'programmatic', version: '1', enabled: true, selectable: true, computedAt: '2026-11-21T10:00:00Z', TTL: 3600,
      accountId: ACCOUNT, clientId: client.tenant.tenant.clientId, correlationId: 'monthly-3', parentInstalmentPlanId: 'monthly-3',
      context: { externalClaimReferences: [`${ACCOUNT}_INV_1`, `${ACCOUNT}_INV_2`], accountReference: ACCOUNT, formData: {} },
    });
    expect(data.configuration[0].instalments).toEqual([
      { dueDate: '2026-11-21', amount: 5000 }, { dueDate: '2026-12-21', amount: 5000 }, { dueDate: '2027-01-21', amount: 5000 },
    ]);
  });

  it('#37 answers choice until a choice is made, then computes it (2% interest, the count the debtor asked for)', async () => {
    const choice = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-choice', accountReference: ACCOUNT });
    expect(choice.body.data).toMatchObject({ type: 'choice', defaultChoice: '3', choices: [expect.objectContaining({ id: '3' }), expect.objectContaining({ id: '6' }), expect.objectContaining({ id: '12' })] });
    const six = await client.post('compute_instalment_plan_definition', {
      instalmentPlanDefinitionId: 'monthly-choice', externalClaimReferences: [`${ACCOUNT}_INV_1`], formData: { choice: '6', instalments: 4 },
    });
    const amounts = six.body.data.configuration[0].instalments.map((i: any) => i.amount);
    expect(amounts).toEqual([2550, 2550, 2550, 2550]);
    expect(six.body.data.configuration[0]).toMatchObject({ principal: 10_000, fee: 200, totalAmount: 10_200 });
  });

  it('#37 gives the null type for an unknown definition and 400 for an unknown claim or a bad start date', async () => {
    const missing = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'nope', accountReference: ACCOUNT });
    expect(missing.body.data).toEqual({ id: expect.any(String), type: 'null', version: '1', enabled: false, selectable: false, description: {}, computedAt: '2026-11-21T10:00:00Z' });
    const unknownClaim = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', externalClaimReferences: ['NOPE'] });
    expect(unknownClaim.status).toBe(400);
    expect(unknownClaim.body).toEqual({ error: 'BadRequest', message: 'Claim NOPE not found' });
    const past = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: ACCOUNT, formData: { startDate: '2020-01-01' } });
    expect(past.status).toBe(400);
    const schema = await client.post('compute_instalment_plan_definition', { accountReference: ACCOUNT });
    expect(schema.status).toBe(400);
    expect(schema.body.error).toBe('BadRequest');
  });

  it('#38 creates a plan with every seed field, its instalments become ledger expectations; a computation is used once', async () => {
    const computed = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: ACCOUNT });
    const created = await client.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id, accountReference: ACCOUNT });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject(ENVELOPE);
    const plan = created.body.data;
    expect(Object.keys(plan).sort()).toEqual([...PLAN_KEYS].sort());
    expect(plan).toMatchObject({
      definitionId: computed.body.data.id, status: 'ACTIVE', createdAt: '2026-11-21T10:00:00Z', clientId: client.tenant.tenant.clientId, accountId: ACCOUNT,
      currency: 'EUR', type: 'programmatic', totalAmount: 15_000, paidAmount: 0, externalClaimRef: `${ACCOUNT}_INV_1`, metadata: {},
      scope: { externalClaimReferences: [`${ACCOUNT}_INV_1`, `${ACCOUNT}_INV_2`], externalClaimAmounts: [{ amount: 10_000, totalFees: 0, fees: [] }, { amount: 5000, totalFees: 0, fees: [] }] },
    });
    for (const instalment of plan.instalments) expect(Object.keys(instalment).sort()).toEqual([...INSTALMENT_KEYS].sort());
    expect(plan.instalments.map((i: any) => [i.dueDate, i.amount, i.status])).toEqual([
      ['2026-11-21', 5000, 'STARTED'], ['2026-12-21', 5000, 'CREATED'], ['2027-01-21', 5000, 'CREATED'],
    ]);
    const expectations = await listLedgerExpectations(client.service.platform.db, client.tenant.tenant.id, ACCOUNT);
    expect(expectations.map((e) => [e.dueDate, e.amount, e.status])).toEqual([['2026-11-21', 5000, 'OPEN'], ['2026-12-21', 5000, 'OPEN'], ['2027-01-21', 5000, 'OPEN']]);
    expect((await eventsOf(client, 'instalment_plan.created')).map((e) => e.entity_id)).toEqual([plan.id]);

    const again = await client.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'BadRequest', message: expect.stringContaining('not found or expired') });
    const overlapping = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: ACCOUNT });
    const second = await client.post('create_instalment_plan', { instalmentPlanDefinitionId: overlapping.body.data.id });
    expect(second.body).toEqual({ error: 'BadRequest', message: 'A claim of this plan is already in an ACTIVE instalment plan' });

    const listed = await client.get('instalment_plans', { accountReference: ACCOUNT });
    expect(listed.body).toMatchObject({ ...ENVELOPE, data: { results: [plan] } });
    const projected = await client.get('instalment_plans', { accountReference: ACCOUNT, fields: 'id,status,accountId', filters: JSON.stringify({ status: ['ACTIVE'], id: [plan.id] }) });
    expect(projected.body.data.results).toEqual([{ id: plan.id, status: 'ACTIVE', accountId: ACCOUNT }]);
    expect((await client.get('instalment_plans', { accountReference: ACCOUNT, filters: JSON.stringify({ status: ['CANCELLED'] }) })).body.data.results).toEqual([]);
    expect((await client.get('instalment_plans', { accountReference: 'UNKNOWN' })).body.data.results).toEqual([]);
    expect((await client.get('instalment_plans', {})).body).toEqual({ error: 'BadRequest', message: 'Missing required request parameters: [accountReference]' });

    // #39: a payment reported as a transaction is spread over the instalments in due order.
    const updated = await client.post('update_instalment_plan', {
      instalmentPlanId: plan.id, instalmentPlan: { meta: { note: 'agreed by phone' }, transactions: [{ id: 'T1', amount: 7000, context: {}, type: 'payment' }] }, context: {},
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ success: true, message: 'Instalment plan updated successfully' });
    const [after] = (await client.get('instalment_plans', { accountReference: ACCOUNT })).body.data.results;
    expect(after).toMatchObject({ paidAmount: 7000, metadata: { note: 'agreed by phone' }, status: 'ACTIVE' });
    expect(after.instalments.map((i: any) => [i.paidAmount, i.status])).toEqual([[5000, 'RESOLVED'], [2000, 'STARTED'], [0, 'CREATED']]);
    expect(after.transactions).toBeUndefined();

    // The same transaction id again replaces it (upsert by id); an unknown plan is a 400.
    await client.post('update_instalment_plan', { instalmentPlanId: plan.id, instalmentPlan: { transactions: [{ id: 'T1', amount: 5000, context: {} }] } });
    const [replaced] = (await client.get('instalment_plans', { accountReference: ACCOUNT })).body.data.results;
    expect(replaced.paidAmount).toBe(5000);
    const unknown = await client.post('update_instalment_plan', { instalmentPlanId: '00000000-0000-4000-8000-000000000000', instalmentPlan: {} });
    expect(unknown.body).toEqual({ error: 'BadRequest', message: 'Instalment plan 00000000-0000-4000-8000-000000000000 not found' });
  });

  it('a missed instalment emits instalment.missed once; after the grace period the plan breaks, its expectations cancelled', async () => {
    const account = 'ACC_MISSED';
    await accountWithClaims(client, account);
    const computed = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: account, formData: { startDate: '2026-11-25' } });
    const created = await client.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id });
    const planId = created.body.data.id;
    const claim = `${account}_INV_1`;
    const facts = () => debtorCommitmentFacts(client.service.platform.db, client.tenant.tenant.id, claim);
    expect((await facts()).instalmentPlan).toBe('in_good_standing');
    const sweep = () => client.service.sweeper!.runOnce();
    const missedFor = async () => (await eventsOf(client, 'instalment.missed')).filter((e) => e.entity_id === planId);

    await advanceClock(client, 4 * DAY_MS); // 2026-11-25: the first instalment is due today, not missed yet
    await sweep();
    expect(await missedFor()).toEqual([]);
    await advanceClock(client, DAY_MS); // 2026-11-26
    await sweep();
    await sweep();
    expect((await missedFor()).map((e) => e.data.dueDate)).toEqual(['2026-11-25']);
    expect((await facts()).instalmentPlan).toBe('missed');

    await advanceClock(client, 6 * DAY_MS); // 2026-12-02: still inside the 7-day grace period
    await sweep();
    expect((await eventsOf(client, 'instalment_plan.broken')).filter((e) => e.entity_id === planId)).toEqual([]);
    await advanceClock(client, DAY_MS); // 2026-12-03
    await sweep();
    await sweep();
    expect((await eventsOf(client, 'instalment_plan.broken')).filter((e) => e.entity_id === planId)).toHaveLength(1);
    expect((await facts()).instalmentPlan).toBe('broken');
    const [plan] = (await client.get('instalment_plans', { accountReference: account })).body.data.results;
    expect(plan.status).toBe('INVALIDATED');
    const expectations = await listLedgerExpectations(client.service.platform.db, client.tenant.tenant.id, account);
    expect(expectations.every((e) => e.status === 'CANCELLED')).toBe(true);
    await resetClock(client);
  });

  it('a payment through match_account_payment keeps the plan in good standing past the due date', async () => {
    const account = 'ACC_PAID';
    await accountWithClaims(client, account);
    const computed = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: account, formData: { startDate: '2026-11-22' } });
    const created = await client.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id });
    const paid = await client.post('match_account_payment', [{ accountReference: account, currency: 'EUR', totalAmount: 5000, matchStrategy: 'ORDERED_LEDGER_ENTRIES' }]);
    expect(paid.body[account]?.success).toBe(true);
    await advanceClock(client, 2 * DAY_MS);
    await client.service.sweeper!.runOnce();
    expect((await eventsOf(client, 'instalment.missed')).filter((e) => e.entity_id === created.body.data.id)).toEqual([]);
    const [plan] = (await client.get('instalment_plans', { accountReference: account })).body.data.results;
    expect(plan.paidAmount).toBe(5000);
    expect(plan.instalments[0].status).toBe('RESOLVED');
    await resetClock(client);
  });

  it('a payment event updates the claim plan at once through the event reaction', async () => {
    const account = 'ACC_REACTION';
    await accountWithClaims(client, account);
    const computed = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'monthly-3', accountReference: account, formData: { startDate: '2026-12-01' } });
    await client.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id });
    await client.post('match_account_payment', [{ accountReference: account, currency: 'EUR', totalAmount: 6000, matchStrategy: 'ORDERED_LEDGER_ENTRIES', providerName: 'Trustly', trackingId: 'T-9' }]);
    await client.service.sweeper!.runOnce();
    const plan = await until(async () => {
      const [found] = (await client.get('instalment_plans', { accountReference: account })).body.data.results;
      return found.paidAmount === 6000 ? found : undefined;
    });
    expect(plan.instalments.map((i: any) => [i.paidAmount, i.status])).toEqual([[5000, 'RESOLVED'], [1000, 'STARTED'], [0, 'CREATED']]);
  });

  it("another tenant's plans and computations are unknown", async () => {
    const other = await startServicing(engine, client.service);
    const computed = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'half-now-half-later', accountReference: 'ACC_PAID' });
    expect(computed.body.data.type).toBe('percentageAmounts');
    const stolen = await other.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id });
    expect(stolen.body).toEqual({ error: 'BadRequest', message: `Computed instalment plan definition ${computed.body.data.id} not found or expired` });
    const [plan] = (await client.get('instalment_plans', { accountReference: ACCOUNT })).body.data.results;
    const update = await other.post('update_instalment_plan', { instalmentPlanId: plan.id, instalmentPlan: { status: 'CANCELLED' } });
    expect(update.body).toEqual({ error: 'BadRequest', message: `Instalment plan ${plan.id} not found` });
    expect((await other.get('instalment_plans', { accountReference: ACCOUNT })).body.data.results).toEqual([]);
  });
});

describeEachEngine('instalment settings per tenant (management API)', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    await accountWithClaims(env.client, ACCOUNT);
  });
  afterAll(async () => env?.stop());

  it("a tenant's own definitions replace the defaults; a definition that cannot compute is refused", async () => {
    const { client } = env;
    const put = (json: unknown) => call(client.service.url, 'PUT', '/management/v1/debtor-record-settings', { headers: managementHeaders(client.tenant), json });
    const weekly = {
      id: 'weekly-4', type: 'programmatic', version: '2', enabled: true, selectable: true, description: { en: 'Four weekly instalments' },
      configuration: [{ instalments: 4, interval: 'P1W', minimumInstalment: 1000, maximumDurationDays: 60, downPayment: { type: 'amount', amount: 1001 } }],
      rules: [{ id: 'fee', type: 'fee', enabled: true, configuration: { type: 'flat', amount: 500 } }], context: {},
    };
    const broken = { ...weekly, id: 'broken', configuration: [{ instalments: 4, interval: 'every week' }] };
    const refused = await put({ instalments: { definitions: [weekly, broken] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('Definition broken');
    expect((await put({ instalments: { definitions: [weekly], graceDays: 3 } })).status).toBe(200);
    const listed = await client.get('instalment_plan_definitions', { fields: 'id' });
    expect(listed.body.data.results).toEqual([{ id: 'weekly-4' }]);
    const computed = await client.post('compute_instalment_plan_definition', { instalmentPlanDefinitionId: 'weekly-4', accountReference: ACCOUNT });
    expect(computed.body.data.configuration[0]).toMatchObject({ principal: 15_000, fee: 500, totalAmount: 15_500 });
    expect(computed.body.data.configuration[0].instalments).toEqual([
      { dueDate: '2026-11-21', amount: 1001 }, { dueDate: '2026-11-28', amount: 3624 }, { dueDate: '2026-12-05', amount: 3624 },
      { dueDate: '2026-12-12', amount: 3624 }, { dueDate: '2026-12-19', amount: 3627 },
    ]);
    const read = await call(client.service.url, 'GET', '/management/v1/debtor-record-settings', { headers: managementHeaders(client.tenant) });
    expect(read.body).toMatchObject({ promise: { minimumAmount: 100, maximumDaysAhead: 60 }, instalments: { graceDays: 3, computationTtlSeconds: 3600 } });
  });
});
