import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtp } from '../support/smtp.js';
import { eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { managementHeaders } from '../support/faces.js';
import { composeQueuedMail, MAIL_JOB_MESSAGES, mailJobsWrite, mailRowsWrite, queueMail } from '../../src/platform/mail/outbox.js';
import { fastWriteAll } from '../../src/platform/db/fast-query.js';
import { mailMessages } from '../../src/platform/db/schema.js';
import { clockFor } from '../../src/platform/services.js';
import type { UnitOfWork } from '../../src/platform/unit-of-work.js';

async function queueTestMail(service: TestService, tenant: TestTenant, to: string) {
  return service.platform.db.transaction(async (tx) => {
    const clock = clockFor(service.platform, tenant.tenant);
    const uow: UnitOfWork = { tx, tenant: tenant.tenant, clock, now: clock.now(), actor: { type: 'system', id: 'test' }, audited: false };
    return queueMail(uow, service.platform.jobs, {
      kind: 'test',
      from: 'Tradecredit <no-reply@tradecredit.test>',
      to: [to],
      subject: 'Försäkringsoffert för faktura 1001',
      text: 'Hej! Premien är 145,00 kr.',
      html: '<p>Hej! Premien är <b>145,00 kr</b>.</p>',
      language: 'sv',
      related: { type: 'quote', id: 'q-1' },
    });
  });
}

/** Stores messages as a bulk writer does (the collections runs): their rows and their jobs, several messages a job. */
async function queueBulkMail(service: TestService, tenant: TestTenant, recipients: readonly string[]): Promise<string[]> {
  return service.platform.db.transaction(async (tx) => {
    const now = clockFor(service.platform, tenant.tenant).now();
    const rows = [];
    for (const to of recipients) {
      rows.push(await composeQueuedMail({ tenant: tenant.tenant, now }, {
        kind: 'test-bulk', from: 'Tradecredit <no-reply@tradecredit.test>', to: [to], subject: `Reminder for ${to}`, text: 'Please pay.', html: '<p>Please pay.</p>', language: 'en',
      }));
    }
    await fastWriteAll(tx, [mailRowsWrite(rows), mailJobsWrite(service.platform.jobs, rows.map((row) => row.id))]);
    return rows.map((row) => row.id);
  });
}

describeEachEngine('e-mail: stored as .eml, sent over SMTP when configured', (engine) => {
  let service: TestService;
  let unsent: TestService;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let tenant: TestTenant;

  beforeAll(async () => {
    smtp = await startSmtp();
    service = await startTestService({ engine, env: { SMTP_URL: smtp.url } });
    unsent = await startTestService({ engine });
    tenant = await service.createTenant();
  });
  afterAll(async () => {
    await service?.stop();
    await unsent?.stop();
    await smtp?.close();
  });

  it('sends the stored message byte for byte to the SMTP server', async () => {
    const id = await queueTestMail(service, tenant, 'seller@example.se');
    const [message] = await until(async () => {
      const rows = await service.platform.db.select().from(mailMessages).where(eq(mailMessages.id, id));
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({ from: 'no-reply@tradecredit.test', to: ['seller@example.se'] });
    expect(smtp.received[0]!.raw.replace(/\r\n/g, '\n').trimEnd()).toBe(message!.eml.replace(/\r\n/g, '\n').trimEnd());
    expect(message!.eml).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(message!.eml).toContain('Content-Language: sv');
    expect(message!.eml).toContain('multipart/alternative');
  });

  it('lists messages and serves the raw .eml to the tenant only', async () => {
    const headers = managementHeaders(tenant);
    const listed = await call(service.url, 'GET', '/management/v1/messages', { headers });
    expect(listed.body.data[0]).toMatchObject({ kind: 'test', to: ['seller@example.se'], subject: 'Försäkringsoffert för faktura 1001', status: 'sent', relatedType: 'quote', relatedId: 'q-1' });
    const raw = await call(service.url, 'GET', `/management/v1/messages/${listed.body.data[0].id}`, { headers });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toContain('message/rfc822');
    expect(raw.text).toContain('From: Tradecredit <no-reply@tradecredit.test>');
    const other = await service.createTenant({ name: 'Other' });
    expect((await call(service.url, 'GET', `/management/v1/messages/${listed.body.data[0].id}`, { headers: managementHeaders(other) })).status).toBe(404);
  });

  it('pages and filters the list (related entity, recipient), newest first', async () => {
    const own = await service.createTenant({ name: 'Paging' });
    const ids = [];
    for (const to of ['a@example.se', 'b@example.se', 'a@example.se']) {
      ids.push(await queueTestMail(service, own, to));
      service.clock.advance(1000);
    }
    const headers = managementHeaders(own);
    const first = await call(service.url, 'GET', '/management/v1/messages?limit=2', { headers });
    expect(first.body.data.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const second = await call(service.url, 'GET', `/management/v1/messages?limit=2&beforeId=${first.body.nextBeforeId}`, { headers });
    expect(second.body).toEqual({ data: [expect.objectContaining({ id: ids[0] })], nextBeforeId: null });
    const toA = await call(service.url, 'GET', '/management/v1/messages?to=a@example.se', { headers });
    expect(toA.body.data.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[0]]);
    const related = await call(service.url, 'GET', '/management/v1/messages?relatedType=quote&relatedId=q-2', { headers });
    expect(related.body.data).toEqual([]);
    expect((await call(service.url, 'GET', '/management/v1/messages?relatedType=quote&relatedId=q-1', { headers })).body.data).toHaveLength(3);
    expect((await call(service.url, 'GET', '/management/v1/messages?beforeId=nope', { headers })).status).toBe(400);
    expect((await call(service.url, 'GET', '/management/v1/messages?limit=0', { headers })).status).toBe(400);
  });

  it('staff read the same stored messages through the back office; other tenants\' ids are unknown', async () => {
    const own = await service.createTenant({ name: 'Back office mail' });
    const id = await queueTestMail(service, own, 'staff-view@example.se');
    const staff = { authorization: `Bearer ${own.sheet.credentials.staff.apiKey}` };
    const listed = await call(service.url, 'GET', '/backoffice/v1/messages', { headers: staff });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([expect.objectContaining({ id, to: ['staff-view@example.se'], relatedType: 'quote', relatedId: 'q-1' })]);
    const raw = await call(service.url, 'GET', `/backoffice/v1/messages/${id}`, { headers: staff });
    expect(raw.headers.get('content-type')).toContain('message/rfc822');
    expect(raw.text).toContain('To: staff-view@example.se');
    const otherStaff = { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` };
    expect((await call(service.url, 'GET', `/backoffice/v1/messages/${id}`, { headers: otherStaff })).body).toEqual({ error: { code: 'not_found', message: 'No such message' } });
    expect((await call(service.url, 'GET', '/backoffice/v1/messages', { headers: managementHeaders(own) })).status).toBe(403);
    expect((await call(service.url, 'GET', '/backoffice/v1/messages')).status).toBe(401);
  });

  it('fails a message the server refuses for good at once, and retries one it refuses for now until it is taken', async () => {
    const own = await service.createTenant({ name: 'Refusals' });
    smtp.refuse.set('nobody@example.se', 550);
    smtp.refuse.set('busy@example.se', 451);
    const refused = await queueTestMail(service, own, 'nobody@example.se');
    const deferred = await queueTestMail(service, own, 'busy@example.se');
    const messageRow = async (id: string) => (await service.platform.db.select().from(mailMessages).where(eq(mailMessages.id, id)))[0]!;
    const failed = await until(async () => ((await messageRow(refused)).status === 'failed' ? messageRow(refused) : undefined));
    expect(failed).toMatchObject({ attempts: 1, sentAt: null });
    expect(failed.lastError).toContain('No such mailbox');
    const retrying = await until(async () => ((await messageRow(deferred)).attempts >= 1 ? messageRow(deferred) : undefined));
    expect(retrying).toMatchObject({ status: 'queued' });
    expect(retrying.lastError).toContain('Try again later');
    smtp.refuse.delete('busy@example.se');
    const sent = await until(async () => ((await messageRow(deferred)).status === 'sent' ? messageRow(deferred) : undefined), 30_000);
    expect(sent.attempts).toBeGreaterThanOrEqual(2);
    expect(smtp.received.filter((mail) => mail.to.includes('busy@example.se'))).toHaveLength(1);
    expect(smtp.received.filter((mail) => mail.to.includes('nobody@example.se'))).toHaveLength(0);
  });

  it('a bulk writer\'s jobs carry up to 50 messages each, and each message of a job is sent once, retried alone or failed alone', async () => {
    const own = await service.createTenant({ name: 'Bulk' });
    const ids = ['a', 'b', 'c', 'd'].map((n) => `id-${n}`);
    const payloads = (count: number) => JSON.parse(mailJobsWrite(service.platform.jobs, ids.concat(Array.from({ length: count - 4 }, (_, i) => `id-${i}`)).slice(0, count)).values[1] as string) as object[];
    expect(MAIL_JOB_MESSAGES).toBe(50);
    expect(payloads(1)).toEqual([{ messageId: 'id-a' }]);
    expect(payloads(120).map((job) => ('messageIds' in job ? (job.messageIds as string[]).length : 1))).toEqual([50, 50, 20]);
    expect(payloads(51).map((job) => ('messageIds' in job ? (job.messageIds as string[]).length : 'one'))).toEqual([50, 'one']);

    smtp.refuse.set('bulk-busy@example.se', 451);
    smtp.refuse.set('bulk-nobody@example.se', 550);
    const recipients = Array.from({ length: 60 }, (_, i) => (i === 7 ? 'bulk-busy@example.se' : i === 55 ? 'bulk-nobody@example.se' : `bulk-${i}@example.se`));
    const queued = await queueBulkMail(service, own, recipients);
    const rowsOf = async () => service.platform.db.select().from(mailMessages).where(eq(mailMessages.kind, 'test-bulk'));
    const settled = await until(async () => {
      const rows = await rowsOf();
      const busy = rows.find((row) => row.toAddresses[0] === 'bulk-busy@example.se');
      return rows.filter((row) => row.status === 'sent').length === 58 && busy!.attempts >= 1 ? rows : undefined;
    });
    expect(settled.map((row) => row.id).sort()).toEqual([...queued].sort());
    expect(settled.find((row) => row.toAddresses[0] === 'bulk-nobody@example.se')).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(settled.find((row) => row.toAddresses[0] === 'bulk-busy@example.se')).toMatchObject({ status: 'queued', sentAt: null });
    smtp.refuse.delete('bulk-busy@example.se');
    const busy = await until(async () => {
      const row = (await rowsOf()).find((one) => one.toAddresses[0] === 'bulk-busy@example.se')!;
      return row.status === 'sent' ? row : undefined;
    }, 30_000);
    expect(busy.attempts).toBeGreaterThanOrEqual(2);
    // The job was retried for the busy recipient: the other messages of its job were not sent again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const received = smtp.received.filter((mail) => mail.to[0]!.startsWith('bulk-')).map((mail) => mail.to[0]!);
    expect(received.sort()).toEqual(recipients.filter((to) => to !== 'bulk-nobody@example.se').sort());
    expect((await rowsOf()).every((row) => row.status === (row.toAddresses[0] === 'bulk-nobody@example.se' ? 'failed' : 'sent'))).toBe(true);
  });

  it('without SMTP_URL the message is kept as stored and not sent', async () => {
    const otherTenant = await unsent.createTenant();
    const id = await queueTestMail(unsent, otherTenant, 'buyer@example.se');
    const [message] = await until(async () => {
      const rows = await unsent.platform.db.select().from(mailMessages).where(eq(mailMessages.id, id));
      return rows[0]?.status === 'stored' ? rows : undefined;
    });
    expect(message!.sentAt).toBeNull();
    expect(smtp.received.every((mail) => !mail.to.includes('buyer@example.se'))).toBe(true);
  });
});
