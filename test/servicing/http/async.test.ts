import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, fee, invoice, startServicing, DEBTOR, type ServicingClient } from '../support.js';
import { ASYNC_COMPLETED, ASYNC_FAILED } from '../../../src/servicing/api.js';
import { asyncRequestHandler } from '../../../src/servicing/http/receeve-async.js';
import { ASYNC_QUEUE, type AsyncRequestJob } from '../../../src/servicing/use-cases/queue-async-request.js';
import { ORPHANED_REQUEST_ERROR } from '../../../src/servicing/async-orphans.js';
import { executeRaw } from '../../../src/platform/db/database.js';
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
    const requestId = response.body.ASYNC_1.messageIds[0];
    expect(response.body).toEqual({
      ASYNC_1: { success: true, messages: ['Request queued'], messageIds: [expect.stringMatching(/^[0-9a-f-]{36}$/)] },
      ASYNC_2: { success: true, messages: ['Request queued'], messageIds: [requestId] },
    });
    const claims = await waitFor(async () => {
      const page = await client.get('get_account_claims', { accountReference: 'ACC_ASYNC' });
      return page.body.length === 2 ? page.body : undefined;
    });
    expect(claims.map((c: any) => c.claimReference).sort()).toEqual(['ASYNC_1', 'ASYNC_2']);
    const markers = await client.service.platform.db.select().from(servicingAsyncRequests).where(eq(servicingAsyncRequests.tenantId, client.tenant.tenant.id));
    expect(markers).toHaveLength(1);
    expect(markers[0]!.result).toMatchObject({ ASYNC_1: { success: true }, ASYNC_2: { success: true } });
    const outcome = await client.get('get_async_request', { requestId });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ requestId, operation: 'create_claims', status: 'SUCCEEDED', results: { ASYNC_1: { success: true }, ASYNC_2: { success: true } } });
    const completed = await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, client.tenant.tenant.id), eq(events.type, ASYNC_COMPLETED), eq(events.entityId, requestId)));
    expect(completed).toHaveLength(1);
    expect((completed[0]!.data as any).details).toMatchObject({ requestId, operation: 'create_claims', status: 'SUCCEEDED', items: 2, succeeded: 2, failed: 0 });
  });

  it('answers 404 for an unknown async request id and 400 without one', async () => {
    expect((await client.get('get_async_request', { requestId: 'nope' })).status).toBe(404);
    expect((await client.get('get_async_request', {})).status).toBe(400);
  });

  it('records a batch refused as a whole at execution time as FAILED, tells the client by event, and is readable', async () => {
    await client.post('create_accounts', accountBody('ASYNC_BIG', [invoice('ASYNC_BIG_INV', 10 ** 13)]));
    // Each fee passes the schema; together they overflow: refused as a whole (a 400 when synchronous).
    const fees = Array.from({ length: 1000 }, (_, i) => ({ accountReference: 'ASYNC_BIG', ...fee(`ASYNC_BIG_FEE_${i}`, 10 ** 13, 'ASYNC_BIG_INV') }));
    const queued = await client.post('add_account_ledger_entries', fees, 'async=true');
    expect(queued.status).toBe(200);
    const requestId = queued.body.ASYNC_BIG.messageIds[0];
    const outcome = await waitFor(async () => {
      const read = await client.get('get_async_request', { requestId });
      return read.body.status === 'QUEUED' ? undefined : read.body;
    });
    expect(outcome).toMatchObject({ requestId, operation: 'add_account_ledger_entries', status: 'FAILED', error: { status: 400, error: 'BadRequest', message: expect.stringMatching(/^Amounts out of range/) } });
    expect(outcome.results).toBeUndefined();
    const failedEvents = await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, client.tenant.tenant.id), eq(events.type, ASYNC_FAILED), eq(events.entityId, requestId)));
    expect(failedEvents).toHaveLength(1);
    expect((failedEvents[0]!.data as any).details).toMatchObject({ messageType: ASYNC_FAILED, requestId, status: 'FAILED', error: { status: 400 } });
    // Nothing of the batch was written.
    expect((await client.get('get_account', { accountReference: 'ASYNC_BIG' })).body.ledgerEntries).toHaveLength(1);
    const listed = await client.get('get_events', { eventType: 'event.asyncRequest.failed', date: client.service.clock.now().toISOString().slice(0, 10) });
    expect(listed.body.events.map((event: any) => event.details.requestId)).toContain(requestId);
  });

  it('retries a transient failure and records FAILED only when the last attempt fails, once', async () => {
    const handler = asyncRequestHandler(client.service.platform);
    const tenantId = client.tenant.tenant.id;
    // An operation that cannot be found is refused at once; a throwing transient error is retried until the last attempt.
    const unknown = { id: 'job-unknown-op', retryCount: 0, retryLimit: 5, data: { tenantId, operation: 'no_such_operation', body: {}, query: {}, requestId: 'r1' } satisfies AsyncRequestJob };
    await handler(unknown as never);
    expect((await client.get('get_async_request', { requestId: 'job-unknown-op' })).body).toMatchObject({ status: 'FAILED', error: { status: 400, message: 'Unknown operation no_such_operation' } });
    const broken = (retryCount: number) => ({
      id: 'job-transient', retryCount, retryLimit: 2,
      // Reading the body throws a plain Error, as a lost database connection would: not a refusal, so it is retried.
      data: { tenantId, operation: 'create_claims', query: {}, requestId: 'r2', get body(): unknown { throw new Error('connection reset'); } },
    });
    await expect(handler(broken(0) as never)).rejects.toThrow('connection reset');
    expect((await client.get('get_async_request', { requestId: 'job-transient' })).status).toBe(404);
    await handler(broken(2) as never);
    const last = await client.get('get_async_request', { requestId: 'job-transient' });
    expect(last.body).toMatchObject({ status: 'FAILED', error: { status: 500, error: 'InternalServerError', message: 'Internal error occurred while processing the request' } });
    await handler(broken(2) as never);
    const failedEvents = await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, tenantId), eq(events.type, ASYNC_FAILED), eq(events.entityId, 'job-transient')));
    expect(failedEvents).toHaveLength(1);
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
      id: 'replayed-job-1', retryCount: 0, retryLimit: 5,
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

