// A Connect offer whose e-mail can never reach the seller ends as declined (pending false, success false) and gives
// the buyer's capacity back (spec §4.5: "mail bounced — nothing was sent").
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, events } from '../../src/platform/db/schema.js';
import { describeEachEngine } from '../support/engines.js';
import { call } from '../support/http.js';
import { until } from '../support/wait.js';
import { connectApi, connectBody, requestRow, startConnectService } from './connect-support.js';

describeEachEngine('Connect: undeliverable quote e-mail', (engine) => {
  let connect: Awaited<ReturnType<typeof startConnectService>>;
  beforeAll(async () => {
    connect = await startConnectService(engine, { refuse: new Map([['gone@example.se', 550]]) });
  });
  afterAll(async () => connect?.stop());

  it('declines the offer, releases its exposure and tells the partner, when the seller\'s server refuses the e-mail', async () => {
    const { service } = connect;
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service, { seller_email: 'gone@example.se' }));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const ended = await until(async () => {
      const response = await api.get(id);
      return response.body.pending === false && response.body.success === false ? response.body : undefined;
    });
    expect(ended).toMatchObject({ pending: false, success: false, seller_email: 'gone@example.se' });
    expect(await requestRow(service, id)).toMatchObject({ status: 'declined', declineRule: 'mail_undeliverable', exposureHeld: 0 });
    const exposure = await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5567104046/exposure', {
      headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` },
    });
    expect(exposure.body).toMatchObject({ exposure: '0.00' });
    const statuses = await service.platform.db.select({ data: events.data }).from(events)
      .where(and(eq(events.tenantId, tenant.tenant.id), eq(events.entityId, id))).orderBy(events.id);
    expect(statuses.map((event) => (event.data as { status: string }).status)).toEqual(['pending', 'priced', 'declined']);
    expect(statuses.at(-1)?.data).toMatchObject({ pending: false, success: false, previous_status: 'priced' });
    const [audit] = await service.platform.db.select().from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.tenant.id), eq(auditLog.entityId, id), eq(auditLog.action, 'quote_request.declined')));
    expect(audit).toMatchObject({ actorType: 'system', actorId: 'mail', details: expect.objectContaining({ rule: 'mail_undeliverable', from: 'priced' }) });
  });

  it('leaves an offer whose e-mail arrived as it is', async () => {
    const { service, smtp } = connect;
    const tenant = await service.createTenant();
    const api = connectApi(service, tenant);
    const created = await api.create(connectBody(service, { seller_email: 'here@example.se' }));
    await until(() => smtp.received.find((mail) => mail.to.includes('here@example.se')));
    expect(await api.settled(created.body.id)).toMatchObject({ pending: false, success: true });
    expect(await requestRow(service, created.body.id)).toMatchObject({ status: 'priced', declineRule: null });
  });
});
