import { afterAll, beforeAll, expect, it } from 'vitest';
import { debtorCommitmentFacts } from '../../src/collections/api.js';
import { runsContext } from '../../src/collections/module.js';
import { runReactions } from '../../src/collections/reactions.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { startRunsClient, type RunsClient } from './runs-engine-support.js';
import { testStrategy } from './runs-support.js';

/*
 * The guards read the debtor records (collections.md §1/§5): a promise to pay made during a wait holds the next
 * message; once the promise is broken (the day after its date, `promise.broken`), the journey resumes at once. An
 * active instalment plan in good standing holds the messages the same way.
 */

describeEachEngine('collections runs and debtor commitments', (engine) => {
  let client: RunsClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, testStrategy());
  }, 180_000);
  afterAll(async () => client?.stop());

  it('a promise made during a wait holds the next reminder; broken, the reminder goes out the day after its date', async () => {
    await client.createAccount('ACC-PTP', [{ ref: 'INV-PTP', amount: 150_000, dueDate: '2026-11-23' }]);
    await client.runStarted('INV-PTP');
    await client.walkTo('2026-11-27T12:00:00.000Z');
    expect((await client.sends('INV-PTP')).map((send) => send.stepId)).toEqual(['friendly']);

    // Promised for Monday 7 December; the SMS was due on Thursday 3 December.
    const promised = await client.post('create_promises_to_pay', { 'INV-PTP': { amount: 50_000, currency: 'EUR', dueDate: '2026-12-07' } });
    expect(promised.body['INV-PTP']).toMatchObject({ success: true });
    await client.walkTo('2026-12-07T20:00:00.000Z', 6);
    expect((await client.sends('INV-PTP')).map((send) => send.stepId)).toEqual(['friendly']);
    const held = await heldReasons(client, 'INV-PTP');
    expect(held).toContainEqual(expect.stringMatching(/^a promise to pay is open; tried again at 2026-12-0[4-8]/));

    await client.walkTo('2026-12-09T20:00:00.000Z', 6);
    const sends = await client.sends('INV-PTP');
    expect(sends.map((send) => send.stepId)).toEqual(['friendly', 'second']);
    // Broken on Tuesday 8 December (the day after the promised date): the SMS goes that day.
    expect(sends[1]!.at.slice(0, 10)).toBe('2026-12-08');
    // The reaction runs in the worker: wait for it to reach the run.
    const received = await until(async () => {
      const reasons = await eventReasons(client, 'INV-PTP');
      return reasons.length > 0 ? reasons : undefined;
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^event promise\.broken \(source event #\d+\) received$/);
  }, 300_000);

  it('a repeated delivery of promise.broken changes nothing', async () => {
    const listed = await call(client.service.url, 'GET', '/management/v1/events?type=promise.broken', { headers: managementHeaders(client.tenant) });
    const event = listed.body.data.find((row: any) => row.data.claimReference === 'INV-PTP');
    expect(event).toBeDefined();
    const platform = client.service.platform;
    const reaction = runReactions(platform, runsContext(platform)).find((candidate) => candidate.eventTypes.includes('promise.broken'))!;
    const before = await client.actions('INV-PTP');
    await reaction.handle({
      id: Number(/#(\d+)/.exec((await eventReasons(client, 'INV-PTP'))[0]!)![1]), tenantId: client.tenantId, type: 'promise.broken', entityType: 'promise', entityId: String(event.entityId ?? ''),
      data: event.data, occurredAt: new Date(event.occurredAt),
    });
    expect(await client.actions('INV-PTP')).toEqual(before);
    expect(await eventReasons(client, 'INV-PTP')).toEqual([expect.stringMatching(/^event promise\.broken \(source event #\d+\) received$/)]);
  }, 120_000);

  it('an instalment plan in good standing, made during a wait, holds the next reminder', async () => {
    // The clock stands at 9 December after the tests above; the friendly e-mail goes at due + 3 days, the SMS a week later.
    await client.createAccount('ACC-PLAN', [{ ref: 'INV-PLAN', amount: 90_000, dueDate: '2026-12-08' }]);
    await client.runStarted('INV-PLAN');
    await client.walkTo('2026-12-11T18:00:00.000Z');
    expect((await client.sends('INV-PLAN')).map((send) => send.stepId)).toEqual(['friendly']);

    const computed = await client.post('compute_instalment_plan_definition', {
      instalmentPlanDefinitionId: 'monthly-3', accountReference: 'ACC-PLAN', formData: { startDate: '2027-01-15' },
    });
    const created = await client.post('create_instalment_plan', { instalmentPlanDefinitionId: computed.body.data.id, accountReference: 'ACC-PLAN' });
    expect(created.body.data).toMatchObject({ status: 'ACTIVE' });
    expect((await debtorCommitmentFacts(client.service.platform.db, client.tenantId, 'INV-PLAN')).instalmentPlan).toBe('in_good_standing');

    await client.walkTo('2026-12-21T18:00:00.000Z');
    expect((await client.sends('INV-PLAN')).map((send) => send.stepId)).toEqual(['friendly']);
    expect(await heldReasons(client, 'INV-PLAN')).toContainEqual(expect.stringMatching(/^an instalment plan is in good standing; tried again at 2026-12-/));
    expect((await client.run('INV-PLAN'))?.state).toBe('RUNNING');
  }, 300_000);
});

async function logReasons(client: RunsClient, claimReference: string, kind: string): Promise<string[]> {
  return (await client.log(claimReference)).filter((row) => row.kind === kind).map((row) => row.reason ?? '');
}

const heldReasons = (client: RunsClient, ref: string) => logReasons(client, ref, 'held');
const eventReasons = (client: RunsClient, ref: string) => logReasons(client, ref, 'event');
