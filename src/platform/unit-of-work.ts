import type { Clock } from './clock.js';
import type { Executor, Transaction } from './db/database.js';
import type { Tenant } from './tenants/tenant.js';

/** Who caused a change: an API credential, a staff member, the CLI or the system itself (sweepers, jobs). */
export interface ActorRef {
  type: 'credential' | 'staff' | 'cli' | 'system';
  id: string;
}

/** Who writes and when: what every event and audit row of a change records. */
export interface WriteOrigin {
  tenant: Tenant;
  now: Date;
  actor: ActorRef;
  requestId?: string;
  /** Set once the use case has written an audit row. */
  audited: boolean;
}

/**
 * One use case's transaction: everything a state change needs to write its row, its event and its audit row
 * atomically. `now` is read once from the tenant's clock when the unit starts.
 */
export interface UnitOfWork extends WriteOrigin {
  tx: Transaction;
  clock: Clock;
}

/**
 * A use case tried as one statement outside a transaction (see runOptimisticMutation): it reads a snapshot through
 * `db`, decides, and writes everything or nothing in a single statement guarded by a compare-and-set.
 */
export interface SingleStatementWork extends WriteOrigin {
  db: Executor;
  clock: Clock;
}
