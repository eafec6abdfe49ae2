// runOptimisticMutation: the single-statement attempt answers when it can; otherwise, or after a deadlock, or with an
// Idempotency-Key, the request runs as a transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../src/platform/db/database.js';
import { describeEachEngine } from '../support/engines.js';
import { recordAudit } from '../../src/platform/audit/record.js';
import { ApiError } from '../../src/platform/http/api-error.js';
import { runOptimisticMutation } from '../../src/platform/http/mutation.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';

type Mode = 'answers' | 'declines' | 'deadlocks' | 'refuses';

describe('optimistic mutations', () => {
  let service: TestService;
  let tenant: TestTenant;
  const attempts: Mode[] = [];

  const routes = async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      if (request.url.startsWith('/test-optimistic/')) {
        request.actor = { tenant: tenant.tenant, credentialId: tenant.credentials.management.credentialId, product: 'management', scopes: [] };
      }
    });
    app.post('/test-optimistic/:mode', (request, reply) => {
      const mode = (request.params as { mode: Mode }).mode;
      return runOptimisticMutation(request, reply, async (work) => {
        attempts.push(mode);
        if (mode === 'deadlocks') throw Object.assign(new Error('deadlock'), { cause: Object.assign(new Error('pg'), { code: '40P01' }) });
        if (mode === 'refuses') throw new ApiError('validation', 'Refused on the snapshot');
        if (mode === 'declines') return null;
        work.audited = true;
        return { status: 201, body: { by: 'attempt' } };
      }, async (uow) => {
        await recordAudit(uow, { action: 'test', entityType: 'test', entityId: mode });
        return { status: 201, body: { by: 'transaction' } };
      });
    });
  };

  beforeAll(async () => {
    service = await startTestService({ engine: 'pglite', modules: [routes] });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  const post = (mode: Mode, headers: Record<string, string> = {}) => call(service.url, 'POST', `/test-optimistic/${mode}`, { headers, json: {} });

  it('answers from the attempt when it can, from the transaction when the attempt steps back or loses a deadlock', async () => {
    expect(await post('answers')).toMatchObject({ status: 201, body: { by: 'attempt' } });
    expect(await post('declines')).toMatchObject({ status: 201, body: { by: 'transaction' } });
    expect(await post('deadlocks')).toMatchObject({ status: 201, body: { by: 'transaction' } });
    expect(attempts).toEqual(['answers', 'declines', 'deadlocks']);
  });

  it('passes an error of the attempt through, without running the transaction', async () => {
    expect(await post('refuses')).toMatchObject({ status: 400 });
  });

  it('runs a request with an Idempotency-Key as the transaction only', async () => {
    attempts.length = 0;
    expect(await post('answers', { 'idempotency-key': 'once' })).toMatchObject({ status: 201, body: { by: 'transaction' } });
    expect(attempts).toEqual([]);
  });
});

describeEachEngine('optimistic mutations on one connection', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  const pidsSeen: number[][] = [];

  const routes = async (app: FastifyInstance) => {
    app.addHook('preHandler', async (request) => {
      if (request.url.startsWith('/test-one-connection/')) {
        request.actor = { tenant: tenant.tenant, credentialId: tenant.credentials.management.credentialId, product: 'management', scopes: [] };
      }
    });
    app.post('/test-one-connection/:mode', (request, reply) => {
      const mode = (request.params as { mode: 'answers' | 'conflicts' }).mode;
      return runOptimisticMutation(request, reply, async (work) => {
        const pid = async () => rowsOf<{ pid: number }>(await work.db.execute(sql`SELECT pg_backend_pid() AS pid`))[0]!.pid;
        const pids = [await pid(), await pid()];
        pidsSeen.push(pids);
        // A compare-and-set that lost (SQLSTATE 40001): the transaction takes over, on a connection of its own.
        if (mode === 'conflicts') await work.db.execute(sql`SELECT concurrent_change('test')`);
        work.audited = true;
        return { status: 201, body: { by: 'attempt', pids } };
      }, async (uow) => {
        await recordAudit(uow, { action: 'test', entityType: 'test', entityId: mode });
        return { status: 201, body: { by: 'transaction' } };
      }, { oneConnection: true });
    });
  };

  beforeAll(async () => {
    service = await startTestService({ engine, modules: [routes] });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  const post = (mode: string) => call(service.url, 'POST', `/test-one-connection/${mode}`, { json: {} });

  it('runs the attempt\'s statements on one session, and gives it back however the attempt ends', async () => {
    const answered = await post('answers');
    expect(answered).toMatchObject({ status: 201, body: { by: 'attempt' } });
    const [first, second] = (answered.body as { pids: number[] }).pids;
    expect(second).toBe(first);
    // More requests than the pool has connections (20): a connection not given back would leave them waiting.
    const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => post(i % 2 === 0 ? 'conflicts' : 'answers')));
    expect(replies.map((reply) => (reply.body as { by: string }).by)).toEqual(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? 'transaction' : 'attempt')));
    expect(pidsSeen.every(([a, b]) => a === b)).toBe(true);
  });
});
