// The service writes one log line per request, when it is answered, and never the credentials it was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.js';

describe('request log', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine: 'pglite' });
  });
  afterAll(async () => service?.stop());

  it('writes one line per answered request with method, url, status and time, and no credentials', async () => {
    const response = await fetch(`${service.url}/management/v1/tenants?secret=1`, { headers: { authorization: 'Bearer not-a-key' } });
    const requestId = response.headers.get('x-request-id');
    const lines = service.logs.flatMap((chunk) => chunk.split('\n')).filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.reqId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', method: 'GET', url: '/management/v1/tenants?secret=1', statusCode: 401 });
    expect(lines[0]?.responseTime).toEqual(expect.any(Number));
    expect(JSON.stringify(lines)).not.toContain('not-a-key');
  });
});
