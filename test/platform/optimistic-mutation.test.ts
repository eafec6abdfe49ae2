// runOptimisticMutation: the single-statement attempt answers when it can; otherwise, or after a deadlock, or with an
// Idempotency-Key, the request runs as a transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
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
