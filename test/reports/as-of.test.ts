// Reports drawn as of a past date (issue 17 point 3) over HTTP on both engines: a report as of last month differs
// from today's by exactly what happened since; the CSV carries the JSON's rows; bad input gets the documented error
// body; credentials, roles and tenants are kept apart.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, caseBody, casesClient } from '../cases/support.js';
import { getReport, parseCsv, staffHeaders, tableAsCsvRows } from './support.js';

describeEachEngine('Reports as of a past date', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let underwriter: Record<string, string>;
  let handler: Record<string, string>;
  const firstDay = '2026-11-21';

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    underwriter = await staffHeaders(service, client.tenant, ['underwriter']);
    handler = await staffHeaders(service, client.tenant, ['claims_handler']);
    const first = await client.cover.apply(await client.cover.buyerId(BUYERS.rating4), { creditLimitAmount: '20000' });
    expect(first.status, first.text).toBe(201);
    await client.advance(35);
    const second = await client.cover.apply(await client.cover.buyerId(BUYERS.rating6), { creditLimitAmount: '20000' });
    expect(second.status, second.text).toBe(201);
    const opened = await client.post('/cases', caseBody(client, await client.cover.buyerId(BUYERS.rating4)));
    expect(opened.status, opened.text).toBe(201);
  }, 300_000);
  afterAll(async () => service?.stop());

  it('draws exposure as of last month without what was decided since, and today with it', async () => {
    const then = await getReport(service, underwriter, 'exposure', { by: 'buyer', asOf: firstDay });
    const now = await getReport(service, underwriter, 'exposure', { by: 'buyer' });
    expect(then.status, then.text).toBe(200);
    expect(now.status, now.text).toBe(200);
    expect(then.body).toMatchObject({ report: 'exposure', asOf: firstDay, parameters: { by: 'buyer' } });
    expect(now.body.asOf).toBe('2026-12-26');
    expect(then.body.rows).toEqual([{ key: 'SE:5567104046', label: 'Exempel Grossist AB', currency: 'EUR', positions: 1, amount: '20000.00' }]);
    // Today differs by exactly the limit decided since: a row for the second buyer, the first one's unchanged.
    expect(now.body.rows.filter((row: any) => row.key !== 'SE:5568123458')).toEqual(then.body.rows);
    const added = now.body.rows.find((row: any) => row.key === 'SE:5568123458');
    expect(added, JSON.stringify(now.body.rows)).toMatchObject({ currency: 'EUR', positions: 1 });

    const countries = await getReport(service, underwriter, 'exposure', { by: 'country', asOf: firstDay });
    expect(countries.body.rows).toEqual([{ key: 'SE', label: 'SE', currency: 'EUR', positions: 1, amount: '20000.00' }]);
    const countriesNow = await getReport(service, underwriter, 'exposure', { by: 'country' });
    expect(countriesNow.body.rows).toEqual([{ key: 'SE', label: 'SE', currency: 'EUR', positions: 2, amount: (20000 + Number(added.amount)).toFixed(2) }]);
  });

  it('replays the case log: no case as of last month, the case opened since today', async () => {
    const then = await getReport(service, handler, 'cases', { asOf: firstDay });
    expect(then.status, then.text).toBe(200);
    expect(then.body.rows).toEqual([]);
    const now = await getReport(service, handler, 'cases');
    expect(now.body.rows).toEqual([expect.objectContaining({ cases: 1, ageBucket: '0-30', claimStatus: 'NOT_CLAIMED' })]);
  });

  it('answers CSV with exactly the rows and columns of the JSON', async () => {
    for (const [report, headers, query] of [
      ['exposure', underwriter, { by: 'rating', asOf: firstDay }], ['exposure', underwriter, { by: 'product' }],
      ['cases', handler, {}], ['loss-ratio', handler, { asOf: '2026-12-01' }], ['ageing', handler, {}], ['promises', handler, {}],
      ['split-arms', handler, {}],
    ] as const) {
      const json = await getReport(service, headers, report, query);
      expect(json.status, `${report}: ${json.text}`).toBe(200);
      const csv = await getReport(service, headers, report, { ...query, format: 'csv' });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="${report}-.*\\.csv"`));
      expect(parseCsv(csv.text)).toEqual(tableAsCsvRows(json.body));
    }
  });

  it('refuses bad input in the platform error body', async () => {
    const cases: [Record<string, string>, string, number, string][] = [
      [{ asOf: '2026-02-30' }, 'exposure', 400, 'validation'],
      [{ asOf: 'yesterday' }, 'exposure', 400, 'validation'],
      [{ asOf: '2027-01-01' }, 'exposure', 400, 'validation'],
      [{ by: 'colour' }, 'exposure', 400, 'validation'],
      [{ format: 'xlsx' }, 'exposure', 400, 'validation'],
      [{}, 'no-such-report', 404, 'unknown_report'],
    ];
    for (const [query, report, status, code] of cases) {
      const answer = await getReport(service, underwriter, report, query);
      expect(answer.status, `${report} ${JSON.stringify(query)}: ${answer.text}`).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    expect((await getReport(service, underwriter, 'exposure', { asOf: '2027-01-01' })).body.error.issues[0].path).toEqual(['asOf']);
  });

  it('needs a staff credential with the report role, and never shows another tenant', async () => {
    expect((await call(service.url, 'GET', '/backoffice/v1/reports/exposure')).status).toBe(401);
    expect((await call(service.url, 'GET', '/backoffice/v1/reports/exposure?format=csv', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await getReport(service, managementHeaders(client.tenant), 'exposure')).status).toBe(403);
    expect(await getReport(service, underwriter, 'ageing')).toMatchObject({ status: 403, body: { error: { code: 'missing_role' } } });
    expect((await call(service.url, 'GET', '/backoffice/v1/reports', { headers: underwriter })).body.data.map((report: any) => report.id))
      .toEqual(['exposure', 'loss-ratio', 'ageing', 'cases', 'promises', 'split-arms', 'recovery']);

    const other = await casesClient(service);
    const otherStaff = await staffHeaders(service, other.tenant, ['underwriter', 'claims_handler']);
    expect((await getReport(service, otherStaff, 'exposure', { by: 'buyer' })).body.rows).toEqual([]);
    expect((await getReport(service, otherStaff, 'cases')).body.rows).toEqual([]);
  });
});
