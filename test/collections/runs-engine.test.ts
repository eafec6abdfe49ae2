import { afterAll, beforeAll, expect, it } from 'vitest';
import { simulate } from '../../src/collections/domain/strategy/simulate.js';
import { describeEachEngine } from '../support/engines.js';
import { actionLine, startRunsClient, type RunsClient } from './runs-engine-support.js';
import { testStrategy } from './runs-support.js';

/*
 * The engine on the sandbox clock: a claim created through the Receeve face starts its run (servicing's event,
 * the platform reaction), and advancing the tenant's clock walks it through the test strategy.
 */

const ZONE = 'Europe/Stockholm';

describeEachEngine('collections runs on the sandbox clock', (engine) => {
  let client: RunsClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, testStrategy());
  }, 180_000);
  afterAll(async () => client?.stop());

  it('walks one claim through the strategy: every message, its channel and day, as simulate says', async () => {
    const start = await client.now();
    await client.createAccount('ACC-WALK', [{ ref: 'INV-WALK', amount: 150_000, dueDate: '2026-11-23' }]);
    await client.runStarted('INV-WALK');
    await client.walkTo('2027-01-20T10:00:00.000Z');
    const sends = await client.sends('INV-WALK');
    expect(sends.map(({ at, stepId, channel, template }) => ({ at, stepId, channel, template }))).toEqual([
      // Due Monday 23 November; + 3 days is Thursday 26th, the e-mail goes at 09:00 in Berlin (the debtor's zone).
      { at: '2026-11-26T08:00:00.000Z', stepId: 'friendly', channel: 'email', template: 'friendly-reminder' },
      { at: '2026-12-03T08:00:00.000Z', stepId: 'second', channel: 'sms', template: 'second-reminder' },
      { at: '2026-12-14T08:00:00.000Z', stepId: 'final', channel: 'letter', template: 'final-notice' },
    ]);
    const run = await client.run('INV-WALK');
    expect(run).toMatchObject({ state: 'ENDED', stopReason: 'HANDED_TO_AGENCY', dueAt: null, strategyKey: 'runs-test', strategyVersion: 1 });
    const simulated = simulate(testStrategy(), await client.facts('INV-WALK'), [], { start, until: '2027-01-20T10:00:00.000Z', businessTimeZone: ZONE });
    expect(await client.actions('INV-WALK')).toEqual(simulated.timeline.map(({ at, type, ...details }) => actionLine(at, type, details)));
  }, 120_000);

  it('pause and resume through the Receeve face: nothing sent twice, nothing skipped', async () => {
    await client.advanceTo('2027-02-01T10:00:00.000Z');
    await client.createAccount('ACC-PAUSE', [{ ref: 'INV-PAUSE', amount: 150_000, dueDate: '2027-02-01' }]);
    await client.runStarted('INV-PAUSE');
    const paused = await client.post('pause_journeys', [{ ref: 'INV-PAUSE' }]);
    expect(paused.status).toBe(200);
    expect(paused.body['INV-PAUSE']).toMatchObject({ success: true, messages: ['Successfully processed action'] });
    expect(paused.body['INV-PAUSE'].messageIds).toHaveLength(1);
    // Idempotent.
    expect((await client.post('pause_journeys', [{ ref: 'INV-PAUSE' }])).body['INV-PAUSE'].success).toBe(true);
    await client.walkTo('2027-02-10T10:00:00.000Z');
    expect(await client.sends('INV-PAUSE')).toEqual([]);
    expect((await client.run('INV-PAUSE'))?.state).toBe('PAUSED');
    const resumed = await client.post('resume_journeys', [{ ref: 'INV-PAUSE' }]);
    expect(resumed.body['INV-PAUSE'].success).toBe(true);
    // The friendly e-mail was due on 4 February during the pause: it goes now, once.
    expect((await client.sends('INV-PAUSE')).map((send) => `${send.at} ${send.stepId}`)).toEqual(['2027-02-10T10:00:00.000Z friendly']);
    expect((await client.post('resume_journeys', [{ ref: 'INV-PAUSE' }])).body['INV-PAUSE'].success).toBe(true);
    await client.walkTo('2027-03-31T10:00:00.000Z');
    const steps = (await client.sends('INV-PAUSE')).map((send) => send.stepId);
    expect(steps).toEqual(['friendly', 'second', 'final']);
  }, 120_000);

  it('a custom trigger takes the branch its wait awaits', async () => {
    await client.advanceTo('2027-04-01T10:00:00.000Z');
    await client.createAccount('ACC-TRIG', [{ ref: 'INV-TRIG', amount: 150_000, dueDate: '2027-04-01' }]);
    await client.runStarted('INV-TRIG');
    await client.walkTo('2027-04-06T10:00:00.000Z');
    expect((await client.sends('INV-TRIG')).map((send) => send.stepId)).toEqual(['friendly']);
    const fired = await client.post('execute_custom_triggers', { 'INV-TRIG': { triggerName: 'callDebtor', triggerContext: { agent: 'A-7' } }, 'NOT-A-CLAIM': 'callDebtor' });
    expect(fired.status).toBe(200);
    expect(fired.body['INV-TRIG']).toMatchObject({ success: true, messages: ['Successfully processed action'] });
    expect(fired.body['NOT-A-CLAIM']).toMatchObject({ success: false, messages: ['Claim NOT-A-CLAIM not found'] });
    expect((await client.sends('INV-TRIG')).map((send) => `${send.at} ${send.stepId}`)).toEqual([
      '2027-04-05T07:00:00.000Z friendly', '2027-04-06T10:00:00.000Z call-follow-up', '2027-04-06T10:00:00.000Z second',
    ]);
  }, 120_000);

  it('a payment in full ends the run with CLAIM_PAID at its next step; a partial payment keeps its place', async () => {
    await client.advanceTo('2027-05-03T10:00:00.000Z');
    await client.createAccount('ACC-PAID', [{ ref: 'INV-PAID', amount: 150_000, dueDate: '2027-05-03' }]);
    await client.createAccount('ACC-PART', [{ ref: 'INV-PART', amount: 150_000, dueDate: '2027-05-03' }]);
    await client.runStarted('INV-PAID');
    await client.runStarted('INV-PART');
    const pay = (account: string, amount: number) => client.post('match_account_payment', [{ accountReference: account, totalAmount: amount, currency: 'EUR', matchStrategy: 'ORDERED_LEDGER_ENTRIES' }]);
    expect((await pay('ACC-PAID', 150_000)).body['ACC-PAID'].success).toBe(true);
    expect((await pay('ACC-PART', 100_000)).body['ACC-PART'].success).toBe(true);
    await client.walkTo('2027-05-12T10:00:00.000Z');
    expect(await client.sends('INV-PAID')).toEqual([]);
    expect(await client.run('INV-PAID')).toMatchObject({ state: 'ENDED', stopReason: 'CLAIM_PAID', dueAt: null });
    expect((await client.sends('INV-PART')).map((send) => send.stepId)).toEqual(['friendly']);
    expect((await client.run('INV-PART'))?.state).toBe('RUNNING');
    expect((await client.facts('INV-PART')).outstanding).toBe(50_000);
  }, 120_000);
});
