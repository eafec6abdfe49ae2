// The cover portfolio's policy screen over HTTP: a sandbox policy's live limits in pages of 50 with their range and
// links, and the total granted over all of them, not only the page shown.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { type ConsoleClient, signInOverHttp, staffKey } from './support.js';
import { formatDecimalAmount } from '../../src/platform/money.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { withLuhnCheckDigit } from '../../src/risk/api.js';
import { coverClient } from '../cover/support.js';

const LIMITS = 60;
/** 60 limits of 5000.00 EUR, all granted: 300,000.00 EUR in cents (the first page alone holds 250,000.00). */
const GRANTED = LIMITS * 5000_00;

describeEachEngine('console: a policy\'s credit limits', (engine) => {
  let service: TestService;
  let underwriter: ConsoleClient;
  let policyId: number;
  beforeAll(async () => {
    service = await startTestService({ engine });
    const tenant = await service.createTenant();
    const cover = await coverClient(service, tenant);
    policyId = Number(cover.policyId);
    const identifiers = Array.from({ length: LIMITS }, (_, i) => withLuhnCheckDigit(`559${String(i + 1).padStart(6, '0')}`));
    await executeRaw(service.platform.db, `INSERT INTO risk_buyers (country, registry_id, name, rating) SELECT 'SE', id, 'Portfolio buyer ' || id, 3 FROM jsonb_array_elements_text($1::jsonb) AS id ON CONFLICT DO NOTHING`, [JSON.stringify(identifiers)]);
    for (let i = 0; i < LIMITS; i += 10) {
      await Promise.all(identifiers.slice(i, i + 10).map(async (uid) => {
        const applied = await cover.apply(await cover.buyerId({ country: 'SWE', uid }), { creditLimitAmount: '5000' });
        expect(applied.status, JSON.stringify(applied.body)).toBe(201);
      }));
    }
    const { client } = await signInOverHttp(service.url, await staffKey(service, tenant.tenant.id, ['underwriter']));
    underwriter = client!;
  }, 300_000);
  afterAll(async () => service?.stop());

  it('shows the first 50 limits with a link to the next page, and the total granted over all of them', async () => {
    const html = await (await underwriter.get(`/console/portfolio/${policyId}`)).text();
    expect(html).toContain(`Live credit limits (1–50 of ${LIMITS})`);
    expect(html.match(/<tr><td><a href="\/console\/buyers\//g)).toHaveLength(50);
    expect(html).toContain(`<a href="/console/portfolio/${policyId}?page=2" rel="next">Next</a>`);
    expect(html).not.toContain('rel="prev"');
    expect(html).toContain(`<dd id="policy-total">${formatDecimalAmount(GRANTED, 'EUR')} EUR</dd>`);
  });

  it('pages on to the last limits, with a link back, answers a page past the last with a link to it, and treats a bad page number as the first page', async () => {
    const lastPage = Math.ceil(LIMITS / 50);
    const html = await (await underwriter.get(`/console/portfolio/${policyId}?page=${lastPage}`)).text();
    expect(html).toContain(`Live credit limits (${(lastPage - 1) * 50 + 1}–${LIMITS} of ${LIMITS})`);
    expect(html).toContain(`<a href="/console/portfolio/${policyId}?page=${lastPage - 1}" rel="prev">Previous</a>`);
    expect(html).not.toContain('rel="next"');
    const past = await (await underwriter.get(`/console/portfolio/${policyId}?page=99`)).text();
    expect(past).toContain('This page is past the last limit of the policy.');
    expect(past).toContain(`<a href="/console/portfolio/${policyId}?page=${lastPage}" rel="prev">Previous</a>`);
    for (const bad of ['0', '-1', 'x', '1e3']) {
      expect(await (await underwriter.get(`/console/portfolio/${policyId}?page=${bad}`)).text()).toContain(`(1–50 of ${LIMITS})`);
    }
  });

  it('speaks Swedish to a Swedish browser: the range, the links and the page past the last', async () => {
    const swedish = { 'accept-language': 'sv-SE' };
    const first = await (await underwriter.get(`/console/portfolio/${policyId}`, swedish)).text();
    expect(first).toContain(`Gällande kreditlimiter (1–50 av ${LIMITS})`);
    expect(first).toContain('rel="next">Nästa</a>');
    const past = await (await underwriter.get(`/console/portfolio/${policyId}?page=99`, swedish)).text();
    expect(past).toContain('Sidan ligger efter försäkringens sista limit.');
    expect(past).toContain('rel="prev">Föregående</a>');
  });
});
