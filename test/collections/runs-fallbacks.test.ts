import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectionsMessages } from '../../src/collections/schema/messages-schema.js';
import { fallbacksAfter } from '../../src/collections/use-cases/runs/run-workspace.js';
import { describeEachEngine } from '../support/engines.js';
import { startRunsClient, type RunsClient } from './runs-engine-support.js';
import { testStrategy } from './runs-support.js';

/* A message step hands its remaining fallbacks to the communications work, which tries them if delivery fails. */

describe('fallbacksAfter', () => {
  it('answers the channels after the chosen one, in the step\'s order', () => {
    expect(fallbacksAfter({ channel: 'sms', fallbacks: ['email', 'letter'] }, 'sms')).toEqual(['email', 'letter']);
    expect(fallbacksAfter({ channel: 'sms', fallbacks: ['email', 'letter'] }, 'email')).toEqual(['letter']);
    expect(fallbacksAfter({ channel: 'sms', fallbacks: ['email', 'letter'] }, 'letter')).toEqual([]);
    expect(fallbacksAfter({ channel: 'email' }, 'email')).toEqual([]);
  });
});

/** The test strategy on the templates communications ships (reminder-friendly, reminder-second). */
function withShippedTemplates() {
  const document = testStrategy();
  const shipped: Record<string, string> = { 'friendly-reminder': 'reminder-friendly', 'second-reminder': 'reminder-second' };
  for (const step of document.steps) if (step.type === 'message') step.template = shipped[step.template] ?? step.template;
  return document;
}

describeEachEngine('collections runs hand their fallbacks to the messages', (engine) => {
  let client: RunsClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, withShippedTemplates());
  }, 180_000);
  afterAll(async () => client?.stop());

  it('stores each step\'s message with the step\'s remaining fallbacks', async () => {
    await client.createAccount('ACC-FB', [{ ref: 'INV-FB', amount: 150_000, dueDate: '2026-11-23' }]);
    await client.runStarted('INV-FB');
    await client.walkTo('2026-12-04T12:00:00.000Z');
    const rows = await client.service.platform.db.select({ stepId: collectionsMessages.stepId, channel: collectionsMessages.channel, fallbacks: collectionsMessages.fallbacks })
      .from(collectionsMessages)
      .where(and(eq(collectionsMessages.tenantId, client.tenantId), eq(collectionsMessages.claimReference, 'INV-FB'), eq(collectionsMessages.attempt, 0)))
      .orderBy(asc(collectionsMessages.createdAt));
    expect(rows.map((row) => ({ step: row.stepId?.split('@')[0], channel: row.channel, fallbacks: row.fallbacks }))).toEqual([
      { step: 'friendly', channel: 'email', fallbacks: [] },
      { step: 'second', channel: 'sms', fallbacks: ['email'] },
    ]);
  }, 180_000);
});
