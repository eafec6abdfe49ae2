import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { events } from '../../src/platform/db/schema.js';
import { until } from '../support/wait.js';
import { describeEachEngine } from '../support/engines.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { DEBTOR, startRunsClient, type RunsClient } from './runs-engine-support.js';
import { testStrategy } from './runs-support.js';

/*
 * The four journey operations on the Receeve face, as the seed shows them (#23 pause_journeys, #24 resume_journeys,
 * #25 stop_journeys, #31 execute_custom_triggers): the answer's fields, whole-request 400s that write nothing,
 * item failures for unknown claims (another tenant's claims are unknown), the resolution of a stopped journey, and
 * recreate_claims restarting the run from step 1.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function claimBody(ref: string, account: string) {
  return { [ref]: { amount: 120_000, currency: 'EUR', currentDueDate: '2026-11-23', originalDueDate: '2026-11-23', accountReference: account, primaryDebtor: DEBTOR, meta: {} } };
}

describeEachEngine('Receeve journey operations', (engine) => {
  let client: RunsClient;
  let other: ServicingClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, testStrategy());
    other = await startServicing(engine, client.service);
    expect((await client.post('create_claims', claimBody('CLAIM_REF_002', 'ACCOUNT_REFERENCE_002'))).body.CLAIM_REF_002.success).toBe(true);
    await client.runStarted('CLAIM_REF_002');
  }, 180_000);
  afterAll(async () => client?.stop());

  it('pause_journeys and resume_journeys answer the seed example field by field', async () => {
    const paused = await client.post('pause_journeys', [{ ref: 'CLAIM_REF_002' }]);
    expect(paused.status).toBe(200);
    expect(Object.keys(paused.body)).toEqual(['CLAIM_REF_002']);
    expect(paused.body.CLAIM_REF_002).toEqual({ success: true, messages: ['Successfully processed action'], messageIds: [expect.stringMatching(UUID)] });
    expect((await client.run('CLAIM_REF_002'))?.state).toBe('PAUSED');
    const resumed = await client.post('resume_journeys', [{ ref: 'CLAIM_REF_002' }]);
    expect(resumed.body.CLAIM_REF_002).toEqual({ success: true, messages: ['Successfully processed action'], messageIds: [expect.stringMatching(UUID)] });
    expect((await client.run('CLAIM_REF_002'))?.state).toBe('RUNNING');
  });

  it('execute_custom_triggers takes a trigger name or {triggerName, triggerContext} and logs it on the run', async () => {
    const fired = await client.post('execute_custom_triggers', { CLAIM_REF_002: { triggerName: 'sendReminder', triggerContext: { loan_type: 'House Loan', initial_instalment: 40000 } }, CLAIM_REF_002_2: 'callDebtor' });
    expect(fired.status).toBe(200);
    expect(fired.body).toEqual({
      CLAIM_REF_002: { success: true, messages: ['Successfully processed action'], messageIds: [expect.stringMatching(UUID)] },
      CLAIM_REF_002_2: { success: false, messages: ['Claim CLAIM_REF_002_2 not found'], messageIds: [expect.stringMatching(UUID)] },
    });
    // The sendReminder reaction jumps to the SMS step.
    expect((await client.sends('CLAIM_REF_002')).map((send) => `${send.stepId} ${send.channel}`)).toEqual(['second sms']);
  });

  it('refuses malformed bodies as a whole (400, the Receeve error body) and writes nothing', async () => {
    const before = await client.run('CLAIM_REF_002');
    for (const [operation, body] of [
      ['pause_journeys', { ref: 'CLAIM_REF_002' }], ['pause_journeys', []], ['pause_journeys', [{ reference: 'CLAIM_REF_002' }]],
      ['resume_journeys', [{ ref: '' }]], ['stop_journeys', [{ ref: 'CLAIM_REF_002' }]], ['stop_journeys', [{ ref: 'CLAIM_REF_002', reason: 'BORED' }]],
      ['execute_custom_triggers', ['callDebtor']], ['execute_custom_triggers', { CLAIM_REF_002: { triggerContext: {} } }], ['execute_custom_triggers', {}],
      ['pause_journeys', [{ ref: 'CLAIM_REF_002', until: 'tomorrow' }]],
    ] as const) {
      const response = await client.post(operation, body);
      expect(response.status, `${operation} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body).toMatchObject({ error: 'BadRequest', message: expect.stringMatching(/^Invalid request body/) });
    }
    expect(await client.run('CLAIM_REF_002')).toEqual(before);
  });

  it("another tenant's claim is unknown, exactly like a missing one", async () => {
    for (const operation of ['pause_journeys', 'resume_journeys'] as const) {
      const response = await other.post(operation, [{ ref: 'CLAIM_REF_002' }]);
      expect(response.body.CLAIM_REF_002).toMatchObject({ success: false, messages: ['Claim CLAIM_REF_002 not found'] });
    }
    const stop = await other.post('stop_journeys', [{ ref: 'CLAIM_REF_002', reason: 'CLAIM_PAID' }]);
    expect(stop.body.CLAIM_REF_002).toMatchObject({ success: false, messages: ['Claim CLAIM_REF_002 not found'] });
    const trigger = await other.post('execute_custom_triggers', { CLAIM_REF_002: 'callDebtor' });
    expect(trigger.body.CLAIM_REF_002).toMatchObject({ success: false, messages: ['Claim CLAIM_REF_002 not found'] });
    expect((await client.run('CLAIM_REF_002'))?.state).toBe('RUNNING');
  });

  it('replays a journey request with the same Idempotency-Key', async () => {
    const first = await client.post('pause_journeys', [{ ref: 'CLAIM_REF_002' }], '', { 'idempotency-key': 'journeys-key-1' });
    const replay = await client.post('pause_journeys', [{ ref: 'CLAIM_REF_002' }], '', { 'idempotency-key': 'journeys-key-1' });
    expect(replay.body).toEqual(first.body);
    const resumed = await client.post('resume_journeys', [{ ref: 'CLAIM_REF_002' }]);
    expect(resumed.body.CLAIM_REF_002.success).toBe(true);
  });

  it('async=true answers every item queued with the request id and the job does the work', async () => {
    const queued = await client.post('pause_journeys', [{ ref: 'CLAIM_REF_002' }, { ref: 'UNKNOWN_REF' }], 'async=true');
    expect(queued.status).toBe(200);
    const id = queued.body.CLAIM_REF_002.messageIds[0];
    expect(id).toMatch(UUID);
    expect(queued.body).toEqual({
      CLAIM_REF_002: { success: true, messages: ['Request queued'], messageIds: [id] },
      UNKNOWN_REF: { success: true, messages: ['Request queued'], messageIds: [id] },
    });
    await until(async () => ((await client.run('CLAIM_REF_002'))?.state === 'PAUSED' ? true : undefined));
    const outcome = await until(async () => {
      const [row] = await client.service.platform.db.select().from(events).where(and(eq(events.tenantId, client.tenantId), eq(events.entityId, id)));
      return row;
    });
    expect(outcome.type).toBe('event.asyncRequest.completed.v1');
    expect(outcome.data).toMatchObject({ details: { requestId: id, operation: 'pause_journeys', items: 2, succeeded: 1, failedItems: ['UNKNOWN_REF'] } });
    expect((await client.post('resume_journeys', [{ ref: 'CLAIM_REF_002' }])).body.CLAIM_REF_002.success).toBe(true);
  }, 60_000);

  it('stop_journeys resolves the claim with the reason and stops the run for good', async () => {
    const stopped = await client.post('stop_journeys', [{ ref: 'CLAIM_REF_002', reason: 'CLAIM_PAID', description: 'Direct bank transfer received' }]);
    expect(stopped.body.CLAIM_REF_002).toEqual({ success: true, messages: ['Successfully processed action'], messageIds: [expect.stringMatching(UUID)] });
    expect(await client.run('CLAIM_REF_002')).toMatchObject({ state: 'STOPPED', stopReason: 'CLAIM_PAID', stopDescription: 'Direct bank transfer received', dueAt: null });
    const claims = await client.claimsOf('ACCOUNT_REFERENCE_002');
    expect(claims.CLAIM_REF_002).toMatchObject({ status: 'RESOLVED' });
    const again = await client.post('stop_journeys', [{ ref: 'CLAIM_REF_002', reason: 'CLAIM_SOLD' }]);
    expect(again.body.CLAIM_REF_002.success).toBe(false);
    for (const operation of ['pause_journeys', 'resume_journeys'] as const) {
      expect((await client.post(operation, [{ ref: 'CLAIM_REF_002' }])).body.CLAIM_REF_002.success).toBe(false);
    }
    expect((await client.post('execute_custom_triggers', { CLAIM_REF_002: 'callDebtor' })).body.CLAIM_REF_002.success).toBe(false);
    expect((await client.run('CLAIM_REF_002'))?.stopReason).toBe('CLAIM_PAID');
  });

  it('recreate_claims restarts the run from step 1 with the next run number', async () => {
    const recreated = await client.post('recreate_claims', claimBody('CLAIM_REF_002', 'ACCOUNT_REFERENCE_002'));
    expect(recreated.body.CLAIM_REF_002.success).toBe(true);
    await client.runStarted('CLAIM_REF_002', 2);
    const run = await client.run('CLAIM_REF_002');
    expect(run).toMatchObject({ runNo: 2, state: 'RUNNING', stopReason: null });
    expect((run?.position as { cursor: { stepId: string } }).cursor.stepId).toBe('wait-due');
    await client.walkTo('2026-11-27T10:00:00.000Z');
    const sends = await client.sends('CLAIM_REF_002');
    expect(sends.map((send) => `${send.runNo} ${send.stepId}`)).toEqual(['1 second', '2 friendly']);
  }, 60_000);
});
