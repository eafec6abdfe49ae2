import type { Logger } from 'pino';
import { offsetClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database, DatabaseHandle, Transaction } from './db/database.js';
import type { JobQueue } from './jobs/queue.js';
import type { Tenant } from './tenants/tenant.js';
import { systemActor, unitOfWork, type UnitOfWork } from './unit-of-work.js';

/** What the HTTP layer and the use cases share: built once per process (or per test) and handed down. */
export interface Platform {
  config: Config;
  handle: DatabaseHandle;
  db: Database;
  /** The system clock (token expiry, job scheduling); business time goes through `clockFor(tenant)`. */
  clock: Clock;
  jobs: JobQueue;
  logger: Logger;
}

/** The tenant's business clock: the system clock for live tenants, shifted by the test-clock offset for sandboxes. */
export function clockFor(platform: Pick<Platform, 'clock'>, tenant: Pick<Tenant, 'mode' | 'clockOffsetMs'>): Clock {
  return tenant.mode === 'sandbox' ? offsetClock(platform.clock, tenant.clockOffsetMs) : platform.clock;
}

/**
 * Work the system does for a tenant inside a sweep or handler transaction (actor `system:<actorId>`): its time is the
 * tenant's business time at the system clock's `systemNow` (shifted by a sandbox's test-clock offset).
 */
export function systemUnitOfWork(tx: Transaction, tenant: Tenant, systemNow: Date, actorId: string): UnitOfWork {
  const clock = clockFor({ clock: { now: () => systemNow } }, tenant);
  return unitOfWork({ tx, tenant, clock, actor: systemActor(actorId) });
}
