// The one event writer (platform/events/append.ts): rows in array order, and dispatch_pending decided by the
// tenant's enabled webhook subscriptions when the writer asks for it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { fastWriteAll } from '../../src/platform/db/fast-query.js';
import { events } from '../../src/platform/db/schema.js';
import { appendEvents, dispatchAwareEventsWrites, eventsWrites, type NewEvent } from '../../src/platform/events/append.js';
import { createWebhookEndpoint, disableWebhookEndpoint } from '../../src/platform/webhooks/endpoints.js';
import { systemActor, unitOfWork, type UnitOfWork } from '../../src/platform/unit-of-work.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

describeEachEngine('the platform event writer', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  let other: TestTenant;
  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
    other = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  const inTransaction = <T>(owner: TestTenant, work: (uow: UnitOfWork) => Promise<T>) => service.platform.db.transaction((tx) =>
    work(unitOfWork({ tx, tenant: owner.tenant, clock: service.clock, actor: systemActor('test'), requestId: 'req-1' })));

  // Read in the writing transaction: the webhook dispatcher cannot have touched rows it cannot see yet.
  const eventsOf = async (uow: UnitOfWork, entityId: string) => uow.tx
    .select({ id: events.id, type: events.type, entityType: events.entityType, pending: events.dispatchPending, requestId: events.requestId })
    .from(events).where(eq(events.entityId, entityId)).orderBy(asc(events.id));

  const event = (type: string, entityId: string, n: number, entityType = 'thing'): NewEvent => ({ type, entityType, entityId, data: { n } });

  it('appends events of mixed types in array order, all waiting for the dispatcher', async () => {
    const { ids, rows } = await inTransaction(tenant, async (uow) => {
      const appended = await appendEvents(uow, [event('a.one', 'mixed', 0), event('b.two', 'mixed', 1, 'other'), event('a.one', 'mixed', 2)]);
      return { ids: appended, rows: await eventsOf(uow, 'mixed') };
    });
    expect(ids).toHaveLength(3);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(rows.map((row) => [row.id, row.type, row.entityType, row.pending, row.requestId])).toEqual([
      [ids[0], 'a.one', 'thing', true, 'req-1'], [ids[1], 'b.two', 'other', true, 'req-1'], [ids[2], 'a.one', 'thing', true, 'req-1'],
    ]);
  });

  it('writes 2,500 events as three statements, each in array order', async () => {
    const many = Array.from({ length: 2500 }, (_, n) => event(n % 2 ? 'a.one' : 'b.two', 'many', n));
    const writes = eventsWrites({ tenant: tenant.tenant, now: service.clock.now(), actor: systemActor('test'), audited: false }, many);
    expect(writes).toHaveLength(3);
    // One after another: combined into one statement (fastWriteAll of all three), their order is not promised.
    await inTransaction(tenant, async (uow) => {
      for (const write of writes) await fastWriteAll(uow.tx, [write]);
    });
    const rows = await service.platform.db.select({ data: events.data }).from(events).where(eq(events.entityId, 'many')).orderBy(asc(events.id));
    expect(rows.map((row) => (row.data as { n: number }).n)).toEqual(many.map((_, n) => n));
  });

  it('marks for dispatch only the types an enabled endpoint of the tenant wants', async () => {
    await inTransaction(tenant, (uow) => createWebhookEndpoint(uow, { url: 'https://example.com/hook', eventTypes: ['a.*'] }));
    const disabled = await inTransaction(tenant, (uow) => createWebhookEndpoint(uow, { url: 'https://example.com/off', eventTypes: ['c.three'] }));
    if ('code' in disabled) throw new Error(disabled.message);
    await inTransaction(tenant, (uow) => disableWebhookEndpoint(uow, disabled.endpoint.id));
    await inTransaction(other, (uow) => createWebhookEndpoint(uow, { url: 'https://example.com/other', eventTypes: ['b.two'] }));
    const rows = await inTransaction(tenant, async (uow) => {
      await fastWriteAll(uow.tx, await dispatchAwareEventsWrites(uow.tx, uow, [
        event('b.two', 'filtered', 0), event('a.one', 'filtered', 1), event('c.three', 'filtered', 2),
      ]));
      return eventsOf(uow, 'filtered');
    });
    expect(rows.map((row) => [row.type, row.pending])).toEqual([['b.two', false], ['a.one', true], ['c.three', false]]);
  });

  it('writes nothing for no events', async () => {
    expect(await inTransaction(tenant, (uow) => dispatchAwareEventsWrites(uow.tx, uow, []))).toEqual([]);
    expect(await inTransaction(tenant, (uow) => appendEvents(uow, []))).toEqual([]);
  });
});
