// The account and claim screen over HTTP: a seeded account's ledger, its run's message, a promise and a payment;
// the roles that may open it, another tenant's account as unknown, and the sign-in redirect without a session.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunsClient } from '../collections/runs-engine-support.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { ACCOUNT, CLAIM, OTHER_ACCOUNT, PAYMENT, seedServicingAccount } from './accounts-fixture.js';
import { type ConsoleClient, signInOverHttp, staffKey } from './support.js';

describeEachEngine('console: account and claim', (engine) => {
  let service: TestService;
  let runs: RunsClient;
  let manager: ConsoleClient;
  beforeAll(async () => {
    service = await startTestService({ engine });
    runs = await seedServicingAccount(service, engine);
    manager = await signedIn(['collections_manager']);
  }, 300_000);
  afterAll(async () => {
    await service?.stop();
  });

  async function signedIn(roles: Parameters<typeof staffKey>[2]): Promise<ConsoleClient> {
    const { client } = await signInOverHttp(service.url, await staffKey(service, runs.tenantId, roles));
    if (!client) throw new Error('sign-in failed');
    return client;
  }

  it('shows the ledger in order, the run with its message and timeline, the visit, the promise and the payment', async () => {
    const response = await manager.get(`/console/accounts/${ACCOUNT}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const ledger = html.slice(html.indexOf('id="ledger-entries"'));
    expect(ledger.indexOf(CLAIM)).toBeGreaterThan(0);
    expect(ledger.indexOf(PAYMENT)).toBeGreaterThan(ledger.indexOf(CLAIM));
    expect(html).toContain('<td class="num">1500.00 EUR</td>');
    // The claim's outstanding after the payment: 1500.00 − 200.00.
    expect(html).toContain('<td class="num">1300.00 EUR</td>');
    expect(html).toMatch(/<td>email<\/td><td>reminder-friendly v\d+ \(de\)<\/td>/);
    expect(html).toMatch(/<td class="num">500\.00 EUR<\/td><td>2026-12-10<\/td><td>open<\/td>/);
    expect(html).toContain(`<td>${PAYMENT}</td><td class="num">200.00 EUR</td>`);
    expect(html).toMatch(/<h3>Landing-page visits<\/h3>\s*<ul><li>2026-11-26 10:00 UTC: Not verified<\/li><\/ul>/);
    // The claim's timeline: the run's decisions and sends among the debtor's own actions, oldest first.
    expect(html).toMatch(/send · remind-friendly · stepId=remind-friendly channel=email template=reminder-friendly[\s\S]*Promises to pay: 500\.00 EUR/);
    expect(html).toContain('Erika Muster');
    expect(html).toMatch(/<td>default v\d+<\/td><td>RUNNING<\/td>/);
  });

  it('finds an account by reference and lists the tenant\'s accounts', async () => {
    const found = await manager.get(`/console/accounts?reference=${ACCOUNT}`);
    expect(found.status).toBe(303);
    expect(found.headers.get('location')).toBe(`/console/accounts/${ACCOUNT}`);
    expect((await manager.get('/console/accounts?reference=')).status).toBe(400);
    const list = await (await manager.get('/console/accounts')).text();
    expect(list).toContain(`href="/console/accounts/${ACCOUNT}"`);
    expect(list).not.toContain(OTHER_ACCOUNT);
    expect(await (await manager.get('/console')).text()).toContain('href="/console/accounts"');
  });

  it('opens for collections managers, claims handlers and admins only', async () => {
    const [handler, admin, underwriter] = await Promise.all([signedIn(['claims_handler']), signedIn(['admin']), signedIn(['underwriter'])]);
    expect((await handler.get(`/console/accounts/${ACCOUNT}`)).status).toBe(200);
    expect((await admin.get(`/console/accounts/${ACCOUNT}`)).status).toBe(200);
    expect((await underwriter.get(`/console/accounts/${ACCOUNT}`)).status).toBe(403);
    expect((await underwriter.get('/console/accounts')).status).toBe(403);
    expect(await (await underwriter.get('/console')).text()).not.toContain('href="/console/accounts"');
  });

  it('answers another tenant\'s account, and an unknown one, as unknown', async () => {
    for (const reference of [OTHER_ACCOUNT, 'NO-SUCH-ACCOUNT']) {
      const response = await manager.get(`/console/accounts/${reference}`);
      expect(response.status, reference).toBe(404);
      const html = await response.text();
      expect(html).toContain('The tenant has no account with this reference.');
    }
  });

  it('sends a request without a session to the sign-in page', async () => {
    for (const path of ['/console/accounts', `/console/accounts/${ACCOUNT}`]) {
      const response = await fetch(`${service.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toBe(`/console/sign-in?next=${encodeURIComponent(path)}`);
    }
  });
});
