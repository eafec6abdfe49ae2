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

export interface UnitOfWorkParts {
  tx: Transaction;
  tenant: Tenant;
  /** The tenant's business clock; `now` is read from it once unless given. */
  clock: Clock;
  actor: ActorRef;
  requestId?: string;
  now?: Date;
}

/** The one way to open a unit of work: every use case's transaction starts here, never from a hand-built literal. */
export function unitOfWork(parts: UnitOfWorkParts): UnitOfWork {
  const { tx, tenant, clock, actor, requestId } = parts;
  return { tx, tenant, clock, now: parts.now ?? clock.now(), actor, ...(requestId === undefined ? {} : { requestId }), audited: false };
}

/** The system (sweeps, jobs, pages without a credential) acting as `system:<id>`. */
export function systemActor(id: string): ActorRef {
  return { type: 'system', id };
}

export interface SingleStatementWorkParts extends Omit<UnitOfWorkParts, 'tx'> {
  db: Executor;
}

/** The one way to start a use case tried as one statement outside a transaction (see SingleStatementWork). */
export function singleStatementWork(parts: SingleStatementWorkParts): SingleStatementWork {
  const { db, tenant, clock, actor, requestId } = parts;
  return { db, tenant, clock, now: parts.now ?? clock.now(), actor, ...(requestId === undefined ? {} : { requestId }), audited: false };
}
