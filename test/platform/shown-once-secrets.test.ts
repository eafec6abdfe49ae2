// A secret shown once (a new credential's key, a webhook signing secret) is answered to its first request only: an
// Idempotency-Key replay answers the same body with null in its place, and the idempotency table never holds it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

interface SecretPost {
  name: string;
  path: string;
  headers: (tenant: TestTenant) => Record<string, string>;
  json: unknown;
  secretFields: string[];
  idField: string;
}

const staffHeaders = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });

const SECRET_POSTS: SecretPost[] = [
  { name: 'staff key', path: '/backoffice/v1/staff-credentials', headers: staffHeaders, json: { roles: ['underwriter'], label: 'Ulla' }, secretFields: ['apiKey', 'authorization'], idField: 'credentialId' },
  { name: 'webhook signing secret', path: '/management/v1/webhook-endpoints', headers: managementHeaders, json: { url: 'https://hooks.example.com/tc' }, secretFields: ['signingSecret'], idField: 'id' },
  { name: 'management API key', path: '/management/v1/credentials', headers: managementHeaders, json: { product: 'insure' }, secretFields: ['apiKey', 'authorization'], idField: 'credentialId' },
  { name: 'Atradius client secret and app key', path: '/management/v1/credentials', headers: managementHeaders, json: { product: 'cover' }, secretFields: ['clientSecret', 'appKey'], idField: 'credentialId' },
  { name: 'servicing client secret', path: '/management/v1/credentials', headers: managementHeaders, json: { product: 'servicing' }, secretFields: ['apiClientSecret'], idField: 'credentialId' },
];

describeEachEngine('shown-once secrets and Idempotency-Key replays', (engine) => {
  let service: TestService;
  let tenant: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  for (const post of SECRET_POSTS) {
    describe(post.name, () => {
      it('is shown to the first answer, withheld from the replay, and absent from the idempotency table', async () => {
        const headers = { ...post.headers(tenant), 'idempotency-key': `shown-once-${post.name}` };
        const first = await call(service.url, 'POST', post.path, { headers, json: post.json });
        expect(first.status, first.text).toBe(201);
        const secrets = post.secretFields.map((field) => first.body[field] as unknown);
        for (const secret of secrets) expect(typeof secret === 'string' && secret.length >= 16, `${JSON.stringify(first.body)}`).toBe(true);
        expect(first.headers.get('secret-withheld')).toBeNull();

        const replay = await call(service.url, 'POST', post.path, { headers, json: post.json });
        expect(replay.status).toBe(201);
        expect(replay.headers.get('idempotent-replayed')).toBe('true');
        expect(replay.headers.get('secret-withheld')).toBe(post.secretFields.join(', '));
        expect(replay.body).toEqual({ ...first.body, ...Object.fromEntries(post.secretFields.map((field) => [field, null])) });
        expect(replay.body[post.idField]).toBe(first.body[post.idField]);
        for (const secret of secrets) expect(replay.text).not.toContain(secret as string);

        const stored = await service.platform.db.select().from(idempotencyKeys);
        const row = stored.find((entry) => entry.key === headers['idempotency-key']);
        expect(row?.responseStatus).toBe(201);
        for (const entry of stored) {
          for (const secret of secrets) expect(entry.responseBody).not.toContain(secret as string);
        }
      });
    });
  }

  it('the first answer\'s secret works while the replay\'s null does not leak a usable credential', async () => {
    const headers = { ...managementHeaders(tenant), 'idempotency-key': 'working-key' };
    const first = await call(service.url, 'POST', '/management/v1/credentials', { headers, json: { product: 'management' } });
    const replay = await call(service.url, 'POST', '/management/v1/credentials', { headers, json: { product: 'management' } });
    expect(replay.body.authorization).toBeNull();
    expect((await call(service.url, 'GET', '/management/v1/tenant', { headers: { authorization: first.body.authorization as string } })).status).toBe(200);
  });

  it('a replay of a route without secrets is unchanged and names nothing withheld', async () => {
    const headers = { ...managementHeaders(tenant), 'idempotency-key': 'plain-replay' };
    const created = await call(service.url, 'POST', '/management/v1/webhook-endpoints', { headers: managementHeaders(tenant), json: { url: 'https://hooks.example.com/plain' } });
    const first = await call(service.url, 'DELETE', `/management/v1/webhook-endpoints/${created.body.id as string}`, { headers });
    const replay = await call(service.url, 'DELETE', `/management/v1/webhook-endpoints/${created.body.id as string}`, { headers });
    expect(replay).toMatchObject({ status: 200, body: first.body });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('secret-withheld')).toBeNull();
  });
});
