// The edge refuses what PostgreSQL cannot store and what is not valid percent-encoding, and every error a client can
// provoke before a route runs (a URL Fastify cannot decode, a request Node cannot parse) comes in the shape of the
// face the URL belongs to: these are the documented answers, face by face.
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { basic, call } from '../support/http.js';
import { credableHeaders, managementHeaders, servicingHeaders } from '../support/faces.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

/** Writes bytes Node's HTTP parser or Fastify's router refuses (fetch would not send them) and reads the whole answer. */
function rawExchange(url: string, request: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request, 'latin1'));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body });
    });
  });
}

describeEachEngine('errors at the edge, in each face\'s shape', (engine) => {
  let service: TestService;
  let tenant: TestTenant;

  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  it('a NUL byte in a path id answers the face\'s validation error, naming the parameter', async () => {
    expect(await call(service.url, 'GET', '/api/reinsure/v2/quotes/%00', { headers: credableHeaders(tenant, 'reinsure') })).toMatchObject({
      status: 400, body: { id: [{ code: 'invalid', message: 'must not contain a NUL character' }] },
    });
    expect(await call(service.url, 'DELETE', '/management/v1/webhook-endpoints/a%00b', { headers: managementHeaders(tenant) })).toMatchObject({
      status: 400, body: { error: { code: 'validation', issues: [{ path: ['id'], code: 'invalid', message: 'must not contain a NUL character' }] } },
    });
  });

  it('a NUL byte or an invalid escape in a query value, documented or not, answers the face\'s validation error', async () => {
    const servicing = await servicingHeaders(service, tenant);
    const clientId = tenant.tenant.clientId;
    expect(await call(service.url, 'GET', `/v1/${clientId}/get_account?accountReference=%00`, { headers: servicing })).toEqual(expect.objectContaining({
      status: 400, body: { error: 'BadRequest', message: 'Invalid request parameters: accountReference: must not contain a NUL character' },
    }));
    expect(await call(service.url, 'POST', `/v1/${clientId}/create_claims?triggerName=%zz`, { headers: servicing, json: [] })).toEqual(expect.objectContaining({
      status: 400, body: { error: 'BadRequest', message: 'Invalid request parameters: triggerName: is not a valid percent-encoding of UTF-8 text' },
    }));
    const messages = await call(service.url, 'GET', '/backoffice/v1/messages?to=a%00b', { headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` } });
    expect(messages).toMatchObject({ status: 400, body: { error: { code: 'validation', issues: [{ path: ['to'], code: 'invalid' }] } } });
  });

  it('an invalid percent-encoding in a path answers the face of its prefix, not Fastify\'s FST_ERR_BAD_URL', async () => {
    expect(await call(service.url, 'GET', '/api/insure/v2/quotes/%zz', { headers: credableHeaders(tenant, 'insure') })).toMatchObject({
      status: 400, body: { url: [{ code: 'invalid_encoding' }] },
    });
    expect(await call(service.url, 'GET', `/v1/${tenant.tenant.clientId}/get_account%ED%A0%80`)).toMatchObject({
      status: 400, body: { error: 'BadRequest', message: 'Invalid request parameters: url: the path is not a valid percent-encoding of UTF-8 text' },
    });
    expect(await call(service.url, 'POST', '/authenticate/v2/%zz')).toMatchObject({
      status: 400, body: { errors: [{ status: '400', code: 'INVALID_VALUE', source: { pointer: '/url' } }] },
    });
    const outside = await call(service.url, 'GET', '/nowhere/%zz');
    expect(outside).toMatchObject({ status: 400, body: { error: { code: 'validation', issues: [{ path: ['url'], code: 'invalid_encoding' }] } } });
    expect(outside.text).not.toContain('FST_ERR');
  });

  it('a path parameter longer than the router takes answers the face\'s validation error', async () => {
    expect(await call(service.url, 'GET', `/api/reinsure/v2/quotes/${'q'.repeat(150)}`, { headers: credableHeaders(tenant, 'reinsure') })).toMatchObject({
      status: 400, body: { url: [{ code: 'max_length' }] },
    });
  });

  it('a form body with a NUL byte or an invalid escape is refused before the route runs', async () => {
    const { apiClientId, apiClientSecret } = tenant.sheet.credentials.servicing;
    const headers = { authorization: basic(apiClientId!, apiClientSecret!) };
    for (const body of ['grant_type=client_credentials%00', 'grant_type=%zz', '%00=1']) {
      const answer = await call(service.url, 'POST', '/v1/oauth2/token', { headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(answer.status, body).toBe(400);
      expect(answer.body, body).toMatchObject({ error: 'BadRequest', message: expect.stringMatching(/^Invalid request body: /) });
    }
    const good = await call(service.url, 'POST', '/v1/oauth2/token', { headers, form: { grant_type: 'client_credentials' } });
    expect(good.status).toBe(200);
  });

  it('Basic credentials whose client id holds a NUL byte are malformed, not a database error', async () => {
    const answer = await call(service.url, 'POST', '/authenticate/v2/tokens', {
      headers: { authorization: `Basic ${Buffer.from('client\u0000id:secret').toString('base64')}`, 'atradius-app-key': 'k' }, json: {},
    });
    expect(answer).toMatchObject({ status: 400, body: { errors: [{ code: 'BAD_REQUEST', detail: expect.stringContaining('NUL') }] } });
  });

  it('a request Node\'s parser refuses is answered in the face of its request line, then the connection closes', async () => {
    const credable = await rawExchange(service.url, 'GET /api/reinsure/v2/quotes/x HTTP/1.1\r\nHost: a\r\nX-Bad: a\u0000b\r\n\r\n');
    expect(credable.status).toBe(400);
    expect(credable.headers).toMatch(/connection: close/i);
    expect(JSON.parse(credable.body)).toEqual({ message: expect.stringContaining('not valid HTTP/1.1'), code: 'malformed_request' });
    const receeve = await rawExchange(service.url, `GET /v1/${tenant.tenant.clientId}/get_account HTTP/1.1\r\nHost: a\r\nX-Bad: a\u0000b\r\n\r\n`);
    expect(JSON.parse(receeve.body)).toEqual({ error: 'BadRequest', message: expect.stringContaining('not valid HTTP/1.1') });
    const tooLarge = await rawExchange(service.url, `GET /management/v1/tenant HTTP/1.1\r\nHost: a\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect(tooLarge.status).toBe(431);
    expect(JSON.parse(tooLarge.body)).toEqual({ error: { code: 'headers_too_large', message: 'The request headers are too large' } });
    const garbage = await rawExchange(service.url, 'NOT HTTP AT ALL\r\n\r\n');
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ error: { code: 'malformed_request' } });
  });

  it('the browser pages answer a malformed address with an HTML page', async () => {
    for (const path of ['/app/sign-policy/%00', '/app/sign-policy/%zz', '/app/connect/purchase/x?token=%00']) {
      const answer = await call(service.url, 'GET', path);
      expect(answer.status, path).toBe(400);
      expect(answer.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(answer.text, path).toContain('<h1>Bad Request</h1>');
    }
  });
});
