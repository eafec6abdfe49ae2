import type { Clock } from './clock.js';
import type { Transaction } from './db/database.js';
import type { Tenant } from './tenants/tenant.js';

/** Who caused a change: an API credential, a staff member, the CLI or the system itself (sweepers, jobs). */
export interface ActorRef {
  type: 'credential' | 'staff' | 'cli' | 'system';
  id: string;
}

/**
 * One use case's transaction: everything a state change needs to write its row, its event and its audit row
 * atomically. `now` is read once from the tenant's clock when the unit starts.
 */
export interface UnitOfWork {
  tx: Transaction;
  tenant: Tenant;
  clock: Clock;
  now: Date;
  actor: ActorRef;
  requestId?: string;
  /** Set once the use case has written an audit row. */
  audited: boolean;
}
