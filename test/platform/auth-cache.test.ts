import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActorCache } from '../../src/platform/auth/actor-cache.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { TEST_DATABASE_URL } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { until } from '../support/wait.js';

const actorOf = (tenantId: string, credentialId = 'c1'): Actor => ({
  tenant: { id: tenantId, name: 't', mode: 'sandbox', clientId: 'x', clockOffsetMs: 0, createdAt: new Date(0) },
  credentialId, product: 'management', scopes: [],
});

describe('auth cache', () => {
  const now = new Date('2026-11-21T10:00:00Z');

  it('answers a stored resolution until its TTL, and never past the token expiry', () => {
    const clock = new ManualClock(now);
    const cache = new ActorCache(50, 10_000, true, clock);
    cache.set('k', cache.generation, { actor: actorOf('t1'), tokenExpiresAt: null, appKeyHash: null });
    cache.set('token', cache.generation, { actor: actorOf('t1'), tokenExpiresAt: new Date(now.getTime() + 1000), appKeyHash: null });
    expect(cache.get('k', now)?.actor.tenant.id).toBe('t1');
    expect(cache.get('token', now)).toBeDefined();
    expect(cache.get('token', new Date(now.getTime() + 1000))).toBeUndefined();
    clock.advance(49);
    expect(cache.get('k', now)).toBeDefined();
    clock.advance(1);
    expect(cache.get('k', now)).toBeUndefined();
    cache.dispose();
  });

  it('is bounded (least recently used goes first)', () => {
    const cache = new ActorCache(60_000, 2);
    for (const key of ['a', 'b']) cache.set(key, cache.generation, { actor: actorOf('t'), tokenExpiresAt: null, appKeyHash: null });
    expect(cache.get('a', now)).toBeDefined();
    cache.set('c', cache.generation, { actor: actorOf('t'), tokenExpiresAt: null, appKeyHash: null });
    expect(cache.size).toBe(2);
    expect(cache.get('b', now)).toBeUndefined();
    expect(cache.get('a', now)).toBeDefined();
    cache.dispose();
  });

  it('drops a changed tenant, refuses loads that began before the change, and pauses the tenant during a local change', () => {
    const cache = new ActorCache();
    const loadStarted = cache.generation;
    cache.set('other', cache.generation, { actor: actorOf('t2'), tokenExpiresAt: null, appKeyHash: null });
    cache.invalidateTenant('t1');
    cache.set('stale', loadStarted, { actor: actorOf('t1'), tokenExpiresAt: null, appKeyHash: null });
    expect(cache.get('stale', now)).toBeUndefined();
    cache.invalidateTenant('t1', 60_000);
    cache.set('fresh', cache.generation, { actor: actorOf('t1'), tokenExpiresAt: null, appKeyHash: null });
    expect(cache.get('fresh', now)).toBeUndefined();
    cache.set('t2', cache.generation, { actor: actorOf('t2'), tokenExpiresAt: null, appKeyHash: null });
    expect(cache.get('t2', now)).toBeDefined();
    cache.dispose();
  });
});

describe.skipIf(!TEST_DATABASE_URL)('auth cache across processes on one PostgreSQL', () => {
  let a: TestService;
  let b: TestService;
  let tenant: TestTenant;

  beforeAll(async () => {
    a = await startTestService({ engine: 'postgres' });
    b = await startTestService({ engine: 'postgres', databaseUrl: a.databaseUrl });
    tenant = await a.createTenant({ name: 'Cached' });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('a revocation in one process reaches the cache of another', async () => {
    const headers = managementHeaders(tenant);
    expect((await call(b.url, 'GET', '/management/v1/tenant', { headers })).status).toBe(200);
    expect((await call(b.url, 'GET', '/management/v1/tenant', { headers })).status).toBe(200);
    const created = await call(a.url, 'POST', '/management/v1/credentials', { headers, json: { product: 'management' } });
    const fresh = { authorization: created.body.authorization as string };
    expect((await call(a.url, 'DELETE', `/management/v1/credentials/${tenant.credentials.management.credentialId}`, { headers: fresh })).status).toBe(200);
    expect((await call(a.url, 'GET', '/management/v1/tenant', { headers })).status).toBe(401);
    // B learns it through NOTIFY, delivered on commit: at once in practice, well within the 10 s TTL.
    await until(async () => ((await call(b.url, 'GET', '/management/v1/tenant', { headers })).status === 401 ? true : undefined), 2000);
  });

  it('a test-clock move in one process reaches the cache of another', async () => {
    const other = await a.createTenant({ name: 'Clock' });
    const headers = managementHeaders(other);
    expect((await call(b.url, 'GET', '/sandbox/v1/clock', { headers })).body.offsetSeconds).toBe(0);
    expect((await call(a.url, 'POST', '/sandbox/v1/clock/advance', { headers, json: { seconds: 3600 } })).status).toBe(200);
    await until(async () => ((await call(b.url, 'GET', '/sandbox/v1/clock', { headers })).body.offsetSeconds === 3600 ? true : undefined), 2000);
  });
});
