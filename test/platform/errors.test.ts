import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { probeModules } from '../support/probe-modules.js';
import { atradiusHeaders, credableHeaders, managementHeaders, servicingHeaders } from '../support/faces.js';

describeEachEngine('bad input gets 4xx in each face\'s shape', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  const faces: { name: string; path: string; headers: Record<string, string>; shape: (body: any) => void }[] = [];

  beforeAll(async () => {
    service = await startTestService({ engine, modules: probeModules, env: { BODY_LIMIT_BYTES: '2048' } });
    tenant = await service.createTenant();
    faces.push(
      { name: 'servicing', path: `/v1/${tenant.tenant.clientId}/probe`, headers: await servicingHeaders(service, tenant), shape: (body) => expect(body).toEqual({ error: expect.any(String), message: expect.any(String) }) },
      { name: 'reinsure', path: '/api/reinsure/v2/probe', headers: credableHeaders(tenant, 'reinsure'), shape: (body) => expect(body).toEqual({ message: expect.any(String), code: expect.any(String) }) },
      { name: 'cover', path: '/credit-insurance/cover-management/v1/probe', headers: await atradiusHeaders(service, tenant, 'cover'), shape: (body) => expect(body.errors[0]).toMatchObject({ status: expect.any(String), code: expect.any(String), title: expect.any(String), detail: expect.any(String) }) },
      { name: 'management', path: '/management/v1/webhook-endpoints', headers: managementHeaders(tenant), shape: (body) => expect(body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) }) },
    );
  });
  afterAll(async () => service?.stop());

  it('malformed JSON → 400', async () => {
    for (const face of faces) {
      const response = await call(service.url, 'POST', face.path, { headers: { ...face.headers, 'content-type': 'application/json' }, body: '{"note": ' });
      expect(response.status, face.name).toBe(400);
      face.shape(response.body);
    }
    const credable = await call(service.url, 'POST', faces[1]!.path, { headers: { ...faces[1]!.headers, 'content-type': 'application/json' }, body: '{' });
    expect(credable.body.code).toBe('parse_error');
  });

  it('oversize body → 413', async () => {
    for (const face of faces) {
      const response = await call(service.url, 'POST', face.path, { headers: face.headers, json: { note: 'x'.repeat(4096) } });
      expect(response.status, face.name).toBe(413);
      face.shape(response.body);
    }
  });

  it('wrong media type → 415', async () => {
    for (const face of faces) {
      const response = await call(service.url, 'POST', face.path, { headers: { ...face.headers, 'content-type': 'text/csv' }, body: 'a,b' });
      expect(response.status, face.name).toBe(415);
      face.shape(response.body);
    }
  });

  it('schema violations → 400 with the offending field', async () => {
    const receeve = await call(service.url, 'POST', faces[0]!.path, { headers: faces[0]!.headers, json: { amount: 'ten' } });
    expect(receeve).toMatchObject({ status: 400, body: { error: 'BadRequest' } });
    expect(receeve.body.message).toMatch(/^Invalid request body: /);
    expect(receeve.body.message).toContain('note');
    const credable = await call(service.url, 'POST', faces[1]!.path, { headers: faces[1]!.headers, json: { amount: 1.5 } });
    expect(credable.status).toBe(400);
    expect(credable.body.note).toEqual([{ message: 'This field is required.', code: 'required' }]);
    expect(credable.body.amount[0].code).toEqual(expect.any(String));
    const cover = await call(service.url, 'POST', faces[2]!.path, { headers: faces[2]!.headers, json: {} });
    expect(cover.status).toBe(400);
    expect(cover.body.errors[0]).toMatchObject({ code: 'REQUIRED', source: { pointer: '/note' } });
    const management = await call(service.url, 'POST', faces[3]!.path, { headers: faces[3]!.headers, json: { url: 'ftp://nope' } });
    expect(management).toMatchObject({ status: 400, body: { error: { code: 'validation' } } });
    expect(management.body.error.issues[0].path).toEqual(['url']);
    const array = await call(service.url, 'POST', faces[1]!.path, { headers: faces[1]!.headers, json: [1, 2] });
    expect(array.status).toBe(400);
  });

  it('unknown routes answer in the face\'s shape', async () => {
    const receeve = await call(service.url, 'GET', `/v1/${tenant.tenant.clientId}/no_such_operation`, { headers: faces[0]!.headers });
    expect(receeve).toMatchObject({ status: 404, body: { error: 'NotFound' } });
    const credable = await call(service.url, 'GET', '/api/reinsure/v2/nothing-here', { headers: faces[1]!.headers });
    expect(credable).toMatchObject({ status: 404, body: { message: 'Not Found.', code: 'not_found' } });
    const root = await call(service.url, 'GET', '/nowhere');
    expect(root).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('never answers bad input with a 5xx', async () => {
    const bodies = ['', 'null', '[]', '"text"', '{"note":null}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '\u0000', '{"note":"' + '\\ud800' + '"}'];
    for (const face of faces) {
      for (const body of bodies) {
        const response = await call(service.url, 'POST', face.path, { headers: { ...face.headers, 'content-type': 'application/json' }, body });
        expect(response.status, `${face.name} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
    }
  });
});
