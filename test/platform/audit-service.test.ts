// The audit log through the running service: staff reads of personal data are logged, the worker's sweeper seals
// every row, and the management route names a tampered entry.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { managementHeaders } from '../support/faces.js';
import { auditLog } from '../../src/platform/db/schema.js';
import { api, quoteBody } from '../insurance/support.js';
import { queueMail } from '../../src/platform/mail/outbox.js';
import { clockFor } from '../../src/platform/services.js';
import { systemActor, unitOfWork } from '../../src/platform/unit-of-work.js';

describeEachEngine('audit log in the service', (engine) => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  const staff = (tenant: TestTenant) => ({ authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` });
  const staffReads = (tenant: TestTenant) =>
    service.platform.db.select().from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.tenant.id), eq(auditLog.action, 'staff.read'))).orderBy(asc(auditLog.id));
  const verification = (tenant: TestTenant) => call(service.url, 'GET', '/management/v1/audit/verification', { headers: managementHeaders(tenant) });

  it('logs each quote, claim and buyer a staff member is shown, as that staff credential', async () => {
    const tenant = await service.createTenant({ name: 'Staff reads' });
    const reinsure = api(service, tenant, 'reinsure');
    const referred = await reinsure.create(quoteBody(service, { invoice_amount: '600000.00' }));
    const claimed = await reinsure.create(quoteBody(service, { buyer_country: 'FI', buyer_identifier: '2345678-0' }));
    await reinsure.action(claimed.body.id, 'activate');
    expect((await reinsure.action(claimed.body.id, 'claim')).status).toBe(200);

    expect((await call(service.url, 'GET', '/backoffice/v1/quotes/referred', { headers: staff(tenant) })).body.data).toHaveLength(1);
    expect((await call(service.url, 'GET', '/backoffice/v1/claims/pending', { headers: staff(tenant) })).body.data).toHaveLength(1);
    expect((await call(service.url, 'GET', '/backoffice/v1/buyers/SE/556710-4046/exposure', { headers: staff(tenant) })).status).toBe(200);

    const reads = await staffReads(tenant);
    expect(reads.map((row) => [row.entityType, row.entityId, row.details])).toEqual([
      ['quote', referred.body.id, { route: 'GET /backoffice/v1/quotes/referred' }],
      ['claim', claimed.body.id, { route: 'GET /backoffice/v1/claims/pending' }],
      ['buyer', 'SE:5567104046', { route: 'GET /backoffice/v1/buyers/:country/:identifier/exposure' }],
    ]);
    expect(reads.every((row) => row.actorType === 'staff' && row.actorId === tenant.credentials.staff.credentialId && row.requestId)).toBe(true);
  });

  it('logs each e-mail (recipients and text are personal data) a staff member lists or opens', async () => {
    const tenant = await service.createTenant({ name: 'Staff mail reads' });
    const messageId = await service.platform.db.transaction(async (tx) => queueMail(
      unitOfWork({ tx, tenant: tenant.tenant, clock: clockFor(service.platform, tenant.tenant), actor: systemActor('test') }),
      service.platform.jobs,
      { kind: 'test', from: 'Tradecredit <no-reply@tradecredit.test>', to: ['anna@example.se'], subject: 'Offert', text: 'Hej!', language: 'sv', related: { type: 'quote', id: 'q-1' } },
    ));
    expect((await call(service.url, 'GET', '/backoffice/v1/messages', { headers: staff(tenant) })).body.data).toHaveLength(1);
    expect((await call(service.url, 'GET', `/backoffice/v1/messages/${messageId}`, { headers: staff(tenant) })).status).toBe(200);
    // The tenant reading its own mail through the management API is not a staff read.
    expect((await call(service.url, 'GET', '/management/v1/messages', { headers: managementHeaders(tenant) })).status).toBe(200);

    expect((await staffReads(tenant)).map((row) => [row.entityType, row.entityId, row.details])).toEqual([
      ['mail_message', messageId, { route: 'GET /backoffice/v1/messages' }],
      ['mail_message', messageId, { route: 'GET /backoffice/v1/messages/:id' }],
    ]);
  });

  it('logs no read that was refused or showed nothing', async () => {
    const tenant = await service.createTenant({ name: 'Refused reads' });
    expect((await call(service.url, 'GET', '/backoffice/v1/quotes/referred', { headers: managementHeaders(tenant) })).status).toBe(403);
    expect((await call(service.url, 'GET', '/backoffice/v1/claims/pending', { headers: staff(tenant) })).body.data).toEqual([]);
    expect((await call(service.url, 'GET', '/backoffice/v1/buyers/SE/not-an-id/exposure', { headers: staff(tenant) })).status).toBe(400);
    expect(await staffReads(tenant)).toEqual([]);
  });

  it('the worker seals every row, and the management route reports the chain intact, then names an edited entry', async () => {
    const tenant = await service.createTenant({ name: 'Verified' });
    for (let index = 0; index < 3; index += 1) {
      await call(service.url, 'POST', '/management/v1/webhook-endpoints', { headers: managementHeaders(tenant), json: { url: `https://example.com/hook/${index}` } });
    }
    await call(service.url, 'GET', '/backoffice/v1/buyers/SE/556710-4046/exposure', { headers: staff(tenant) });
    const unsealed = await verification(tenant);
    expect(unsealed.body).toMatchObject({ tenantId: tenant.tenant.id, intact: true, verifiedEntries: 0, unsealedEntries: 4 });

    // The worker's own pass seals them (on PostgreSQL, once no other session's older transaction holds the horizon).
    const intact = await until(async () => {
      const reports = await service.sweeper!.runOnce();
      expect(reports.map((report) => report.name)).toContain('audit-seal');
      const answer = await verification(tenant);
      return answer.body.unsealedEntries === 0 ? answer : undefined;
    });
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ intact: true, verifiedEntries: 4, unsealedEntries: 0, break: null, verifiedThrough: { seq: 4 } });

    const anchor = `${intact.body.verifiedThrough.seq}:${intact.body.verifiedThrough.hash}`;
    expect((await call(service.url, 'GET', `/management/v1/audit/verification?anchor=${anchor}`, { headers: managementHeaders(tenant) })).body.intact).toBe(true);
    const badAnchor = await call(service.url, 'GET', '/management/v1/audit/verification?anchor=4:nothex', { headers: managementHeaders(tenant) });
    expect(badAnchor.status).toBe(400);
    expect(badAnchor.body.error).toMatchObject({ code: expect.any(String) });

    const [second] = await service.platform.handle.query<{ id: string }>('SELECT id::text AS id FROM audit_log WHERE tenant_id = $1 AND seq = 2', [tenant.tenant.id]);
    await service.platform.handle.query(`UPDATE audit_log SET actor_id = 'someone-else' WHERE id = $1`, [second!.id]);
    expect((await verification(tenant)).body).toMatchObject({
      intact: false, verifiedEntries: 1, break: { kind: 'edited', seq: 2, auditId: Number(second!.id) },
    });
    expect((await call(service.url, 'GET', '/management/v1/audit/verification')).status).toBe(401);
  });
});
