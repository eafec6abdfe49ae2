// Recovery curves by month of placement (issue 17 point 3) over HTTP on both engines: claims placed in November and
// December, payments booked over the following months; the share recovered after 1, 2, … months of each claim's
// placement, shown only once the whole month has had them; as of a past date; as CSV; delivered monthly.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { mailMessages } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { startTestService, type TestService } from '../support/service.js';
import { startServicing, type ServicingClient } from '../servicing/support.js';
import { emlAttachment, getReport, parseCsv, seedRecoveryBook, staffHeaders, tableAsCsvRows } from './support.js';

const nulls = (from: number) => Object.fromEntries(Array.from({ length: 13 - from }, (_unused, index) => [`m${from + index}`, null]));

describeEachEngine('Recovery curves by month of placement', (engine) => {
  let service: TestService;
  let servicing: ServicingClient;
  let handler: Record<string, string>;
  let subscriptionId: string;

  beforeAll(async () => {
    service = await startTestService({ engine });
    servicing = await startServicing(engine, service); // the tenant's clock starts at 2026-11-21T10:00Z
    handler = await staffHeaders(service, servicing.tenant, ['collections_manager']);
    const subscribed = await call(service.url, 'POST', '/backoffice/v1/reports/subscriptions', {
      headers: handler, json: { report: 'recovery', format: 'csv', frequency: 'monthly', email: 'collections@insurer.example' },
    });
    expect(subscribed.status, subscribed.text).toBe(201);
    subscriptionId = subscribed.body.id;
    await seedRecoveryBook(service, servicing);
  }, 300_000);
  afterAll(async () => service?.stop());

  const november = {
    month: '2026-11', currency: 'EUR', claims: 2, placed: '15000.00', recovered: '6500.00',
    m1: '0.3667', m2: '0.4333', ...nulls(3), // 5,500.00 by 21 December, 6,500.00 by 21 January
  };
  const december = { month: '2026-12', currency: 'EUR', claims: 1, placed: '4000.00', recovered: '1000.00', m1: '0.2500', ...nulls(2) };

  it('gives the share of each month\'s placed principal recovered after 1, 2, … months, once the month has had them', async () => {
    const today = await getReport(service, handler, 'recovery');
    expect(today.status, today.text).toBe(200);
    expect(today.body).toMatchObject({ report: 'recovery', asOf: '2027-02-02', chart: { x: 'month', series: ['m1', 'm3', 'm6', 'm12'] } });
    expect(today.body.rows).toEqual([november, december]);
  });

  it('draws the curves as they stood on a past date', async () => {
    const midDecember = await getReport(service, handler, 'recovery', { asOf: '2026-12-15' });
    expect(midDecember.body.rows).toEqual([{ month: '2026-11', currency: 'EUR', claims: 2, placed: '15000.00', recovered: '5500.00', ...nulls(1) }]);
    // At the close of 31 December every November claim has had a month; January's payments are not there yet.
    const yearEnd = await getReport(service, handler, 'recovery', { asOf: '2026-12-31' });
    expect(yearEnd.body.rows).toEqual([
      { ...november, recovered: '5500.00', m2: null },
      { ...december, recovered: '0.00', m1: null },
    ]);
  });

  it('answers CSV with the JSON\'s rows, to the roles that may see it, and to no other tenant', async () => {
    const json = await getReport(service, handler, 'recovery', { asOf: '2027-01-31' });
    const csv = await getReport(service, handler, 'recovery', { asOf: '2027-01-31', format: 'csv' });
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="recovery-2027-01-31.csv"');
    expect(parseCsv(csv.text)).toEqual(tableAsCsvRows(json.body));
    expect(parseCsv(csv.text)[0]!.slice(0, 6)).toEqual(['Month placed', 'Currency', 'Claims', 'Placed', 'Recovered', 'Recovered after 1 month']);
    expect(await getReport(service, await staffHeaders(service, servicing.tenant, ['underwriter']), 'recovery'))
      .toMatchObject({ status: 403, body: { error: { code: 'missing_role' } } });
    const other = await startServicing(engine, service);
    expect((await getReport(service, await staffHeaders(service, other.tenant, ['claims_handler']), 'recovery')).body.rows).toEqual([]);
  });

  it('is delivered monthly, each delivery carrying the curves as they stood at the close of its month', async () => {
    await service.sweeper!.runOnce();
    const messages = (await service.platform.db.select().from(mailMessages)
      .where(and(eq(mailMessages.tenantId, servicing.tenant.tenant.id), eq(mailMessages.relatedId, subscriptionId))))
      .sort((a, b) => a.subject.localeCompare(b.subject));
    expect(messages.map((message) => message.subject.slice(-10))).toEqual(['2026-11-30', '2026-12-31', '2027-01-31']);
    for (const message of messages) {
      const asOf = message.subject.slice(-10);
      const drawn = await getReport(service, handler, 'recovery', { asOf });
      expect(parseCsv(emlAttachment(message.eml).content.toString('utf8')), asOf).toEqual(tableAsCsvRows(drawn.body));
    }
    const january = parseCsv(emlAttachment(messages[2]!.eml).content.toString('utf8'));
    expect(january.slice(1).map((row) => row.slice(0, 7))).toEqual([
      ['2026-11', 'EUR', '2', '15000.00', '6500.00', '0.3667', '0.4333'],
      ['2026-12', 'EUR', '1', '4000.00', '1000.00', '0.2500', ''],
    ]);
  });
});
