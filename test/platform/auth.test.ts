import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { basic, call } from '../support/http.js';
import { probeModules } from '../support/probe-modules.js';
import { atradiusHeaders, credableHeaders, managementHeaders, servicingHeaders } from '../support/faces.js';

describeEachEngine('authentication on every face', (engine) => {
  let service: TestService;
  let tenantA: TestTenant;
  let tenantB: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine, modules: probeModules });
    tenantA = await service.createTenant({ name: 'A' });
    tenantB = await service.createTenant({ name: 'B' });
  });
  afterAll(async () => service?.stop());

  const servicingProbe = (tenant: TestTenant) => `/v1/${tenant.tenant.clientId}/probe`;

  it('debt servicing: Basic credentials buy a 3600 s bearer token bound to the tenant', async () => {
    const { apiClientId, apiClientSecret } = tenantA.sheet.credentials.servicing;
    const token = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(apiClientId!, apiClientSecret!) }, form: {} });
    expect(token.status).toBe(200);
    expect(Object.keys(token.body)).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(token.body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    const ok = await call(service.url, 'GET', servicingProbe(tenantA), { headers: { authorization: `Bearer ${token.body.access_token}` } });
    expect(ok).toMatchObject({ status: 200, body: { tenantId: tenantA.tenant.id } });
    // The example in the reference embeds the prefix in access_token; a client sending it verbatim still works.
    const doubled = await call(service.url, 'GET', servicingProbe(tenantA), { headers: { authorization: `Bearer Bearer ${token.body.access_token}` } });
    expect(doubled.status).toBe(200);
  });

  it('debt servicing: token endpoint refusals', async () => {
    const { apiClientId, apiClientSecret } = tenantA.sheet.credentials.servicing;
    const wrongSecret = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(apiClientId!, 'nope') }, form: {} });
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'Unauthorized', message: 'Unauthorized' } });
    const missing = await call(service.url, 'POST', '/v1/oauth2/token', { form: {} });
    expect(missing).toMatchObject({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [Authorization]' } });
    const json = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(apiClientId!, apiClientSecret!) }, json: {} });
    expect(json.status).toBe(400);
    const grant = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(apiClientId!, apiClientSecret!) }, form: { grant_type: 'password' } });
    expect(grant.status).toBe(400);
    const malformed = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: 'Basic !!!' }, form: {} });
    expect(malformed).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
    const { clientId, clientSecret } = tenantA.sheet.credentials.cover;
    const otherProduct = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(clientId!, clientSecret!) }, form: {} });
    expect(otherProduct.status).toBe(401);
  });

  it('debt servicing: missing header 400, bad token 401, another tenant or product 403', async () => {
    const headersA = await servicingHeaders(service, tenantA);
    expect(await call(service.url, 'GET', servicingProbe(tenantA))).toMatchObject({ status: 400, body: { error: 'BadRequest', message: 'Missing required request parameters: [Authorization]' } });
    expect(await call(service.url, 'GET', servicingProbe(tenantA), { headers: { authorization: 'Bearer nonsense' } })).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
    expect(await call(service.url, 'GET', servicingProbe(tenantB), { headers: headersA })).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    const coverToken = await atradiusHeaders(service, tenantA, 'cover');
    expect(await call(service.url, 'GET', servicingProbe(tenantA), { headers: { authorization: coverToken.authorization } })).toMatchObject({ status: 403, body: { error: 'Forbidden' } });
    const apiKey = credableHeaders(tenantA, 'reinsure').authorization.replace('Token ', 'Bearer ');
    expect((await call(service.url, 'GET', servicingProbe(tenantA), { headers: { authorization: apiKey } })).status).toBe(403);
  });

  it('expired tokens are refused on every token face', async () => {
    const servicing = await servicingHeaders(service, tenantA);
    const cover = await atradiusHeaders(service, tenantA, 'cover');
    service.clock.advance(1801 * 1000);
    expect((await call(service.url, 'GET', `${'/credit-insurance/cover-management/v1'}/probe`, { headers: cover })).status).toBe(401);
    expect((await call(service.url, 'GET', servicingProbe(tenantA), { headers: servicing })).status).toBe(200);
    service.clock.advance(1800 * 1000);
    expect(await call(service.url, 'GET', servicingProbe(tenantA), { headers: servicing })).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
  });

  it('Credable faces: DRF bodies; a key works only on its own product', async () => {
    const base = { connect: '/connect/v1', reinsure: '/api/reinsure/v2', insure: '/api/insure/v2' } as const;
    for (const product of ['connect', 'reinsure', 'insure'] as const) {
      const own = await call(service.url, 'GET', `${base[product]}/probe`, { headers: credableHeaders(tenantA, product) });
      expect(own).toMatchObject({ status: 200, body: { tenantId: tenantA.tenant.id } });
      const bearer = await call(service.url, 'GET', `${base[product]}/probe`, { headers: { authorization: credableHeaders(tenantA, product).authorization.replace('Token', 'Bearer') } });
      expect(bearer.status).toBe(200);
      expect(await call(service.url, 'GET', `${base[product]}/probe`)).toMatchObject({
        status: 401,
        body: { message: 'Authentication credentials were not provided.', code: 'not_authenticated' },
      });
      expect(await call(service.url, 'GET', `${base[product]}/probe`, { headers: { authorization: 'Token 0000' } })).toMatchObject({
        status: 401,
        body: { message: 'Invalid token.', code: 'authentication_failed' },
      });
      for (const other of (['connect', 'reinsure', 'insure'] as const).filter((p) => p !== product)) {
        expect(await call(service.url, 'GET', `${base[product]}/probe`, { headers: credableHeaders(tenantA, other) })).toMatchObject({
          status: 403,
          body: { message: 'You do not have permission to perform this action.', code: 'permission_denied' },
        });
      }
    }
  });

  it('Atradius faces: token v2 and v1, app key required, product roles enforced, unknown routes 403', async () => {
    const { clientId, clientSecret, appKey } = tenantA.sheet.credentials.cover;
    const v2 = await call(service.url, 'POST', '/authenticate/v2/tokens', { headers: { authorization: basic(clientId!, clientSecret!), 'atradius-app-key': appKey! }, json: {} });
    expect(v2.status).toBe(200);
    expect(v2.body.data).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    const v1 = await call(service.url, 'POST', '/authenticate/v1/tokens', { headers: { authorization: basic(clientId!, clientSecret!), 'atradius-app-key': appKey! } });
    expect(v1.status).toBe(200);
    expect(Object.keys(v1.body.data)).toEqual(['accessToken', 'expires_in']);
    const noAppKey = await call(service.url, 'POST', '/authenticate/v2/tokens', { headers: { authorization: basic(clientId!, clientSecret!) }, json: {} });
    expect(noAppKey.status).toBe(401);
    expect(noAppKey.body.errors[0]).toMatchObject({ status: '401', code: 'UNAUTHORIZED' });
    const wrongAppKey = await call(service.url, 'POST', '/authenticate/v2/tokens', { headers: { authorization: basic(clientId!, clientSecret!), 'atradius-app-key': 'x' }, json: {} });
    expect(wrongAppKey.status).toBe(401);

    const cover = await atradiusHeaders(service, tenantA, 'cover');
    const coverPath = '/credit-insurance/cover-management/v1';
    const nonPaymentPath = '/credit-insurance/non-payment-management/v1';
    const ok = await call(service.url, 'GET', `${coverPath}/probe`, { headers: { ...cover, 'atradius-correlation-id': 'corr-1' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('atradius-correlation-id')).toBe('corr-1');
    expect((await call(service.url, 'GET', `${coverPath}/probe`, { headers: { authorization: cover.authorization } })).status).toBe(401);
    const wrongProduct = await call(service.url, 'GET', `${nonPaymentPath}/probe`, { headers: cover });
    expect(wrongProduct.status).toBe(403);
    expect(wrongProduct.body.errors[0]).toMatchObject({ status: '403', code: 'FORBIDDEN' });
    const nonPayment = await atradiusHeaders(service, tenantA, 'nonpayment');
    expect((await call(service.url, 'GET', `${nonPaymentPath}/probe`, { headers: nonPayment })).status).toBe(200);
    expect((await call(service.url, 'GET', `${coverPath}/no-such-route`, { headers: cover })).status).toBe(403);
  });

  it('management API: its own key only; errors in the platform shape', async () => {
    expect((await call(service.url, 'GET', '/management/v1/tenant', { headers: managementHeaders(tenantB) })).body).toMatchObject({ id: tenantB.tenant.id });
    const wrong = await call(service.url, 'GET', '/management/v1/tenant', { headers: { authorization: `Bearer ${tenantB.sheet.credentials.connect.apiKey}` } });
    expect(wrong).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect((await call(service.url, 'GET', '/management/v1/tenant')).status).toBe(401);
  });

  it('rotation: a new credential works beside the old one until the old one is revoked', async () => {
    const headers = managementHeaders(tenantA);
    const created = await call(service.url, 'POST', '/management/v1/credentials', { headers, json: { product: 'reinsure' } });
    expect(created.status).toBe(201);
    const newKey = { authorization: `Token ${created.body.apiKey}` };
    expect((await call(service.url, 'GET', '/api/reinsure/v2/probe', { headers: newKey })).status).toBe(200);
    expect((await call(service.url, 'GET', '/api/reinsure/v2/probe', { headers: credableHeaders(tenantA, 'reinsure') })).status).toBe(200);
    const oldId = tenantA.credentials.reinsure.credentialId;
    expect((await call(service.url, 'DELETE', `/management/v1/credentials/${oldId}`, { headers })).status).toBe(200);
    expect((await call(service.url, 'GET', '/api/reinsure/v2/probe', { headers: credableHeaders(tenantA, 'reinsure') })).status).toBe(401);
    expect((await call(service.url, 'GET', '/api/reinsure/v2/probe', { headers: newKey })).status).toBe(200);
    // Another tenant's credential id is answered as unknown.
    const foreign = await call(service.url, 'DELETE', `/management/v1/credentials/${tenantB.credentials.reinsure.credentialId}`, { headers });
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect((await call(service.url, 'GET', '/api/reinsure/v2/probe', { headers: credableHeaders(tenantB, 'reinsure') })).status).toBe(200);
  });

  it('revoking a client-secret credential kills the tokens it issued', async () => {
    const tenant = await service.createTenant({ name: 'C' });
    const headers = await servicingHeaders(service, tenant);
    const probe = servicingProbe(tenant);
    expect((await call(service.url, 'GET', probe, { headers })).status).toBe(200);
    const revoked = await call(service.url, 'DELETE', `/management/v1/credentials/${tenant.credentials.servicing.credentialId}`, { headers: managementHeaders(tenant) });
    expect(revoked.status).toBe(200);
    expect((await call(service.url, 'GET', probe, { headers })).status).toBe(401);
  });

  it('secrets never reach the logs', async () => {
    const tenant = await service.createTenant({ name: 'Logs' });
    await servicingHeaders(service, tenant);
    await call(service.url, 'GET', '/api/insure/v2/probe', { headers: credableHeaders(tenant, 'insure') });
    const logs = service.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain(tenant.sheet.credentials.servicing.apiClientSecret);
    expect(logs).not.toContain(tenant.sheet.credentials.insure.apiKey);
  });
});