describeEachEngine('async requests whose job ended without an outcome', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  async function queued(id: string) {
    await client.service.platform.db.insert(servicingAsyncRequests).values({
      tenantId: client.tenant.tenant.id, jobId: id, operation: 'create_claims', status: 'QUEUED', requestId: 'req-1', requestedAt: client.service.clock.now(),
    });
  }
  const statusOf = async (id: string) => (await client.get('get_async_request', { requestId: id })).body;

  it('records a QUEUED request FAILED (with its event) once no live job is left for it, and leaves one with a live job alone', async () => {
    const orphan = randomUUID();
    const waiting = randomUUID();
    await queued(orphan);
    await queued(waiting);
    // A job that starts tomorrow is live (state created) and must keep its request QUEUED.
    await executeRaw(client.service.platform.db, `INSERT INTO pgboss.job (name, data, start_after) VALUES ($1, $2::jsonb, now() + interval '1 day')`,
      [ASYNC_QUEUE, JSON.stringify({ tenantId: client.tenant.tenant.id, operation: 'create_claims', body: {}, query: {}, requestId: 'req-1', asyncRequestId: waiting })]);

    await client.service.sweeper!.runOnce();
    expect(await statusOf(orphan)).toMatchObject({ status: 'FAILED', error: ORPHANED_REQUEST_ERROR });
    expect(await statusOf(waiting)).toMatchObject({ status: 'QUEUED' });
    const failures = await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, client.tenant.tenant.id), eq(events.type, ASYNC_FAILED)));
    expect(failures.map((event) => event.entityId)).toEqual([orphan]);

    await executeRaw(client.service.platform.db, `UPDATE pgboss.job SET state = 'failed' WHERE data->>'asyncRequestId' = $1`, [waiting]);
    await client.service.sweeper!.runOnce();
    expect(await statusOf(waiting)).toMatchObject({ status: 'FAILED', error: ORPHANED_REQUEST_ERROR });
    await client.service.sweeper!.runOnce();
    expect(await client.service.platform.db.select().from(events)
      .where(and(eq(events.tenantId, client.tenant.tenant.id), eq(events.type, ASYNC_FAILED)))).toHaveLength(2);
  });
});
