// Scheduled report deliveries (issue 17 point 3): staff and a customer subscribe daily, weekly and monthly, as CSV
// or PDF; a sandbox clock advanced a month gives exactly the expected deliveries, each .eml carrying the report as
// it stood on its date; two sweepers racing deliver each period once; a customer's report shows only its book.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { mailMessages } from '../../src/platform/db/schema.js';
import { sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { reportDeliverySweep } from '../../src/backoffice/reports/sweeps.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';
import { startTestService, type TestService } from '../support/service.js';
import { BUYERS, type CasesClient, casesClient } from '../cases/support.js';
import { emlAttachment, getReport, parseCsv, staffHeaders, tableAsCsvRows } from './support.js';

describeEachEngine('Scheduled report deliveries', (engine) => {
  let service: TestService;
  let client: CasesClient;
  let underwriter: Record<string, string>;
  let otherCustomerId: number;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await casesClient(service);
    underwriter = await staffHeaders(service, client.tenant, ['underwriter']);
    const customer = await client.cover.staff('POST', '/cover/customers', { name: 'Other Customer AB', email: 'other@customer.example', country: 'SE' });
    expect(customer.status, customer.text).toBe(201);
    otherCustomerId = customer.body.data.customerId;
  });
  afterAll(async () => service?.stop());

  const subscribe = (headers: Record<string, string>, path: string, json: unknown) => call(service.url, 'POST', path, { headers, json });

  async function messagesOf(subscriptionId: string) {
    const rows = await service.platform.db.select().from(mailMessages)
      .where(and(eq(mailMessages.tenantId, client.tenant.tenant.id), eq(mailMessages.relatedId, subscriptionId)));
    return rows.sort((a, b) => a.subject.localeCompare(b.subject));
  }

  it('delivers a month of daily, weekly and monthly reports once each, as they stood on their dates', async () => {
    const daily = await subscribe(underwriter, '/backoffice/v1/reports/subscriptions', { report: 'exposure', parameters: { by: 'buyer' }, format: 'csv', frequency: 'daily', email: 'risk@insurer.example' });
    expect(daily.status, daily.text).toBe(201);
    expect(daily.body).toMatchObject({ report: 'exposure', frequency: 'daily', nextReportDate: '2026-11-21' });
    const weekly = await subscribe(underwriter, '/backoffice/v1/reports/subscriptions', { report: 'exposure', parameters: { by: 'country' }, format: 'pdf', frequency: 'weekly', email: 'risk@insurer.example' });
    expect(weekly.body.nextReportDate).toBe('2026-11-22'); // the first Sunday
    const monthly = await subscribe(managementHeaders(client.tenant), '/management/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'monthly', customerId: client.customerId, email: 'cfo@customer.example' });
    expect(monthly.status, monthly.text).toBe(201);
    expect(monthly.body.nextReportDate).toBe('2026-11-30');
    const otherCustomer = await subscribe(managementHeaders(client.tenant), '/management/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'monthly', customerId: otherCustomerId });
    expect(otherCustomer.body.email).toBe('other@customer.example');

    // A limit decided on the 10th day: the reports of the days before lack it, those after show it.
    await client.advance(9);
    expect((await client.cover.apply(await client.cover.buyerId(BUYERS.rating4), { creditLimitAmount: '20000' })).status).toBe(201);
    // Now 2026-12-22: 2026-11-21 … 2026-12-21 have closed. The clock moves without a sweep; then two sweepers race.
    const moved = await call(service.url, 'POST', '/sandbox/v1/clock/advance', { headers: managementHeaders(client.tenant), json: { seconds: 22 * 86_400 } });
    expect(moved.status).toBe(200);
    await Promise.all([sweepUntilDone(service.platform.db, reportDeliverySweep(service.platform), service.clock), sweepUntilDone(service.platform.db, reportDeliverySweep(service.platform), service.clock)]);

    const dailyMail = await messagesOf(daily.body.id);
    expect(dailyMail).toHaveLength(31);
    expect(dailyMail[0]!.subject).toBe('Insured exposure as of 2026-11-21');
    expect(dailyMail[30]!.subject).toBe('Insured exposure as of 2026-12-21');
    for (const message of dailyMail) {
      const asOf = message.subject.slice(-10);
      const attached = emlAttachment(message.eml);
      expect(attached.filename).toBe(`exposure-buyer-${asOf}.csv`);
      const drawn = await getReport(service, underwriter, 'exposure', { by: 'buyer', asOf });
      expect(parseCsv(attached.content.toString('utf8')), asOf).toEqual(tableAsCsvRows(drawn.body));
      expect(drawn.body.rows.length, asOf).toBe(asOf < '2026-11-30' ? 0 : 1);
    }

    const weeklyMail = await messagesOf(weekly.body.id);
    expect(weeklyMail.map((message) => message.subject.slice(-10))).toEqual(['2026-11-22', '2026-11-29', '2026-12-06', '2026-12-13', '2026-12-20']);
    const pdf = emlAttachment(weeklyMail[4]!.eml);
    expect(pdf).toMatchObject({ filename: 'exposure-country-2026-12-20.pdf', contentType: 'application/pdf' });
    const page = await (await getDocument({ data: new Uint8Array(pdf.content) }).promise).getPage(1);
    const words = (await page.getTextContent()).items.map((item: any) => item.str).join(' ');
    expect(words).toContain('Insured exposure as of 2026-12-20');
    expect(words).toContain('SE');

    const monthlyMail = await messagesOf(monthly.body.id);
    expect(monthlyMail.map((message) => message.subject)).toEqual(['Insured exposure as of 2026-11-30']);
    expect(monthlyMail[0]!.toAddresses).toEqual(['cfo@customer.example']);
    const customerRows = parseCsv(emlAttachment(monthlyMail[0]!.eml).content.toString('utf8'));
    expect(customerRows.slice(1).map((row) => row[0])).toEqual(['SE:5567104046']);
    // The other customer's book holds nothing: its report is delivered, with no row of the demo customer's.
    const otherMail = await messagesOf(otherCustomer.body.id);
    expect(parseCsv(emlAttachment(otherMail[0]!.eml).content.toString('utf8'))).toHaveLength(1);

    // Sweeping again delivers nothing more; the deliveries are listed per date.
    await service.sweeper!.runOnce();
    expect(await messagesOf(daily.body.id)).toHaveLength(31);
    const listed = await call(service.url, 'GET', `/backoffice/v1/reports/subscriptions/${daily.body.id}/deliveries`, { headers: underwriter });
    expect(listed.body.data).toHaveLength(31);
    expect(listed.body.data[0]).toMatchObject({ reportDate: '2026-11-21', mailMessageId: dailyMail[0]!.id });
  });

  it('refuses what cannot be subscribed, and keeps channels and tenants apart', async () => {
    const management = managementHeaders(client.tenant);
    const refusals: [Record<string, string>, string, unknown, number, string][] = [
      [underwriter, '/backoffice/v1/reports/subscriptions', { report: 'exposure', format: 'xls', frequency: 'daily', email: 'a@b.example' }, 400, 'validation'],
      [underwriter, '/backoffice/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'hourly', email: 'a@b.example' }, 400, 'validation'],
      [underwriter, '/backoffice/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'daily' }, 400, 'validation'],
      [underwriter, '/backoffice/v1/reports/subscriptions', { report: 'exposure', parameters: { by: 'mood' }, format: 'csv', frequency: 'daily', email: 'a@b.example' }, 400, 'validation'],
      [underwriter, '/backoffice/v1/reports/subscriptions', { report: 'ageing', format: 'csv', frequency: 'daily', email: 'a@b.example' }, 403, 'missing_role'],
      [underwriter, '/backoffice/v1/reports/subscriptions', { report: 'nope', format: 'csv', frequency: 'daily', email: 'a@b.example' }, 404, 'unknown_report'],
      [management, '/management/v1/reports/subscriptions', { report: 'ageing', format: 'csv', frequency: 'daily', customerId: client.customerId }, 409, 'not_customer_scoped'],
      [management, '/management/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'daily', customerId: 999 }, 400, 'validation'],
      [management, '/management/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'daily' }, 400, 'validation'],
      [underwriter, '/management/v1/reports/subscriptions', { report: 'exposure', format: 'csv', frequency: 'daily', customerId: client.customerId }, 403, 'forbidden'],
    ];
    for (const [headers, path, body, status, code] of refusals) {
      const answer = await subscribe(headers, path, body);
      expect(answer.status, `${JSON.stringify(body)}: ${answer.text}`).toBe(status);
      expect(answer.body.error.code).toBe(code);
    }
    expect((await call(service.url, 'POST', '/backoffice/v1/reports/subscriptions', { headers: { ...underwriter, 'content-type': 'application/json' }, body: '{"report":' })).status).toBe(400);

    const mine = (await call(service.url, 'GET', '/management/v1/reports/subscriptions', { headers: management })).body.data;
    const other = await casesClient(service);
    const theirs = managementHeaders(other.tenant);
    expect((await call(service.url, 'GET', '/management/v1/reports/subscriptions', { headers: theirs })).body.data).toEqual([]);
    expect((await call(service.url, 'DELETE', `/management/v1/reports/subscriptions/${mine[0].id}`, { headers: theirs })).status).toBe(404);
    expect((await call(service.url, 'GET', `/management/v1/reports/exposure?customerId=${client.customerId}`, { headers: theirs })).status).toBe(400);
    // A staff subscription is not the management API's to cancel, nor the other way round.
    const staffOwn = (await call(service.url, 'GET', '/backoffice/v1/reports/subscriptions', { headers: underwriter })).body.data;
    expect((await call(service.url, 'DELETE', `/management/v1/reports/subscriptions/${staffOwn[0].id}`, { headers: management })).status).toBe(404);
    const cancelled = await call(service.url, 'DELETE', `/management/v1/reports/subscriptions/${mine[0].id}`, { headers: management });
    expect(cancelled.body).toMatchObject({ id: mine[0].id, nextReportDate: null });
    expect(cancelled.body.cancelledAt).not.toBeNull();
  });
});
