import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';
import { until } from '../support/wait.js';
import { MODULES } from '../../src/modules.js';
import type { BusinessModule } from '../../src/platform/module.js';
import type { StoredEvent } from '../../src/platform/events/reactions.js';
import { dispatchAwareEventsWrites } from '../../src/platform/events/append.js';
import { fastWriteAll } from '../../src/platform/db/fast-query.js';
import { events } from '../../src/platform/db/schema.js';
import { systemUnitOfWork } from '../../src/platform/services.js';

/** A module that reacts to `probe.reacted`, failing each event's first attempt so that the retry shows. */
function reactingModule(received: StoredEvent[], failedOnce: Set<number>): BusinessModule {
  return {
    name: 'probe-reactions',
    reactions: () => [{
      name: 'probe-listener',
      eventTypes: ['probe.reacted'],
      async handle(event) {
        if (!failedOnce.has(event.id)) {
          failedOnce.add(event.id);
          throw new Error('first attempt fails');
        }
        received.push(event);
      },
    }],
  };
}

describeEachEngine('event reactions', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  const received: StoredEvent[] = [];
  const failedOnce = new Set<number>();

  beforeAll(async () => {
    service = await startTestService({ engine, businessModules: [...MODULES, reactingModule(received, failedOnce)] });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  async function writeEvents(types: string[]): Promise<number[]> {
    return service.platform.db.transaction(async (tx) => {
      const uow = systemUnitOfWork(tx, tenant.tenant, service.clock.now(), 'test');
      const writes = await dispatchAwareEventsWrites(tx, uow, types.map((type, n) => ({ type, entityType: 'probe', entityId: `p-${n}`, data: { n } })));
      await fastWriteAll(tx, writes);
      const rows = await tx.select({ id: events.id }).from(events).where(eq(events.tenantId, tenant.tenant.id));
      return rows.map((row) => Number(row.id));
    });
  }

  it('hands each committed event of a wanted type to the reaction through a retried job, and no other event', async () => {
    await writeEvents(['probe.reacted', 'probe.ignored', 'probe.reacted']);
    const rows = await service.platform.db.select().from(events).where(eq(events.tenantId, tenant.tenant.id));
    const wanted = rows.filter((row) => row.type === 'probe.reacted');
    // No webhook endpoint wants any of these; the reaction's type still waits for the dispatcher, the other does not.
    expect(wanted.every((row) => row.dispatchPending)).toBe(true);
    expect(rows.find((row) => row.type === 'probe.ignored')?.dispatchPending).toBe(false);

    await service.sweeper!.runOnce();
    await until(() => (received.length >= 2 ? true : undefined));
    expect(received.map((event) => event.id).sort()).toEqual(wanted.map((row) => Number(row.id)).sort());
    expect(received.every((event) => event.tenantId === tenant.tenant.id && event.type === 'probe.reacted')).toBe(true);
    expect(received.map((event) => event.data.n).sort()).toEqual([0, 2]);
    expect([...failedOnce].sort()).toEqual(wanted.map((row) => Number(row.id)).sort());

    const after = await service.platform.db.select().from(events).where(inArray(events.id, wanted.map((row) => row.id)));
    expect(after.every((row) => !row.dispatchPending)).toBe(true);
    await service.sweeper!.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received).toHaveLength(2);
  });
});
