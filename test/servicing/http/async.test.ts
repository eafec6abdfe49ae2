import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../../support/engines.js';
import { startServicing, DEBTOR, type ServicingClient } from '../support.js';
import { asyncRequestHandler, type AsyncRequestJob } from '../../../src/servicing/async.js';
import { servicingAsyncRequests } from '../../../src/servicing/schema.js';
import { events } from '../../../src/platform/db/schema.js';

const claim = (accountReference: string) => ({
  amount: 1000, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference, primaryDebtor: DEBTOR,
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeEachEngine('servicing async requests', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('answers at once with the queued response and processes the request through the job queue', async () => {
    const response = await client.post('create_claims', { ASYNC_1: claim('ACC_ASYNC'), ASYNC_2: claim('ACC_ASYNC') }, 'async=true');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ASYNC_1: { success: true, messages: ['Request queued'], messageIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)] },
      ASYNC_2: { success: true, messages: ['Request queued'], messageIds: [expect.any(String)] },
    });
    const claims = await waitFor(async () => {
      const page = await client.get('get_account_claims', { accountReference: 'ACC_ASYNC' });
      return page.body.length === 2 ? page.body : undefined;
    });
    expect(claims.map((c: any) => c.claimReference).sort()).toEqual(['ASYNC_1', 'ASYNC_2']);
    const markers = await client.service.platform.db.select().from(servicingAsyncRequests).where(eq(servicingAsyncRequests.tenantId, client.tenant.tenant.id));
    expect(markers).toHaveLength(1);
    expect(markers[0]!.result).toMatchObject({ ASYNC_1: { success: true }, ASYNC_2: { success: true } });
  });

  it('keys array bodies by accountReference in the queued answer and still validates the body at once', async () => {
    const response = await client.post('set_account_scores', [{ accountReference: 'ACC_ASYNC', type: 'INTERNAL', value: 'x' }], 'async=true');
    expect(Object.keys(response.body)).toEqual(['ACC_ASYNC']);
    const bad = await client.post('set_account_scores', [{ accountReference: 'ACC_ASYNC', type: 'NOPE', value: 'x' }], 'async=true');
    expect(bad.status).toBe(400);
  });

  it('does the work of one job exactly once even when the job runs again', async () => {
    const handler = asyncRequestHandler(client.service.platform);
    const job = {
      id: 'replayed-job-1',
      data: { tenantId: client.tenant.tenant.id, operation: 'create_claims', body: { ONCE_1: claim('ACC_ONCE') }, query: {}, requestId: 'req-once' } satisfies AsyncRequestJob,
    };
    await handler(job as never);
    await handler(job as never);
    const rows = await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, client.tenant.tenant.id), eq(events.entityId, 'ONCE_1')));
    expect(rows).toHaveLength(1);
    const claims = await client.get('get_account_claims', { accountReference: 'ACC_ONCE' });
    expect(claims.body).toHaveLength(1);
  });
});
