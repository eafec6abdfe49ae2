// The console over HTTP, without a browser: sessions, roles, CSRF, tenancy, idle timeout and sign-out.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insuranceQuotes } from '../../src/insurance/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { type ConsoleBook, seedConsoleBook } from './fixture.js';
import { type ConsoleClient, signInOverHttp, staffKey } from './support.js';

describeEachEngine('console security', (engine) => {
  let service: TestService;
  let tenantId: string;
  let book: ConsoleBook;
  beforeAll(async () => {
    service = await startTestService({ engine });
    tenantId = (await service.createTenant({ name: 'Alpha Insurance' })).tenant.id;
    book = await seedConsoleBook(service, 'Book Insurance');
  }, 300_000);
  afterAll(async () => {
    await service?.stop();
  });

  async function signedIn(roles: Parameters<typeof staffKey>[2], tenant = tenantId): Promise<ConsoleClient> {
    const { client } = await signInOverHttp(service.url, await staffKey(service, tenant, roles));
    if (!client) throw new Error('sign-in failed');
    return client;
  }

  it('shows no screen without a session: a GET goes to the sign-in page, a POST is refused', async () => {
    for (const path of ['/console', '/console/queues', '/console/strategies', '/console/nowhere']) {
      const response = await fetch(`${service.url}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(303);
      expect(response.headers.get('location')).toBe(`/console/sign-in?next=${encodeURIComponent(path)}`);
    }
    const forged = await fetch(`${service.url}/console`, { redirect: 'manual', headers: { cookie: 'tc_console=made-up' } });
    expect(forged.status).toBe(303);
    const post = await fetch(`${service.url}/console/sign-out`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(401);
  });

  it('signs in only with a staff key, setting an HttpOnly SameSite=Strict session cookie', async () => {
    const refused = await signInOverHttp(service.url, 'not-a-key');
    expect(refused.response.status).toBe(401);
    const tenant = await service.createTenant();
    const notStaff = await signInOverHttp(service.url, tenant.sheet.credentials.management.apiKey!);
    expect(notStaff.response.status).toBe(401);
    const { response, client } = await signInOverHttp(service.url, await staffKey(service, tenantId, ['underwriter']));
    expect(response.status).toBe(303);
    const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith('tc_console='));
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Strict/i);
    expect(line).toMatch(/Path=\/console/);
    const home = await client!.get('/console');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('Alpha Insurance');
    expect(html).toContain('<main id="main"');
  });

  it('refuses a sign-in form without its token', async () => {
    const response = await fetch(`${service.url}/console/sign-in`, {
      method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ apiKey: await staffKey(service, tenantId, ['admin']), _csrf: 'guess' }).toString(),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('tc_console='))).toBe(false);
  });

  it('refuses a state-changing request without the CSRF token, with a wrong one, or from another origin', async () => {
    const client = await signedIn(['underwriter']);
    expect((await client.post('/console/sign-out', {})).status).toBe(403);
    expect((await client.post('/console/sign-out', { _csrf: 'x'.repeat(64) })).status).toBe(403);
    expect((await client.post('/console/sign-out', { _csrf: client.csrf }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.get('/console')).status).toBe(200);
  });

  it('ends the session at sign-out: the cookie no longer opens a screen', async () => {
    const client = await signedIn(['claims_handler']);
    const out = await client.post('/console/sign-out', { _csrf: client.csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/console/sign-in?ended=out');
    expect((await client.get('/console')).status).toBe(303);
  });

  it('ends a session idle for more than 30 minutes on the service clock, and not one in use', async () => {
    const idle = await signedIn(['underwriter']);
    const busy = await signedIn(['underwriter']);
    service.clock.advance(20 * 60_000);
    expect((await busy.get('/console')).status).toBe(200);
    service.clock.advance(11 * 60_000);
    expect((await busy.get('/console')).status).toBe(200);
    const ended = await idle.get('/console');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('location')).toContain('/console/sign-in');
  });

  async function quoteStatus(): Promise<string | undefined> {
    const [row] = await service.platform.db.select({ status: insuranceQuotes.status }).from(insuranceQuotes).where(eq(insuranceQuotes.id, book.referredQuoteId));
    return row?.status;
  }

  it('shows each role only its screens and refuses its actions elsewhere', async () => {
    const sign = async (role: keyof ConsoleBook['keys']) => (await signInOverHttp(service.url, book.keys[role])).client!;
    const [underwriter, handler, manager, admin] = await Promise.all([sign('underwriter'), sign('claims_handler'), sign('collections_manager'), sign('admin')]);
    const expectations: [ConsoleClient, string, number][] = [
      [underwriter, '/console/queues', 200], [underwriter, '/console/portfolio', 200], [underwriter, `/console/portfolio/${book.client.policyId}`, 200], [handler, '/console/portfolio', 403], [underwriter, '/console/buyers', 200], [underwriter, '/console/strategies', 403], [underwriter, `/console/cases/${book.caseId}`, 403],
      [handler, '/console/queues', 200], [handler, `/console/cases/${book.caseId}`, 200], [handler, '/console/strategies/default', 403],
      [manager, '/console/strategies/default', 200], [manager, '/console/queues', 403], [manager, `/console/cases/${book.caseId}`, 403],
      [admin, '/console/queues', 200], [admin, '/console/strategies', 200], [admin, `/console/cases/${book.caseId}`, 200], [admin, '/console/buyers/SE/5567104046', 200],
    ];
    for (const [client, path, status] of expectations) expect((await client.get(path)).status, path).toBe(status);
    // The navigation offers only what the role may open.
    const managerHome = await (await manager.get('/console')).text();
    expect(managerHome).toContain('href="/console/strategies"');
    expect(managerHome).not.toContain('href="/console/queues"');
    // Screens mounted by other modules (the reports) join the same menu.
    expect(await (await admin.get('/console')).text()).toContain('href="/console/reports"');
    // A claims handler cannot decide a referral, even with a valid form.
    const refused = await handler.post(`/console/queues/quotes/${book.referredQuoteId}/decision`, { _csrf: handler.csrf, decision: 'decline', reason: 'no' });
    expect(refused.status).toBe(403);
    expect(await quoteStatus()).toBe('quote.pending');
  });

  it('refuses an action without its CSRF token and changes nothing', async () => {
    const { client } = await signInOverHttp(service.url, book.keys.underwriter);
    const refused = await client!.post(`/console/queues/quotes/${book.referredQuoteId}/decision`, { decision: 'decline', reason: 'forged' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Form expired');
    expect(await quoteStatus()).toBe('quote.pending');
  });

  it('never shows one tenant\'s data to another tenant\'s staff: their ids are answered as unknown', async () => {
    const { client } = await signInOverHttp(service.url, await staffKey(service, tenantId, ['admin']));
    const other = client!;
    const queues = await (await other.get('/console/queues')).text();
    expect(queues).not.toContain(book.referredQuoteId);
    expect(queues).toContain('No Credable quote waits for an underwriter');
    expect((await other.get(`/console/cases/${book.caseId}`)).status).toBe(404);
    expect((await other.get(`/console/cases/${book.caseId}/letters/L1.pdf`)).status).toBe(404);
    expect((await other.get('/console/strategies/default')).status).toBe(404);
    expect((await other.get(`/console/portfolio/${book.client.policyId}`)).status).toBe(404);
    expect(await (await other.get('/console/portfolio')).text()).not.toContain(`/console/portfolio/${book.client.policyId}`);
    const buyer = await other.get('/console/buyers/SE/5567104046');
    const html = await buyer.text();
    expect(html).not.toContain(book.caseId);
    expect(html).toContain('Credit limits (0)');
    const decided = await other.post(`/console/queues/quotes/${book.referredQuoteId}/decision`, { _csrf: other.csrf, decision: 'decline', reason: 'not mine' });
    expect(decided.status).toBe(303);
    expect(decided.headers.get('location')).toBe('/console/queues?notice=not_found');
    expect(await quoteStatus()).toBe('quote.pending');
    const cover = await other.post(`/console/queues/cover/${book.referredCoverId}/decision`, { _csrf: other.csrf, decision: 'DC03' });
    expect(cover.headers.get('location')).toBe('/console/queues?notice=not_found');
  });

  it('answers bad input with a page, never a 500', async () => {
    const { client } = await signInOverHttp(service.url, book.keys.admin);
    const admin = client!;
    expect((await admin.get('/console/buyers?country=S&identifier=x')).status).toBe(400);
    expect((await admin.get('/console/buyers/XX/%00')).status).toBeLessThan(500);
    expect((await admin.get('/console/cases/not-a-case')).status).toBe(404);
    expect((await admin.get('/console/strategies/default?from=abc&amount=1.234')).status).toBe(200);
    const wrong = await admin.post(`/console/queues/quotes/${book.referredQuoteId}/decision`, { _csrf: admin.csrf, decision: 'maybe' });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toContain('notice=invalid_input');
    expect(await quoteStatus()).toBe('quote.pending');
  });
});
