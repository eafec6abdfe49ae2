import { afterAll, beforeAll, expect, it } from 'vitest';
import { shippedDefaultStrategy } from '../../src/collections/use-cases/runs/strategy-source.js';
import { describeEachEngine } from '../support/engines.js';
import { startRunsClient, type RunsClient } from './runs-engine-support.js';

/*
 * The shipped default strategy on the sandbox clock, end to end: create an account with an invoice (a managed claim
 * through the Receeve face), advance the tenant's clock day by day, and read the messages back through #29 and #28:
 * each message, its channel, language and day, then the escalation.
 */

describeEachEngine('the default strategy on the sandbox clock', (engine) => {
  let client: RunsClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, shippedDefaultStrategy());
  }, 180_000);
  afterAll(async () => client?.stop());

  it('sends the friendly e-mail, the SMS and the letter on their days in German, then escalates', async () => {
    await client.createAccount('ACC-DEFAULT', [{ ref: 'INV-DEFAULT', amount: 150_000, dueDate: '2026-11-23' }]);
    await client.runStarted('INV-DEFAULT');
    await client.walkTo('2027-01-05T10:00:00.000Z');
    expect((await client.sends('INV-DEFAULT')).map(({ at, stepId, channel, template }) => ({ at, stepId, channel, template }))).toEqual([
      { at: '2026-11-26T07:00:00.000Z', stepId: 'remind-friendly', channel: 'email', template: 'reminder-friendly' },
      { at: '2026-12-03T07:00:00.000Z', stepId: 'remind-second', channel: 'sms', template: 'reminder-second' },
      { at: '2026-12-14T07:00:00.000Z', stepId: 'final-notice', channel: 'letter', template: 'final-notice' },
    ]);
    const actions = await client.actions('INV-DEFAULT');
    expect(actions.slice(3)).toEqual(['2026-12-27T23:00:00.000Z escalate stepId=escalate to=agency', '2026-12-27T23:00:00.000Z end reason=escalated state=ENDED']);

    const listed = await client.get('get_communication_message_urls', { claimReference: 'INV-DEFAULT' });
    expect(listed.status).toBe(200);
    const messages = listed.body.communicationMessageURLs as { communicationType: string; messageURL: string; dateTime: number; bundleName: string }[];
    // Stored by the sweep that found each step due (the walk sweeps daily at 10:00 UTC): the day is the step's day.
    expect(messages.map((message) => [message.communicationType, new Date(message.dateTime).toISOString().slice(0, 10)]).sort()).toEqual([
      ['SMS', '2026-12-03'], ['email', '2026-11-26'], ['letter', '2026-12-14'],
    ]);
    const email = messages.find((message) => message.communicationType === 'email')!;
    const eml = await client.get('get_message', { messageURL: email.messageURL });
    expect(eml.status).toBe(200);
    expect(eml.text).toContain('INV-DEFAULT');
    expect(eml.text).toMatch(/Erinnerung/);
    expect((await client.sends('INV-DEFAULT')).length).toBe(3);
  }, 180_000);
});
