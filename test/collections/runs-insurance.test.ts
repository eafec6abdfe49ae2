import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StrategyDocument } from '../../src/collections/domain/strategy/document.js';
import { events } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { DEBTOR, startRunsClient, type RunsClient } from './runs-engine-support.js';

/*
 * §6 insurance awareness in the engine: a claim whose meta names the policy's reporting deadline is insured; its run
 * announces `policy.deadline.approaching` 14 days ahead, and `escalate: insurer` appends `collections.claim.escalated`
 * with `to: insurer` (the event the cases module reacts to by opening the non-payment case).
 */

const INSURER_STRATEGY: StrategyDocument = {
  key: 'insured', name: 'Insured claims',
  steps: [
    { id: 'wait', type: 'wait', until: 'dueDate + P20D', next: 'insurer' },
    { id: 'insurer', type: 'escalate', to: 'insurer' },
  ],
};

describeEachEngine('insurance awareness of runs', (engine) => {
  let client: RunsClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, INSURER_STRATEGY);
  }, 180_000);
  afterAll(async () => client?.stop());

  it('announces the reporting deadline and escalates to the insurer as events', async () => {
    const claim = { amount: 90_000, currency: 'EUR', currentDueDate: '2026-11-23', originalDueDate: '2026-11-23', accountReference: 'ACC-INS', primaryDebtor: DEBTOR, meta: { policyReportingDeadline: '2026-12-20' } };
    expect((await client.post('create_claims', { 'INS-1': claim })).body['INS-1'].success).toBe(true);
    await client.runStarted('INS-1');
    await client.walkTo('2026-12-20T10:00:00.000Z', 72);
    const rows = await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, client.tenantId), eq(events.entityId, 'INS-1'), inArray(events.type, ['policy.deadline.approaching', 'collections.claim.escalated'])))
      .orderBy(asc(events.id));
    expect(rows.map((row) => [row.type, row.data])).toEqual([
      ['policy.deadline.approaching', expect.objectContaining({ claimReference: 'INS-1', reportingDeadline: '2026-12-20', at: '2026-12-05T23:00:00.000Z', outstanding: 90_000, currency: 'EUR' })],
      ['collections.claim.escalated', expect.objectContaining({ claimReference: 'INS-1', to: 'insurer', insured: true, at: '2026-12-12T23:00:00.000Z' })],
    ]);
    expect(await client.run('INS-1')).toMatchObject({ state: 'ENDED', stopReason: 'ESCALATED_INSURER' });
  }, 180_000);
});
