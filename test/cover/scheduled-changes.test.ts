// The decision codes and pending processes of spec §5.8 that arise from timers and insurer actions, over HTTP:
// ECLD (a wholly temporary decision expires), DC06/DC07 → final, DC10 with B (batch change of conditions), DC11 with
// T (transfer to another policy), P (postponed insurer notice), V (conversion on a later date), R (reactivation,
// DC11).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, COVER, type CoverClient, coverById, coverClient, liveCover, modifyBody, newPolicy } from './support.js';

const PT30 = { code: 'PT30', type: 'PAYMENT_TERMS', category: 'Maximum payment terms', description: 'Cover applies to payment terms up to 30 days.' };

function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describeEachEngine('Cover scheduled changes and insurer actions (spec §5.8, §5.9)', (engine) => {
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

  async function decided(client: CoverClient, buyer: { country: string; uid: string }, amount = '20000', overrides: Record<string, unknown> = {}) {
    const buyerId = await client.buyerId(buyer);
    const created = await client.apply(buyerId, { creditLimitAmount: amount, ...overrides });
    expect(created.status).toBe(201);
    const coverId = created.body.data[0].coverId as number;
    return { buyerId, coverId, today: (await coverById(client, coverId)).effectFromDate as string };
  }

  async function referred(client: CoverClient, buyer: { country: string; uid: string }) {
    const buyerId = await client.buyerId(buyer);
    const created = await client.apply(buyerId, { creditLimitAmount: '70000' });
    expect(created.status).toBe(202);
    const coverId = created.body.data[0].coverId as number;
    return { buyerId, coverId, today: (await coverById(client, coverId)).effectFromDate as string };
  }

  async function historic(client: CoverClient, buyerId: number, policyId = client.policyId) {
    const listed = await client.get(`${COVER}/covers/historic?policyId=${policyId}&buyerId=${buyerId}`);
    expect(listed.status).toBe(200);
    return listed.body.data as any[];
  }

  describe('ECLD: a decision that is temporary as a whole', () => {
    it('ends by itself when its expiry date is over, and frees the buyer\'s capacity and the position', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId, today } = await referred(client, BUYERS.rating4);
      const expiry = plusDays(today, 5);
      const decision = await client.staff('POST', `/cover/referrals/${coverId}/decision`, { decision: 'DC04', amount: '0', secondAmount: '30000', secondExpiryDate: expiry });
      expect(decision.status).toBe(200);
      expect(decision.body.data).toMatchObject({
        totalDecision: { decisionAmtInPolicyCurrency: '30000' }, firstAmtDecision: { decisionAmtInPolicyCurrency: '0' },
        secondAmtDecision: { decisionAmtInPolicyCurrency: '30000', decisionExpiryDate: expiry },
      });
      await advance(5);
      expect((await coverById(client, coverId)).historicCode).toBeNull();
      await advance(2);
      expect(await coverById(client, coverId)).toMatchObject({ historicCode: 'ECLD', effectiveToDate: expiry, decisionCode: 'DC04' });
      expect(await liveCover(client, buyerId)).toEqual([]);
      // Nothing is held any more: a new first application on the position is accepted.
      expect((await client.apply(buyerId)).status).toBe(201);
    });

    it('a split decision with a permanent part still becomes DC22, not ECLD', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId, today } = await referred(client, BUYERS.rating4);
      await client.staff('POST', `/cover/referrals/${coverId}/decision`, { decision: 'DC01', amount: '40000', secondAmount: '30000', secondExpiryDate: plusDays(today, 1) });
      await advance(3);
      expect((await coverById(client, coverId)).historicCode).toBe('ACLD');
      expect((await liveCover(client, buyerId))[0]).toMatchObject({ decisionCode: 'DC22', totalDecision: { decisionAmtInPolicyCurrency: '40000' } });
    });
  });

  describe('preliminary decisions (DC06/DC07) become final after 14 days', () => {
    it('DC06 → DC04 and DC07 → DC03 as new versions, the preliminary ones ACLD', async () => {
      const { client, advance } = await fresh();
      const partial = await referred(client, BUYERS.rating4);
      const refused = await referred(client, BUYERS.rating1);
      expect((await client.staff('POST', `/cover/referrals/${partial.coverId}/decision`, { decision: 'DC06', amount: '50000' })).status).toBe(200);
      expect((await client.staff('POST', `/cover/referrals/${refused.coverId}/decision`, { decision: 'DC07' })).status).toBe(200);
      await advance(13);
      expect(await coverById(client, partial.coverId)).toMatchObject({ decisionCode: 'DC06', historicCode: null });
      await advance(2);
      expect(await coverById(client, partial.coverId)).toMatchObject({ decisionCode: 'DC06', historicCode: 'ACLD' });
      const [final] = await liveCover(client, partial.buyerId);
      expect(final).toMatchObject({ decisionCode: 'DC04', decisionTypeDescription: 'Partially approved', neutralDecisionCode: 'PARTLY_APPROVED', totalDecision: { decisionAmtInPolicyCurrency: '50000' }, changeType: 'UPDATED' });
      expect((await coverById(client, refused.coverId)).historicCode).toBe('ACLD');
      expect((await liveCover(client, refused.buyerId))[0]).toMatchObject({ decisionCode: 'DC03', totalDecision: { decisionAmtInPolicyCurrency: '0' } });
      // The final decisions carry no timer any more.
      await advance(30);
      expect((await coverById(client, final.coverId)).historicCode).toBeNull();
    });
  });

  describe('B and DC10: a batch change of conditions on a policy', () => {
    it('at once: every live decided cover gets a DC10 version with the new conditions at the same amount; others are skipped', async () => {
      const { client } = await fresh();
      const first = await decided(client, BUYERS.rating4);
      const second = await decided(client, BUYERS.rating6, '10000');
      const open = await referred(client, BUYERS.rating1);
      const zero = await decided(client, BUYERS.rating10, '10000');
      const revised = await client.staff('POST', `/cover/policies/${client.policyId}/revised-terms`, { conditions: [PT30] });
      expect(revised.status).toBe(200);
      expect(revised.body.data.revised).toHaveLength(2);
      expect([...revised.body.data.skipped].sort()).toEqual([open.coverId, zero.coverId].sort());
      expect(revised.body.data.scheduled).toEqual([]);
      for (const position of [first, second]) {
        expect((await coverById(client, position.coverId)).historicCode).toBe('ACLD');
        const [live] = await liveCover(client, position.buyerId);
        expect(live).toMatchObject({
          decisionCode: 'DC10', decisionTypeDescription: 'Revised terms of cover', neutralDecisionCode: 'CONDITIONAL',
          decisionConditions: [{ conditionCode: 'PT30', conditionType: 'PAYMENT_TERMS' }],
        });
      }
      expect((await liveCover(client, second.buyerId))[0].totalDecision.decisionAmtInPolicyCurrency).toBe('5000');
    });

    it('on a later date: pending B with the coming conditions until then, then DC10 by itself', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId, today } = await decided(client, BUYERS.rating4);
      const date = plusDays(today, 10);
      const scheduled = await client.staff('POST', `/cover/policies/${client.policyId}/revised-terms`, { conditions: [PT30], effectiveDate: date });
      expect(scheduled.body.data).toEqual({ revised: [], scheduled: [coverId], skipped: [] });
      expect(await coverById(client, coverId)).toMatchObject({
        pendingProcessIndicator: 'B', pendingProcessStatus: 'Pending Batch Change', pendingProcessEffectiveDate: date,
        pendingDecisionConditions: [{ conditionCode: 'PT30' }], decisionConditions: [], decisionCode: 'DC01',
      });
      // Another change cannot be scheduled over it.
      expect((await client.staff('POST', `/cover/covers/${coverId}/notice`, { newAmount: '0' })).status).toBe(409);
      await advance(9);
      expect((await coverById(client, coverId)).historicCode).toBeNull();
      await advance(2);
      expect((await coverById(client, coverId)).historicCode).toBe('ACLD');
      expect((await liveCover(client, buyerId))[0]).toMatchObject({ decisionCode: 'DC10', pendingProcessIndicator: null, decisionConditions: [{ conditionCode: 'PT30' }] });
    });

    it('refuses a past date, a bad condition, a cancelled or unknown policy, and callers without the role', async () => {
      const { client, tenant } = await fresh();
      const { today } = await decided(client, BUYERS.rating4);
      const past = await client.staff('POST', `/cover/policies/${client.policyId}/revised-terms`, { conditions: [], effectiveDate: plusDays(today, -1) });
      expect(past.status).toBe(400);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/revised-terms`, { conditions: [{ code: 'X' }] })).status).toBe(400);
      expect((await client.staff('POST', '/cover/policies/123456789/revised-terms', { conditions: [] })).status).toBe(403);
      const other = await coverClient(service, await service.createTenant());
      expect((await other.staff('POST', `/cover/policies/${client.policyId}/revised-terms`, { conditions: [] })).status).toBe(403);
      const asClient = await call(service.url, 'POST', `/backoffice/v1/cover/policies/${client.policyId}/revised-terms`, { headers: client.headers, json: { conditions: [] } });
      expect(asClient.status).toBeGreaterThanOrEqual(401);
      expect(asClient.status).toBeLessThan(404);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/cancel`)).status).toBe(200);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/revised-terms`, { conditions: [] })).status).toBe(422);
      expect(tenant).toBeDefined();
    });
  });

  describe('T and DC11: covers transferred to another policy of the customer', () => {
    it('at once: a decision is re-issued there (DC11, same amount, old TCLD), an application continues there (old TCLA)', async () => {
      const { client } = await fresh();
      const limit = await decided(client, BUYERS.rating4, '20000');
      const application = await referred(client, BUYERS.rating1);
      const target = await newPolicy(client, limit.today);
      const moved = await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: target });
      expect(moved.status).toBe(200);
      expect(moved.body.data.transferred).toHaveLength(2);
      expect(await coverById(client, limit.coverId)).toMatchObject({ historicCode: 'TCLD' });
      expect(await coverById(client, application.coverId)).toMatchObject({ historicCode: 'TCLA' });
      const onTarget = await client.get(`${COVER}/covers?policyId=${target}`);
      const byBuyer = new Map((onTarget.body.data as any[]).map((cover) => [cover.buyerId, cover]));
      expect(byBuyer.get(limit.buyerId)).toMatchObject({
        policyId: target, decisionCode: 'DC11', decisionTypeDescription: 'Limit re-issued', neutralDecisionCode: 'APPROVED',
        totalDecision: { decisionAmtInPolicyCurrency: '20000' },
      });
      expect(byBuyer.get(application.buyerId)).toMatchObject({ policyId: target, coverStatus: 'REFERRED', decisionCode: null });
      expect((await client.get(`${COVER}/covers?policyId=${client.policyId}`)).body.data).toEqual([]);
      // The referral is still in the underwriter's queue, now on the target policy.
      const queue = await client.staff('GET', '/cover/referrals');
      expect(queue.body.data.map((entry: any) => entry.cover.policyId)).toEqual([target]);
    });

    it('on a later date: pending T naming the target until then; a position the target already holds is skipped', async () => {
      const { client, advance } = await fresh();
      const limit = await decided(client, BUYERS.rating4, '20000');
      const clash = await decided(client, BUYERS.rating3, '20000');
      const target = await newPolicy(client, limit.today);
      const onTarget = await client.apply(clash.buyerId, { policyId: target });
      expect(onTarget.status).toBe(201);
      const date = plusDays(limit.today, 5);
      const scheduled = await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: Number(target), effectiveDate: date });
      expect(scheduled.body.data.transferred).toEqual([]);
      expect([...scheduled.body.data.scheduled].sort()).toEqual([limit.coverId, clash.coverId].sort());
      expect(await coverById(client, limit.coverId)).toMatchObject({ pendingProcessIndicator: 'T', pendingProcessStatus: 'Pending Transfer', pendingPolicyId: target });
      await advance(6);
      expect((await coverById(client, limit.coverId)).historicCode).toBe('TCLD');
      expect((await client.get(`${COVER}/covers?policyId=${target}&buyerId=${limit.buyerId}`)).body.data[0]).toMatchObject({ decisionCode: 'DC11' });
      // The target held this buyer already: the cover stays where it was, its pending transfer cleared.
      expect(await coverById(client, clash.coverId)).toMatchObject({ historicCode: null, pendingProcessIndicator: null, policyId: client.policyId });
    });

    it('refuses a target of another currency, the same policy, an unknown one, or a past date', async () => {
      const { client } = await fresh();
      const { today } = await decided(client, BUYERS.rating4);
      const sek = await newPolicy(client, today, { currency: 'SEK' });
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: sek })).status).toBe(400);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: client.policyId })).status).toBe(400);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: 123456789 })).status).toBe(400);
      const target = await newPolicy(client, today);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: target, effectiveDate: plusDays(today, -1) })).status).toBe(400);
      expect((await client.staff('POST', `/cover/policies/${client.policyId}/transfer`, { toPolicyId: 'x' })).status).toBe(400);
    });
  });

  describe('P: an insurer notice postponed', () => {
    it('a reduction notice moved to a later date shows P and takes effect (DC09) only then; a postponed withdrawal ends WCLD', async () => {
      const { client, advance } = await fresh();
      const reduction = await decided(client, BUYERS.rating4, '20000');
      const withdrawal = await decided(client, BUYERS.rating1, '20000');
      const noticed = await client.staff('POST', `/cover/covers/${reduction.coverId}/notice`, { newAmount: '5000' });
      const firstDate = noticed.body.data.pendingProcessEffectiveDate as string;
      await client.staff('POST', `/cover/covers/${withdrawal.coverId}/notice`, { newAmount: '0' });
      const later = plusDays(firstDate, 10);
      const postponed = await client.staff('POST', `/cover/covers/${reduction.coverId}/notice/postpone`, { effectiveDate: later, notes: 'Buyer sent accounts' });
      expect(postponed.status).toBe(200);
      expect(postponed.body.data).toMatchObject({
        pendingProcessIndicator: 'P', pendingProcessStatus: 'Future Withdrawal Postponed', pendingProcessEffectiveDate: later,
        pendingDecisionAmtInPolicyCurrency: '5000', decisionCode: 'DC21', totalDecision: { decisionAmtInPolicyCurrency: '20000' }, notes: 'Buyer sent accounts',
      });
      expect((await client.staff('POST', `/cover/covers/${withdrawal.coverId}/notice/postpone`, { effectiveDate: plusDays(firstDate, 5) })).status).toBe(200);
      await advance(31);
      expect((await coverById(client, reduction.coverId)).historicCode).toBeNull();
      expect((await coverById(client, withdrawal.coverId)).historicCode).toBeNull();
      await advance(10);
      expect((await coverById(client, reduction.coverId)).historicCode).toBe('ACLD');
      expect((await liveCover(client, reduction.buyerId))[0]).toMatchObject({ decisionCode: 'DC09', totalDecision: { decisionAmtInPolicyCurrency: '5000' }, pendingProcessIndicator: null });
      expect(await coverById(client, withdrawal.coverId)).toMatchObject({ historicCode: 'WCLD', decisionCode: 'DC08' });
    });

    it('refuses a date not later than the notice\'s, a cover without a notice, and an unknown cover', async () => {
      const { client } = await fresh();
      const { coverId, today } = await decided(client, BUYERS.rating4, '20000');
      expect((await client.staff('POST', `/cover/covers/${coverId}/notice/postpone`, { effectiveDate: plusDays(today, 60) })).status).toBe(409);
      const noticed = await client.staff('POST', `/cover/covers/${coverId}/notice`, { newAmount: '5000' });
      const date = noticed.body.data.pendingProcessEffectiveDate as string;
      expect((await client.staff('POST', `/cover/covers/${coverId}/notice/postpone`, { effectiveDate: date })).status).toBe(400);
      expect((await client.staff('POST', `/cover/covers/${coverId}/notice/postpone`, { effectiveDate: 'soon' })).status).toBe(400);
      expect((await client.staff('POST', '/cover/covers/99999999/notice/postpone', { effectiveDate: plusDays(date, 1) })).status).toBe(404);
    });
  });

  describe('V: an indication converted on a later date', () => {
    it('shows V and holds its capacity until the date, then is a credit limit from that date (indication ACLD)', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId, today } = await decided(client, BUYERS.rating4, '20000', { coverType: 'indication' });
      const date = plusDays(today, 7);
      const scheduled = await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit', effectFromDate: date });
      expect(scheduled.status).toBe(200);
      expect(scheduled.body.data).toMatchObject({
        coverId, coverType: 'indication', pendingProcessIndicator: 'V', pendingProcessStatus: 'Pending Conversion', pendingProcessEffectiveDate: date,
      });
      expect((await client.patch(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit' })).status).toBe(409);
      await advance(6);
      expect((await coverById(client, coverId)).coverType).toBe('indication');
      await advance(2);
      expect(await coverById(client, coverId)).toMatchObject({ coverType: 'credit-limit', effectFromDate: date, pendingProcessIndicator: null, historicCode: null });
      expect((await historic(client, buyerId)).map((c) => [c.coverType, c.historicCode])).toEqual([['indication', 'ACLD']]);
    });

    it('refuses a past date; a cancellation while pending ends it (CIND)', async () => {
      const { client } = await fresh();
      const { buyerId, coverId, today } = await decided(client, BUYERS.rating4, '20000', { coverType: 'indication' });
      const past = await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit', effectFromDate: plusDays(today, -1) });
      expect(past.status).toBe(400);
      expect(past.body.errors[0]).toMatchObject({ code: 'INVALID_DATE' });
      await client.put(`${COVER}/covers/${coverId}/cover-type`, { coverType: 'credit-limit', effectFromDate: plusDays(today, 3) });
      const cancelled = await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel', { coverType: 'indication' }));
      expect(cancelled.status).toBe(200);
      expect((await coverById(client, coverId)).historicCode).toBe('CIND');
      // Capacity taken for the conversion was given back: a full new application on the buyer is decided at once.
      expect((await client.apply(buyerId, { creditLimitAmount: '50000' })).status).toBe(201);
    });
  });

  describe('R and DC11: an ended decision reactivated by the insurer', () => {
    it('a cancelled limit re-issued from a later date shows R until then; then it is simply live', async () => {
      const { client, advance } = await fresh();
      const { buyerId, coverId, today } = await decided(client, BUYERS.rating4, '20000');
      expect((await client.put(`${COVER}/covers`, modifyBody(client, buyerId, 'cancel'))).status).toBe(200);
      const date = plusDays(today, 4);
      const reactivated = await client.staff('POST', `/cover/covers/${coverId}/reactivate`, { effectiveDate: date, notes: 'Cancelled in error' });
      expect(reactivated.status).toBe(201);
      expect(reactivated.body.data).toMatchObject({
        coverStatus: 'DECISION', decisionCode: 'DC11', decisionTypeDescription: 'Limit re-issued', historicCode: null, effectFromDate: date,
        pendingProcessIndicator: 'R', pendingProcessStatus: 'Pending Reactivation', pendingProcessEffectiveDate: date,
        totalDecision: { decisionAmtInPolicyCurrency: '20000' }, notes: 'Cancelled in error',
      });
      const newId = reactivated.body.data.coverId;
      expect(newId).not.toBe(coverId);
      expect((await coverById(client, coverId)).historicCode).toBe('CCLD');
      // The position is taken again: no second reactivation, no first-time application.
      expect((await client.staff('POST', `/cover/covers/${coverId}/reactivate`, {})).status).toBe(409);
      expect((await client.apply(buyerId)).status).toBe(409);
      await advance(5);
      expect(await coverById(client, newId)).toMatchObject({ historicCode: null, pendingProcessIndicator: null, decisionCode: 'DC11' });
    });

    it('a withdrawn limit (WCLD) is re-issued at once; live, superseded or unknown covers are refused', async () => {
      const { client, advance } = await fresh();
      const withdrawn = await decided(client, BUYERS.rating4, '20000');
      await client.staff('POST', `/cover/covers/${withdrawn.coverId}/notice`, { newAmount: '0' });
      await advance(31);
      expect((await coverById(client, withdrawn.coverId)).historicCode).toBe('WCLD');
      const now = await client.staff('POST', `/cover/covers/${withdrawn.coverId}/reactivate`, {});
      expect(now.status).toBe(201);
      expect(now.body.data).toMatchObject({ decisionCode: 'DC11', pendingProcessIndicator: null, totalDecision: { decisionAmtInPolicyCurrency: '20000' } });
      expect((await client.staff('POST', `/cover/covers/${now.body.data.coverId}/reactivate`, {})).status).toBe(409);
      const raised = await decided(client, BUYERS.rating1, '20000');
      await client.put(`${COVER}/covers`, modifyBody(client, raised.buyerId, 'supersede', { creditLimitAmount: '30000', currencyCode: 'EUR' }));
      expect((await coverById(client, raised.coverId)).historicCode).toBe('SCLD');
      expect((await client.staff('POST', `/cover/covers/${raised.coverId}/reactivate`, {})).status).toBe(409);
      expect((await client.staff('POST', '/cover/covers/99999999/reactivate', {})).status).toBe(404);
      expect((await client.staff('POST', `/cover/covers/${withdrawn.coverId}/reactivate`, { effectiveDate: '2020-01-01' })).status).toBe(400);
    });
  });
});
