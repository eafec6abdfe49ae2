import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { executeRaw } from '../../src/platform/db/database.js';
import { decideAttempt, MAX_SECOND_FACTOR_ATTEMPTS, answersSecondFactor } from '../../src/collections/landing/second-factor.js';
import { describeEachEngine } from '../support/engines.js';
import { managementHeaders } from '../support/faces.js';
import { call } from '../support/http.js';
import { accountBody, invoice, startServicing, type ServicingClient } from '../servicing/support.js';
import { advanceClock, DAY_MS, eventsOf, resetClock, startDebtorRecords } from './support.js';

const ACCOUNT = 'ACC_LANDING';
const CLAIM = `${ACCOUNT}_INV_1`;
const POSTCODE = '10115';
const DEBTOR = {
  debtorReference: 'DEBTOR_LANDING', type: 'legal', companyName: 'Müller Handels GmbH',
  contactInformation: { country: 'DE', email: 'ap@mueller.example', postalCode: POSTCODE, addressLine1: 'Hauptstraße 1', city: 'Berlin' },
};

/** The path of a landing URL on the test service. */
const pathOf = (url: string) => new URL(url).pathname;

describeEachEngine('landing page link (Receeve #26) and second factor', (engine) => {
  let env: Awaited<ReturnType<typeof startDebtorRecords>>;
  let client: ServicingClient;
  const page = (path: string, headers: Record<string, string> = {}) => call(client.service.url, 'GET', path, { headers });
  /** Posts an answer without following the redirect (its Set-Cookie and Location are what is checked). */
  const answer = async (path: string, value: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${client.service.url}${path}/verify`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ answer: value, lang: 'en' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const issue = async (claimReference = CLAIM) => {
    const response = await client.get('get_landing_page_url', { claimReference });
    expect(response.status).toBe(200);
    return pathOf(response.body.URL);
  };

  beforeAll(async () => {
    env = await startDebtorRecords(engine);
    client = env.client;
    const created = await client.post('create_accounts', accountBody(ACCOUNT, [
      invoice(CLAIM, 123_456, { dueDate: '2026-11-01' }), invoice(`${ACCOUNT}_INV_2`, 5_000, { dueDate: '2026-11-10' }),
    ], { debtors: [DEBTOR] }));
    expect(created.body[ACCOUNT].success).toBe(true);
  });
  afterAll(async () => env?.stop());

  it('answers the seed shape {"URL"} with <PUBLIC_BASE_URL>/c/<token>: 192 random bits, a new token on every call', async () => {
    const first = await client.get('get_landing_page_url', { claimReference: CLAIM });
    const second = await client.get('get_landing_page_url', { claimReference: CLAIM });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body)).toEqual(['URL']);
    const base = client.service.config.publicBaseUrl;
    expect(first.body.URL).toMatch(new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/c/[A-Za-z0-9_-]{32}$`));
    expect(second.body.URL).not.toBe(first.body.URL);
    // Both links open the page; only hashes are stored.
    for (const url of [first.body.URL, second.body.URL]) expect((await page(pathOf(url))).status).toBe(200);
    const stored = await executeRaw(client.service.platform.db, 'SELECT token_hash FROM collections_landing_links WHERE tenant_id = $1', [client.tenant.tenant.id]) as { token_hash: string }[];
    const tokens = [first.body.URL, second.body.URL].map((url: string) => url.split('/c/')[1] ?? '');
    expect(stored.map((row) => row.token_hash)).toEqual(expect.arrayContaining(tokens.map((token) => createHash('sha256').update(token).digest('hex'))));
    expect(stored.some((row) => tokens.includes(row.token_hash))).toBe(false);
  });

  it('answers 404 {"message"} for an unknown claim and for another tenant\'s claim, exactly alike', async () => {
    const unknown = await client.get('get_landing_page_url', { claimReference: 'NOPE' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ message: 'Claim NOPE not found' });
    const other = await startServicing(engine, client.service);
    const foreign = await other.get('get_landing_page_url', { claimReference: CLAIM });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual({ message: `Claim ${CLAIM} not found` });
  });

  it('bad requests are 400s in the Receeve error shape: missing claimReference, no Authorization', async () => {
    const missing = await client.get('get_landing_page_url', {});
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: 'BadRequest', message: 'Missing required request parameters: [claimReference]' });
    const anonymous = await call(client.service.url, 'GET', `/v1/${client.tenant.tenant.clientId}/get_landing_page_url?claimReference=${CLAIM}`);
    expect(anonymous.status).toBe(400);
    expect(anonymous.body).toEqual({ error: 'BadRequest', message: 'Missing required request parameters: [Authorization]' });
  });

  it('records triggerName on the claim', async () => {
    const response = await client.get('get_landing_page_url', { claimReference: CLAIM, triggerName: 'LINK_SENT' });
    expect(response.status).toBe(200);
    const rows = await executeRaw(client.service.platform.db,
      'SELECT claim_reference, operation FROM servicing_trigger_executions WHERE tenant_id = $1 AND trigger_name = $2', [client.tenant.tenant.id, 'LINK_SENT']);
    expect(rows).toEqual([{ claim_reference: CLAIM, operation: 'get_landing_page_url' }]);
  });

  it('asks for the second factor before any personal data, records the visit and emits landing_page.visited', async () => {
    const path = await issue();
    const before = (await eventsOf(client, 'landing_page.visited')).length;
    const first = await page(path, { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' });
    expect(first.status).toBe(200);
    expect(first.text).toContain('Rechnungsnummer oder Postleitzahl');
    expect(first.text).not.toContain('Müller');
    expect(first.text).not.toContain('1.234,56');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const events = await eventsOf(client, 'landing_page.visited');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toEqual({ entity_id: CLAIM, data: expect.objectContaining({ claimReference: CLAIM, accountReference: ACCOUNT, verified: false, standing: 'open' }) });
  });

  it('a wrong answer counts; the postcode or an invoice number opens a session cookie; the page then shows the itemised account', async () => {
    const path = await issue();
    const wrong = await answer(path, '99999');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`${MAX_SECOND_FACTOR_ATTEMPTS - 1} attempts left`);
    const right = await answer(path, ` ${POSTCODE} `);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(`${path}?lang=en`);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^tc_landing=[A-Za-z0-9_-]{32}; Path=${path}; Max-Age=3600; HttpOnly; SameSite=Strict$`));
    const session = cookie.split(';')[0] ?? '';
    const shown = await page(path, { cookie: session, 'accept-language': 'de' });
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Konto von Müller Handels GmbH');
    expect(shown.text).toContain('1.234,56');
    expect(shown.text).toContain(CLAIM);
    expect((await eventsOf(client, 'landing_page.visited')).at(-1)?.data.verified).toBe(true);
    // The session belongs to its link: another link of the same claim still asks.
    const other = await issue();
    const elsewhere = await page(other, { cookie: session });
    // (No Accept-Language: the debtor's country, DE, chooses German.)
    expect(elsewhere.text).toContain('Rechnungsnummer oder Postleitzahl');
    expect(elsewhere.text).not.toContain('Müller');
    // An invoice number (any claim of the account, written loosely) opens it too.
    expect((await answer(other, `${ACCOUNT.toLowerCase()}-inv-2`)).status).toBe(303);
  });

  it('a brute force is stopped: after the limit the link locks and refuses even the right answer', async () => {
    const path = await issue();
    for (let attempt = 1; attempt < MAX_SECOND_FACTOR_ATTEMPTS; attempt += 1) {
      expect((await answer(path, `0000${attempt}`)).status).toBe(400);
    }
    const last = await answer(path, '00009');
    expect(last.status).toBe(403);
    expect(last.text).toContain('This link is locked');
    expect((await answer(path, POSTCODE)).status).toBe(403);
    expect((await page(path)).status).toBe(403);
    // A new link works again.
    expect((await answer(await issue(), POSTCODE)).status).toBe(303);
  });

  it('a link lives 30 days; revoked links and unknown tokens open nothing', async () => {
    const path = await issue();
    await advanceClock(client, 30 * DAY_MS - 60_000);
    expect((await page(path)).status).toBe(200);
    await advanceClock(client, 120_000);
    const expired = await page(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('no longer valid');
    expect((await answer(path, POSTCODE)).status).toBe(410);
    await resetClock(client);

    const live = await issue();
    const revoke = await call(client.service.url, 'POST', '/management/v1/landing-page-links/revoke', {
      headers: managementHeaders(client.tenant), json: { claimReference: CLAIM },
    });
    expect(revoke.status).toBe(200);
    expect(revoke.body.revoked).toBeGreaterThan(0);
    expect((await page(live)).status).toBe(410);
    expect((await page('/c/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await page('/c/short')).status).toBe(404);
  });

  it('refuses a cross-site form post', async () => {
    const path = await issue();
    const response = await answer(path, POSTCODE, { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('second factor (pure)', () => {
  it('compares without case, spaces or dashes, and never accepts an empty answer', () => {
    const facts = { invoiceNumbers: ['INV-2026-001'], postcode: 'SW1A 1AA' };
    expect(answersSecondFactor('inv 2026 001', facts)).toBe(true);
    expect(answersSecondFactor('sw1a1aa', facts)).toBe(true);
    expect(answersSecondFactor('  ', facts)).toBe(false);
    expect(answersSecondFactor('', { invoiceNumbers: [''], postcode: null })).toBe(false);
  });

  it('property: whatever the guesses, at most the limit of wrong answers is ever judged, and nothing passes after the lock', () => {
    fc.assert(fc.property(fc.array(fc.boolean(), { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (guesses, limit) => {
      let state = { failedAttempts: 0, locked: false };
      let wrongJudged = 0;
      let lockedSeen = false;
      for (const right of guesses) {
        const outcome = decideAttempt(state, right, limit);
        if (lockedSeen && outcome.kind !== 'locked') return false;
        if (outcome.kind === 'locked') lockedSeen = true;
        if (!right && outcome.kind !== 'locked') wrongJudged += 1;
        if (!right && outcome.kind === 'locked' && !state.locked && state.failedAttempts < limit) wrongJudged += 1;
        state = outcome.state;
      }
      return wrongJudged <= limit && state.failedAttempts <= limit;
    }), { numRuns: 500 });
  });
});
