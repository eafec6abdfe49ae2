// Two sweep bodies every module would otherwise write again: work on due rows one by one as the system, in the row's
// tenant's business time (tenantRowSweep), and finding the rows whose job ended without an outcome (orphanedJobSweep).
import type { Transaction } from '../db/database.js';
import { executeRaw } from '../db/database.js';
import { noLiveJobSql } from '../jobs/live-jobs.js';
import { clockFor } from '../services.js';
import { findTenant } from '../tenants/service.js';
import { systemActor, type UnitOfWork, unitOfWork } from '../unit-of-work.js';
import type { Sweep } from './sweeper.js';

/** A claimed row names its tenant (snake case: rows come from raw SQL). */
export interface TenantRow {
  readonly tenant_id: string;
}

export interface TenantRowSweepSpec<Row extends TenantRow> {
  readonly name: string;
  readonly batchSize: number;
  /** Claims at most `limit` due rows, locked FOR UPDATE SKIP LOCKED. `now` is the system time. */
  claimDue(tx: Transaction, now: Date, limit: number): Promise<Row[]>;
  /** The system actor the work runs as (`system:<actorId>`). */
  readonly actorId: string;
  /** The request the row came from, when the audit trail should name it. */
  requestIdOf?(row: Row): string | undefined;
  /** Fires one row in the claiming transaction; `uow.now` is its tenant's business time. */
  fireRow(uow: UnitOfWork, row: Row): Promise<void>;
}

/** A sweep that fires each claimed row in its own unit of work for the row's tenant (a row of a deleted tenant is skipped). */
export function tenantRowSweep<Row extends TenantRow>(spec: TenantRowSweepSpec<Row>): Sweep<Row> {
  return {
    name: spec.name,
    batchSize: spec.batchSize,
    claimDue: (tx, now, limit) => spec.claimDue(tx, now, limit),
    async fire(tx, rows, systemNow) {
      // A batch's rows mostly share their tenant: it is looked up once per batch, not once per row.
      const tenants = new Map<string, Awaited<ReturnType<typeof findTenant>>>();
      for (const row of rows) {
        if (!tenants.has(row.tenant_id)) tenants.set(row.tenant_id, await findTenant(tx, row.tenant_id));
        const tenant = tenants.get(row.tenant_id);
        if (!tenant) continue;
        const clock = clockFor({ clock: { now: () => systemNow } }, tenant);
        const uow = unitOfWork({ tx, tenant, clock, actor: systemActor(spec.actorId), requestId: spec.requestIdOf?.(row) });
        await spec.fireRow(uow, row);
      }
    },
  };
}

export interface OrphanedJobSweepSpec<Row extends TenantRow> extends Omit<TenantRowSweepSpec<Row>, 'claimDue'> {
  /** The table and its alias, e.g. `connect_quote_requests q`. */
  readonly from: string;
  readonly alias: string;
  /** The columns the rows carry, e.g. `q.id, q.tenant_id`. */
  readonly columns: string;
  /** What makes a row wait for its job, e.g. `q.status = 'pending'`. */
  readonly waiting: string;
  /** The job's queue, the key of the job data that names the row, and the row's SQL for that value. */
  readonly queue: string;
  readonly dataKey: string;
  readonly idSql: string;
  readonly orderBy: string;
}

/**
 * A sweep of rows whose job ended without an outcome: the worker was killed during the last attempt, so pg-boss failed
 * the job without calling its handler, and the row would wait for ever. A row waiting with no live job of its queue
 * (created, retry or active) is handed to `fireRow`, which ends it as the handler would after a failed last attempt.
 */
export function orphanedJobSweep<Row extends TenantRow>(spec: OrphanedJobSweepSpec<Row>): Sweep<Row> {
  const claim = `
    SELECT ${spec.columns} FROM ${spec.from}
    WHERE ${spec.waiting} AND ${noLiveJobSql('$1', spec.dataKey, spec.idSql)}
    ORDER BY ${spec.orderBy}
    LIMIT $2
    FOR UPDATE OF ${spec.alias} SKIP LOCKED`;
  return tenantRowSweep({
    ...spec,
    claimDue: async (tx, _now, limit) => await executeRaw(tx, claim, [spec.queue, limit]) as Row[],
  });
}

/** SQL for the tenant's clock offset in ms: a sandbox runs on its test clock, a live tenant on the system clock (0). */
export function tenantClockOffsetSql(tenantAlias: string): string {
  return `(CASE WHEN ${tenantAlias}.mode = 'sandbox' THEN ${tenantAlias}.clock_offset_ms ELSE 0 END)`;
}

/** SQL for "`deadline` (in tenant time) has come": at or before the system time `nowParam` plus the tenant's clock offset. */
export function dueInTenantTimeSql(deadline: string, tenantAlias: string, nowParam: string): string {
  return `${deadline} <= ${nowParam}::timestamptz + ${tenantClockOffsetSql(tenantAlias)} * interval '1 millisecond'`;
}

export interface DueRowsSpec {
  /** The table and its alias, e.g. `cover_versions v`. */
  readonly from: string;
  readonly alias: string;
  /** The columns the rows carry, e.g. `v.cover_id, v.tenant_id`. */
  readonly columns: string;
  /** The row's deadline column (in tenant time), e.g. `v.deadline_at`. */
  readonly deadline: string;
}

/**
 * SQL claiming the due rows of a deadline sweep: those whose deadline (in their tenant's time) has come at the system
 * time $1, earliest first, at most $2, locked FOR UPDATE SKIP LOCKED so that racing sweepers take disjoint rows.
 */
export function dueRowsSql(spec: DueRowsSpec): string {
  return `
    SELECT ${spec.columns} FROM ${spec.from} JOIN tenants t ON t.id = ${spec.alias}.tenant_id
    WHERE ${spec.deadline} IS NOT NULL AND ${dueInTenantTimeSql(spec.deadline, 't', '$1')}
    ORDER BY ${spec.deadline} LIMIT $2
    FOR UPDATE OF ${spec.alias} SKIP LOCKED`;
}

/** A sweep's `claimDue` over dueRowsSql. */
export function claimDueRows<Row>(spec: DueRowsSpec): (tx: Transaction, now: Date, limit: number) => Promise<Row[]> {
  const text = dueRowsSql(spec);
  return async (tx, now, limit) => await executeRaw(tx, text, [now.toISOString(), limit]) as Row[];
}
