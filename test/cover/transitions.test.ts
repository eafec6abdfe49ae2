// Every allowed transition of spec §5.9 (cover position per policy + buyer) and the forbidden ones, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, COVER, type CoverClient, coverById, coverClient, liveCover, modifyBody } from './support.js';

describeEachEngine('Cover position transitions (spec §5.9)', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  async function fresh() {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const advance = async (days: number) => {
      const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(tenant), json: { seconds: days * 86_400 } });
      expect(moved.status).toBe(200);
      await service.sweeper!.runOnce();
    };
    return { tenant, client, advance };
  }

  async function historic(client: CoverClient, buyerId: number) {
    const listed = await client.get(`${COVER}/covers/historic?policyId=${client.policyId}&buyerId=${buyerId}`);
    expect(listed.status).toBe(200);
    return listed.body.data as any[];
  }

  async function decided(client: CoverClient, buyer: { country: string; uid: string }, amount: string) {
    const buyerId = await client.buyerId(buyer);
    const created = await client.apply(buyerId, { creditLimitAmount: amount });
    expect(created.status).toBe(201);
    return { buyerId, coverId: created.body.data[0].coverId as number };
  }

  async function referred(client: CoverClient, buyer: { country: string; uid: string }) {
    const buyerId = await client.buyerId(buyer);
    const created = await client.apply(buyerId, { creditLimitAmount: '70000' });
    expect(created.status).toBe(202);
    return { buyerId, coverId: created.body.data[0].coverId as number };
  }

  describe('from REFERRED', () => {
    it('→ LIVE by an underwriter (DC01/DC02/DC04/DC06), shown in the back-office queue with its waiting time', async () => {
      const { client, advance } = await fresh();
      const { coverId } = await referred(client, BUYERS.rating4);
      await advance(1);
      const queue = await client.staff('GET', '/cover/referrals');
      expect(queue.status).toBe(200);
      expect(queue.body.data[0]).toMatchObject({ cover: { coverId, coverStatus: 'REFERRED' }, referralReason: 'above_automatic_limit' });
      expect(queue.body.data[0].waitedSeconds).toBeGreaterThanOrEqual(86_400);
      const decision = await client.staff('POST', `/cover/referrals/${coverId}/decision`, { decision: 'DC06', amount: '50000', notes: 'Final decision follows' });
      expect(decision.status).toBe(200);
      expect(decision.body.data).toMatchObject({ coverId, coverStatus: 'DECISION', decisionCode: 'DC06', totalDecision: { decisionAmtInPolicyCurrency: '50000' }, notes: 'Final decision follows' });
      const decisions = await client.get(`${COVER}/covers/decisions?customerId=${client.customerId}`);
      expect(decisions.body.data.map((c: any) => c.coverId)).toContain(coverId);
      expect((await client.staff('GET', '/cover/referrals')).body.data).toEqual([]);
    });

    it('→ ZERO by an underwriter refusal (DC03/DC07)', async () => {
      const { client } = await fresh();
      const { coverId } = await referred(client, BUYERS.rating4);
      const decision = await client.staff('POST', `/cover/referrals/${coverId}/decision`, { decision: 'DC07' });
      expect(decision.body.data).toMatchObject({ decisionCode: 'DC07', totalDecision: { decisionAmtInPolicyCurrency: '0' } });
    });

    it('→ ENDED by PUT cancel (CCLA) or an underwriter dropping it (RCLA)', async () => {
      const { client } = await fresh();
      const first = await referred(client, BUYERS.rating4);
      const cancelled = await client.put(`${COVER}/covers`, modifyBody(client, first.buyerId, 'cancel'));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data[0]).toEqual({ coverId: first.coverId, response: 'Action successful' });
      expect((await coverById(client, first.coverId))).toMatchObject({ historicCode: 'CCLA' });
      const second = await referred(client, BUYERS.rating1);
      const dropped = await client.staff('POST', `/cover/referrals/${second.coverId}/decision`, { decision: 'RCLA', notes: 'Insufficient information' });
      expect(dropped.body.data.historicCode).toBe('RCLA');
    });

    it('refuses a supersede while the application is open, a reduce, a conversion and an insurer notice', async () => {
      const { client } = await fresh();
      const { buyerId, coverId } = await referred(client, BUYERS.rating4);
      const supersede = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'supersede', { creditLimitAmount: '80000', currencyCode: 'EUR' }));
      expect(supersede.status).toBe(409);
      expect(supersede.body.errors[0].detail).toBe('New Application cannot supersede existing cover');
      expect((await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'reduce', { creditLimitAmount: '1000' }))).status).toBe(409);
      expect((await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit' })).status).toBe(409);
      expect((await client.staff('POST', `/cover/covers/${coverId}/notice`, { newAmount: '0' })).status).toBe(409);
    });
  });

  describe('from LIVE', () => {
    it('supersede decided: a new version, the old one historic SCLD', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      await advance(1);
      const raised = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'supersede', { creditLimitAmount: '40000', currencyCode: 'EUR' }));
      expect(raised.status).toBe(201);
      const newId = raised.body.data[0].coverId;
      expect(newId).not.toBe(coverId);
      expect(await coverById(client, newId)).toMatchObject({ decisionCode: 'DC01', totalDecision: { decisionAmtInPolicyCurrency: '40000' }, changeType: null });
      expect((await historic(client, buyerId)).map((c) => [c.coverId, c.historicCode])).toEqual([[coverId, 'SCLD']]);
      const [live] = await liveCover(client, buyerId);
      expect(live).toMatchObject({ coverId: newId, changeType: 'UPDATED' });
      // Relative to a fromDate between the two decisions: the increase is an UPDATED decision, the first one is before it.
      const between = new Date(Date.parse((await coverById(client, newId)).decisionDate) - 1).toISOString().replace(/\.\d+Z$/, 'Z');
      const updated = await client.get(`${COVER}/covers/decisions?policyId=${client.policyId}&fromDate=${encodeURIComponent(between)}&changeType=UPDATED`);
      expect(updated.body.data.map((c: any) => c.coverId)).toEqual([newId]);
      const firstDecisions = await client.get(`${COVER}/covers/decisions?policyId=${client.policyId}&fromDate=${encodeURIComponent(between)}&changeType=NEW`);
      expect(firstDecisions.body.data).toEqual([]);
      expect((await client.get(`${COVER}/covers/decisions?policyId=${client.policyId}&changeType=OLD`)).status).toBe(400);
      expect((await client.get(`${COVER}/covers?policyId=${client.policyId}&changeType=NEW`)).status).toBe(400);
    });

    it('supersede refused: DC05 at the old amount, answered 200 "Action has been refused."', async () => {
      const { client } = await fresh();
      const { buyerId } = await decided(client, BUYERS.rating6, '30000');
      const raised = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'supersede', { creditLimitAmount: '20000', currencyCode: 'EUR' }));
      expect(raised.status).toBe(200);
      expect(raised.body.data[0].response).toBe('Action has been refused.');
      expect(await coverById(client, raised.body.data[0].coverId)).toMatchObject({ decisionCode: 'DC05', totalDecision: { decisionAmtInPolicyCurrency: '15000' } });
    });

    it('supersede referred: the old decision stays valid beside the application until the underwriter decides (then SCLD)', async () => {
      const { client } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      const raised = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'supersede', { creditLimitAmount: '60000', currencyCode: 'EUR' }));
      expect(raised.status).toBe(202);
      const applicationId = raised.body.data[0].coverId;
      expect((await liveCover(client, buyerId)).map((c) => c.coverStatus).sort()).toEqual(['DECISION', 'REFERRED']);
      const again = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'supersede', { creditLimitAmount: '70000', currencyCode: 'EUR' }));
      expect(again.status).toBe(409);
      const decision = await client.staff('POST', `/cover/referrals/${applicationId}/decision`, { decision: 'DC01' });
      expect(decision.body.data).toMatchObject({ decisionCode: 'DC01', totalDecision: { decisionAmtInPolicyCurrency: '60000' } });
      expect((await coverById(client, coverId)).historicCode).toBe('SCLD');
    });

    it('reduce: DC09 new version, the old one ACLD; not on a credit check, not to a higher amount', async () => {
      const { client } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      const higher = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'reduce', { creditLimitAmount: '30000' }));
      expect(higher.status).toBe(400);
      const badAmount = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'reduce', { creditLimitAmount: '1500' }));
      expect(badAmount.body.errors[0].detail).toBe('Must be positive number greater than zero and a multiple of 1000.');
      const reduced = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'reduce', { creditLimitAmount: '10000' }));
      expect(reduced.status).toBe(201);
      expect(await coverById(client, reduced.body.data[0].coverId)).toMatchObject({ decisionCode: 'DC09', neutralDecisionCode: 'REDUCTION', totalDecision: { decisionAmtInPolicyCurrency: '10000' } });
      expect((await coverById(client, coverId)).historicCode).toBe('ACLD');
      const check = await client.apply(await client.buyerId(BUYERS.rating1), { coverType: 'credit-check', currencyCode: undefined, creditLimitAmount: undefined });
      expect(check.status).toBe(201);
      const reduceCheck = await client.put(`${COVER}/covers`, modifyBody(client, await client.buyerId(BUYERS.rating1), 'reduce', { creditLimitAmount: '1000' }));
      expect(reduceCheck.status).toBe(400);
    });

    it('update-reference changes only the reference, on the same version', async () => {
      const { client } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      const updated = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'update-reference', { customerRefNumber: 'NEW-REF-1' }));
      expect(updated.status).toBe(200);
      expect(updated.body.data[0].coverId).toBe(coverId);
      expect(await coverById(client, coverId)).toMatchObject({ customerRefNumber: 'NEW-REF-1', decisionCode: 'DC01', historicCode: null });
      const tooLong = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'update-reference', { customerRefNumber: 'x'.repeat(36) }));
      expect(tooLong.status).toBe(400);
    });

    it('cancel now: CCLD with the end date; nothing left to modify afterwards', async () => {
      const { client } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      const cancelled = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel'));
      expect(cancelled.status).toBe(200);
      const ended = await coverById(client, coverId);
      expect(ended.historicCode).toBe('CCLD');
      expect(ended.effectiveToDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const again = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel'));
      expect(again.status).toBe(422);
      expect(again.body.errors[0].detail).toBe('No cover found for this buyer');
      // The position is free again: a new first-time application is accepted.
      expect((await client.apply(buyerId)).status).toBe(201);
    });

    it('cancel with a future date: pending C (cover still valid) until the date, then CCLD by itself', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      const today = (await coverById(client, coverId)).effectFromDate as string;
      const future = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
      const scheduled = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel', { effectFromDate: future }));
      expect(scheduled.status).toBe(200);
      expect(await coverById(client, coverId)).toMatchObject({ pendingProcessIndicator: 'C', pendingProcessStatus: 'Pending Cancellation', historicCode: null });
      await advance(9);
      expect((await coverById(client, coverId)).historicCode).toBeNull();
      await advance(2);
      expect(await coverById(client, coverId)).toMatchObject({ historicCode: 'CCLD', effectiveToDate: future });
    });

    it('insurer reduction notice (DC21, F) takes effect 30 days later as DC09; a withdrawal notice ends WCLD with DC08', async () => {
      const { client, advance } = await fresh();
      const reduction = await decided(client, BUYERS.rating4, '20000');
      const withdrawal = await decided(client, BUYERS.rating1, '20000');
      const noticed = await client.staff('POST', `/cover/covers/${reduction.coverId}/notice`, { newAmount: '5000' });
      expect(noticed.status).toBe(200);
      expect(noticed.body.data).toMatchObject({ decisionCode: 'DC21', pendingProcessIndicator: 'F', pendingDecisionAmtInPolicyCurrency: '5000', totalDecision: { decisionAmtInPolicyCurrency: '20000' } });
      expect((await client.staff('POST', `/cover/covers/${withdrawal.coverId}/notice`, { newAmount: 0 })).body.data.pendingProcessIndicator).toBe('W');
      const twice = await client.staff('POST', `/cover/covers/${reduction.coverId}/notice`, { newAmount: '1000' });
      expect(twice.status).toBe(409);
      await advance(29);
      expect((await coverById(client, reduction.coverId)).historicCode).toBeNull();
      await advance(1);
      expect((await coverById(client, reduction.coverId)).historicCode).toBe('ACLD');
      const [reduced] = await liveCover(client, reduction.buyerId);
      expect(reduced).toMatchObject({ decisionCode: 'DC09', totalDecision: { decisionAmtInPolicyCurrency: '5000' } });
      expect(await coverById(client, withdrawal.coverId)).toMatchObject({ historicCode: 'WCLD', decisionCode: 'DC08', withdrawalDate: expect.any(String) });
    });
  });

  describe('timers and policy', () => {
    it('a split decision\'s temporary part expires by itself: DC22 keeps the permanent part, the old version ACLD', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId } = await referred(client, BUYERS.rating4);
      const today = (await coverById(client, coverId)).effectFromDate as string;
      const expiry = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
      const split = await client.staff('POST', `/cover/referrals/${coverId}/decision`, { decision: 'DC01', amount: '50000', secondAmount: '20000', secondExpiryDate: expiry });
      expect(split.body.data).toMatchObject({
        totalDecision: { decisionAmtInPolicyCurrency: '70000' }, firstAmtDecision: { decisionAmtInPolicyCurrency: '50000' },
        secondAmtDecision: { decisionAmtInPolicyCurrency: '20000', decisionExpiryDate: expiry },
      });
      await advance(5);
      expect((await coverById(client, coverId)).historicCode).toBeNull();
      await advance(2);
      expect((await coverById(client, coverId)).historicCode).toBe('ACLD');
      const [live] = await liveCover(client, buyerId);
      expect(live).toMatchObject({ decisionCode: 'DC22', totalDecision: { decisionAmtInPolicyCurrency: '50000' }, secondAmtDecision: null });
    });

    it('a cancelled policy ends its covers (PCLD) and refuses new applications', async () => {
      const { client } = await fresh();
      const first = await decided(client, BUYERS.rating4, '20000');
      const second = await referred(client, BUYERS.rating1);
      const cancelled = await client.staff('POST', `/cover/policies/${client.policyId}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.data).toMatchObject({ policyStatus: 'cancelled', endedCovers: 2 });
      expect((await coverById(client, first.coverId)).historicCode).toBe('PCLD');
      expect((await coverById(client, second.coverId)).historicCode).toBe('PCLD');
      const refused = await client.apply(await client.buyerId(BUYERS.rating3));
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].detail).toBe('Policy is not live');
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/cancel`)).status).toBe(409);
    });
  });

  describe('indications', () => {
    it('convert (PUT and PATCH): coverId kept, now a credit limit from today, the indication stored as historic ACLD', async () => {
      const { client } = await fresh();
      const buyerId = await client.buyerId(BUYERS.rating4);
      const created = await client.apply(buyerId, { coverType: 'indication', creditLimitAmount: '20000' });
      expect(created.status).toBe(201);
      const coverId = created.body.data[0].coverId;
      const converted = await client.patch(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit' });
      expect(converted.status).toBe(200);
      expect(converted.body.data).toMatchObject({ coverId, coverType: 'credit-limit', coverStatus: 'DECISION' });
      expect((await historic(client, buyerId)).map((c) => [c.coverType, c.historicCode])).toEqual([['indication', 'ACLD']]);
      const twice = await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit' });
      expect(twice.status).toBe(409);
      expect((await client.put(`${COVER}/covers/99999999/cover-type`, { coverType: 'credit-limit' })).status).toBe(404);
      expect((await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'indication' })).status).toBe(400);
    });

    it('cancel of an indication ends CIND', async () => {
      const { client } = await fresh();
      const buyerId = await client.buyerId(BUYERS.rating4);
      const created = await client.apply(buyerId, { coverType: 'indication', creditLimitAmount: '20000' });
      await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel', { coverType: 'indication' }));
      expect((await coverById(client, created.body.data[0].coverId)).historicCode).toBe('CIND');
    });
  });

  describe('from ZERO', () => {
    it('supersede re-applies (decided or referred) and cancel ends it', async () => {
      const { client } = await fresh();
      const zero = await decided(client, BUYERS.rating10, '10000');
      const refused = await client.apply(zero.buyerId);
      expect(refused.status).toBe(409);
      const reapplied = await client.put(`${COVER}/covers`, modifyBody(client, zero.buyerId, 'supersede', { creditLimitAmount: '70000', currencyCode: 'EUR' }));
      expect(reapplied.status).toBe(202);
      const cancelled = await client.put(`${COVER}/covers`, modifyBody(client, zero.buyerId, 'cancel', { coverId: zero.coverId }));
      expect(cancelled.status).toBe(200);
      expect((await coverById(client, zero.coverId)).historicCode).toBe('CCLD');
      expect((await coverById(client, reapplied.body.data[0].coverId)).historicCode).toBe('CCLA');
    });

    it('cannot be reduced or converted', async () => {
      const { client } = await fresh();
      const zero = await decided(client, BUYERS.rating10, '10000');
      expect((await client.put(`${COVER}/covers`, modifyBody(client, zero.buyerId, 'reduce', { creditLimitAmount: '1000' }))).status).toBe(409);
      expect((await client.put(`${COVER}/covers/${zero.coverId}/cover-type`, { coverType: 'credit-limit' })).status).toBe(409);
    });
  });

  describe('ENDED', () => {
    it('allows nothing: no decision, no notice, no conversion', async () => {
      const { client } = await fresh();
      const { buyerId, coverId } = await decided(client, BUYERS.rating4, '20000');
      await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel'));
      expect((await client.staff('POST', `/cover/referrals/${coverId}/decision`, { decision: 'DC01' })).status).toBe(409);
      expect((await client.staff('POST', `/cover/covers/${coverId}/notice`, { newAmount: '0' })).status).toBe(409);
      expect((await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit' })).status).toBe(409);
      expect((await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'update-reference', { customerRefNumber: 'X', coverId }))).status).toBe(422);
    });
  });
});
