import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { probeModules } from '../support/probe-modules.js';
import { credableHeaders } from '../support/faces.js';

describeEachEngine('operations endpoints', (engine) => {
  let service: TestService;
  let tenant: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine, modules: probeModules });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  it('healthz and readyz', async () => {
    expect(await call(service.url, 'GET', '/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await call(service.url, 'GET', '/readyz');
    // Public: it must not tell an anonymous caller which database engine runs.
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', database: 'ok', migrations: 'current' } });
    expect(ready.body).not.toHaveProperty('engine');
    expect(ready.text).not.toMatch(/pglite|postgres/i);
  });

  it('readyz reports a database whose migrations are behind', async () => {
    await service.platform.handle.query('ALTER TABLE drizzle.__drizzle_migrations RENAME TO __drizzle_migrations_hidden');
    try {
      expect(await call(service.url, 'GET', '/readyz')).toMatchObject({ status: 503, body: { status: 'not_ready', migrations: 'pending' } });
    } finally {
      await service.platform.handle.query('ALTER TABLE drizzle.__drizzle_migrations_hidden RENAME TO __drizzle_migrations');
    }
  });

  it('metrics count requests per route with latencies, and show job queue depth', async () => {
    await call(service.url, 'GET', '/api/insure/v2/probe', { headers: credableHeaders(tenant, 'insure') });
    const metrics = await call(service.url, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/http_requests_total\{method="GET",route="\/api\/insure\/v2\/probe",status="200"\} 1/);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/insure/v2/probe",status="200"}');
    expect(metrics.text).toMatch(/job_queue_depth\{queue="webhook.deliver"\} \d+/);
  });

  it('serves the OpenAPI document and the docs UI from local assets', async () => {
    const openapi = await call(service.url, 'GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/oauth2/token', '/authenticate/v2/tokens', '/sandbox/v1/clock/advance', '/management/v1/webhook-endpoints']));
    const docs = await call(service.url, 'GET', '/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
    expect(docs.text).not.toMatch(/https?:\/\/(?!localhost)[a-z0-9.-]+\/[^"']*\.(js|css)/i);
    const asset = await call(service.url, 'GET', '/docs/static/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('request ids are generated or taken from the caller and echoed', async () => {
    const generated = await call(service.url, 'GET', '/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await call(service.url, 'GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
  });
});

describeEachEngine('graceful shutdown', (engine) => {
  it('finishes in-flight requests before closing', async () => {
    const service = await startTestService({ engine, modules: probeModules });
    const tenant = await service.createTenant();
    const inFlight = call(service.url, 'GET', '/api/insure/v2/slow', { headers: credableHeaders(tenant, 'insure') });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stopping = service.stop();
    const response = await inFlight;
    await stopping;
    expect(response).toMatchObject({ status: 200, body: { done: true } });
    await expect(fetch(`${service.url}/healthz`)).rejects.toThrow();
  });
});
