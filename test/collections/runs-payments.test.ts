import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { until } from '../support/wait.js';
import { startRunsClient, type RunsClient } from './runs-engine-support.js';
import { testStrategy } from './runs-support.js';

/*
 * Servicing's payment event reaches the runs at once (a platform reaction): a claim paid in full ends its run with
 * CLAIM_PAID without the clock moving or a sweep; a partial payment leaves the run waiting where it was.
 */

describeEachEngine('collections runs and payments', (engine) => {
  let client: RunsClient;

  beforeAll(async () => {
    client = await startRunsClient(engine, testStrategy());
  }, 180_000);
  afterAll(async () => client?.stop());

  it('a payment in full ends the run with CLAIM_PAID at once; a partial one keeps its wait', async () => {
    await client.createAccount('ACC-NOW', [{ ref: 'INV-NOW', amount: 150_000, dueDate: '2026-12-20' }]);
    await client.createAccount('ACC-HALF', [{ ref: 'INV-HALF', amount: 150_000, dueDate: '2026-12-20' }]);
    await client.runStarted('INV-NOW');
    await client.runStarted('INV-HALF');
    expect(Date.parse(String((await client.run('INV-NOW'))!.dueAt?.toISOString()))).toBeGreaterThan(Date.parse(await client.now()));
    const waiting = await client.run('INV-HALF');
    expect(waiting).toMatchObject({ state: 'RUNNING' });
    expect(Date.parse(String(waiting!.dueAt?.toISOString()))).toBeGreaterThan(Date.parse(await client.now()));

    const pay = (account: string, amount: number, trackingId: string) => client.post('match_account_payment', [{
      accountReference: account, totalAmount: amount, currency: 'EUR', matchStrategy: 'ORDERED_LEDGER_ENTRIES', providerName: 'trustly', trackingId,
    }]);
    expect((await pay('ACC-NOW', 150_000, 'trk-now')).body['ACC-NOW'].success).toBe(true);
    expect((await pay('ACC-HALF', 100_000, 'trk-half')).body['ACC-HALF'].success).toBe(true);

    // The clock stays put (no step of either run is due): the sweep only dispatches the events to their reactions.
    const ended = await until(async () => {
      await client.sweep();
      const run = await client.run('INV-NOW');
      return run?.state === 'ENDED' ? run : undefined;
    });
    expect(ended).toMatchObject({ state: 'ENDED', stopReason: 'CLAIM_PAID', dueAt: null });
    expect(await client.actions('INV-NOW')).toEqual([expect.stringMatching(/ end reason=CLAIM_PAID$|CLAIM_PAID/)]);
    expect(await client.run('INV-HALF')).toMatchObject({ state: 'RUNNING', dueAt: waiting!.dueAt });
    expect(await client.sends('INV-NOW')).toEqual([]);
  }, 120_000);
});
