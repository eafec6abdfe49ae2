import { afterAll, beforeAll, expect, it } from 'vitest';
import { debtorCommitmentFacts } from '../../src/collections/api.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { accountWithClaims, advanceClock, DAY_MS, eventsOf, resetClock, startDebtorRecords } from './support.js';

const ACCOUNT = 'ACC_PTP';
const CLAIM = `${ACCOUNT}_INV_1`;

describeEachEngine('promises to pay (Receeve #30)', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  const facts = (claim = CLAIM) => debtorCommitmentFacts(client.service.platform.db, client.tenant.tenant.id, claim);
  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    await accountWithClaims(client, ACCOUNT);
  });
  afterAll(async () => env?.stop());

  it('answers the seed example shape, echoing the promise as data, and emits promise.created', async () => {
    expect((await facts()).promise).toBe('none');
    const response = await client.post('create_promises_to_pay', { [CLAIM]: { amount: 5000, currency: 'EUR', dueDate: '2026-11-30' } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      [CLAIM]: { success: true, messages: ['Successfully processed action'], messageIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)], data: { amount: 5000, currency: 'EUR', dueDate: '2026-11-30' } },
    });
    expect((await eventsOf(client, 'promise.created')).map((e) => e.data)).toEqual([
      expect.objectContaining({ claimReference: CLAIM, amount: 5000, currency: 'EUR', dueDate: '2026-11-30', accountReference: ACCOUNT }),
    ]);
    expect(await facts()).toEqual({ promise: 'open', instalmentPlan: 'none', disputeOpen: false });
  });

  it('refuses per item: unknown claim, another currency, a date in the past or beyond the bounds, an amount above the balance', async () => {
    const response = await client.post('create_promises_to_pay', {
      NOPE: { amount: 100, currency: 'EUR', dueDate: '2026-11-30' },
      [`${ACCOUNT}_INV_2`]: { amount: 100, currency: 'USD', dueDate: '2026-11-30' },
      [CLAIM]: { amount: 100, currency: 'EUR', dueDate: '2026-11-20' },
    });
    expect(response.status).toBe(200);
    expect(response.body.NOPE).toEqual({ success: false, messages: ['Claim NOPE not found'], messageIds: [expect.any(String)] });
    expect(response.body[`${ACCOUNT}_INV_2`].messages).toEqual(["Currency USD does not match the claim's currency EUR"]);
    expect(response.body[CLAIM].messages).toEqual(['dueDate 2026-11-20 is in the past']);
    const far = await client.post('create_promises_to_pay', { [CLAIM]: { amount: 100, currency: 'EUR', dueDate: '2027-06-01' } });
    expect(far.body[CLAIM].messages).toEqual(['dueDate 2027-06-01 is later than 2027-01-20 (at most 60 days ahead)']);
    const tooMuch = await client.post('create_promises_to_pay', { [CLAIM]: { amount: 10_001, currency: 'EUR', dueDate: '2026-11-30' } });
    expect(tooMuch.body[CLAIM].messages).toEqual(['amount 10001 is more than the outstanding balance 10000']);
    // A failed item writes nothing: the earlier promise still stands.
    expect((await eventsOf(client, 'promise.created'))).toHaveLength(1);
  });

  it('bad bodies are whole-request 400s in the Receeve error shape', async () => {
    for (const body of [[], { [CLAIM]: { amount: 1.5, currency: 'EUR', dueDate: '2026-11-30' } }, { [CLAIM]: { amount: 100, currency: 'eur', dueDate: '2026-11-30' } },
      { [CLAIM]: { amount: 100, currency: 'EUR', dueDate: '2026-02-30' } }, { [CLAIM]: { amount: 100, currency: 'EUR' } }, {}]) {
      const response = await client.post('create_promises_to_pay', body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ error: 'BadRequest', message: expect.stringContaining('Invalid request body') });
    }
  });

  it('the bounds are the tenant’s: a tenant may require a larger minimum and allow a later date', async () => {
    const other = await startServicing(engine, client.service);
    await accountWithClaims(other, 'ACC_BOUNDS');
    const set = await call(client.service.url, 'PUT', '/management/v1/debtor-record-settings', {
      headers: managementHeaders(other.tenant), json: { promise: { minimumAmount: 2000, maximumDaysAhead: 365 } },
    });
    expect(set.status).toBe(200);
    expect(set.body.promise).toEqual({ minimumAmount: 2000, maximumDaysAhead: 365 });
    expect(set.body.instalments.graceDays).toBe(7);
    const refused = await call(client.service.url, 'PUT', '/management/v1/debtor-record-settings', {
      headers: managementHeaders(other.tenant), json: { promise: { minimumAmount: -1 } },
    });
    expect(refused.status).toBe(400);
    const small = await other.post('create_promises_to_pay', { ACC_BOUNDS_INV_1: { amount: 1000, currency: 'EUR', dueDate: '2027-06-01' } });
    expect(small.body.ACC_BOUNDS_INV_1.messages).toEqual(['amount 1000 is less than the minimum 2000']);
    const later = await other.post('create_promises_to_pay', { ACC_BOUNDS_INV_1: { amount: 2000, currency: 'EUR', dueDate: '2027-06-01' } });
    expect(later.body.ACC_BOUNDS_INV_1.success).toBe(true);
    // Another tenant's claim is unknown to this one.
    const foreign = await client.post('create_promises_to_pay', { ACC_BOUNDS_INV_1: { amount: 2000, currency: 'EUR', dueDate: '2026-12-01' } });
    expect(foreign.body.ACC_BOUNDS_INV_1.messages).toEqual(['Claim ACC_BOUNDS_INV_1 not found']);
  });

  it('a new promise replaces the open one; unpaid, it is broken the day after its date, exactly once', async () => {
    await client.post('create_promises_to_pay', { [CLAIM]: { amount: 3000, currency: 'EUR', dueDate: '2026-11-23' } });
    const sweep = () => client.service.sweeper!.runOnce();
    await advanceClock(client, 2 * DAY_MS); // 2026-11-23: the promised day itself
    await sweep();
    expect(await eventsOf(client, 'promise.broken')).toEqual([]);
    await advanceClock(client, DAY_MS); // 2026-11-24
    await sweep();
    await sweep();
    const broken = await eventsOf(client, 'promise.broken');
    expect(broken.map((e) => [e.data.claimReference, e.data.amount, e.data.dueDate])).toEqual([[CLAIM, 3000, '2026-11-23']]);
    // The replaced promise (due 2026-11-30) never fires.
    await advanceClock(client, 10 * DAY_MS);
    await sweep();
    expect(await eventsOf(client, 'promise.broken')).toHaveLength(1);
    expect((await facts()).promise).toBe('broken');
    await resetClock(client);
  });

  it('paid by the date through match_account_payment, it reads kept at once and is kept the day after', async () => {
    const claim = `${ACCOUNT}_INV_2`;
    await client.post('create_promises_to_pay', { [claim]: { amount: 2000, currency: 'EUR', dueDate: '2026-11-22' } });
    expect((await facts(claim)).promise).toBe('open');
    // The oldest invoice is paid first: 10000 settle INV_1, the remaining 2000 go to INV_2.
    const paid = await client.post('match_account_payment', [{ accountReference: ACCOUNT, currency: 'EUR', totalAmount: 12_000, matchStrategy: 'ORDERED_LEDGER_ENTRIES' }]);
    expect(paid.body[ACCOUNT].success).toBe(true);
    const claims = await client.claimsOf(ACCOUNT);
    expect(claims[claim].amount).toBe(3000);
    expect((await facts(claim)).promise).toBe('kept');
    await advanceClock(client, 2 * DAY_MS);
    await client.service.sweeper!.runOnce();
    const kept = await eventsOf(client, 'promise.kept');
    expect(kept.map((e) => [e.data.claimReference, e.data.paid])).toEqual([[claim, 2000]]);
    expect((await eventsOf(client, 'promise.broken')).filter((e) => e.data.claimReference === claim)).toEqual([]);
    await resetClock(client);
  });

  it('a payment event on the claim keeps its promise at once, through the event reaction, before the date', async () => {
    const account = 'ACC_PTP_REACTION';
    await accountWithClaims(client, account);
    const claim = `${account}_INV_1`;
    await client.post('create_promises_to_pay', { [claim]: { amount: 4000, currency: 'EUR', dueDate: '2026-12-15' } });
    const paid = await client.post('match_account_payment', [{
      accountReference: account, currency: 'EUR', totalAmount: 4000, matchStrategy: 'ORDERED_LEDGER_ENTRIES', providerName: 'Trustly', trackingId: 'TRACK-1',
    }]);
    expect(paid.body[account].success).toBe(true);
    await client.service.sweeper!.runOnce(); // the dispatcher hands the payment event to the reaction's job
    const kept = await until(async () => {
      const events = (await eventsOf(client, 'promise.kept')).filter((e) => e.data.claimReference === claim);
      return events.length > 0 ? events : undefined;
    });
    expect(kept.map((e) => [e.data.amount, e.data.paid, e.data.dueDate])).toEqual([[4000, 4000, '2026-12-15']]);
    // Kept already: its deadline no longer fires, and a second sweep or delivery changes nothing.
    await client.service.sweeper!.runOnce();
    expect((await eventsOf(client, 'promise.kept')).filter((e) => e.data.claimReference === claim)).toHaveLength(1);
    expect((await eventsOf(client, 'promise.broken')).filter((e) => e.data.claimReference === claim)).toEqual([]);
  });
});
