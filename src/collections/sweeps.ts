import type { Config } from '../platform/config.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { claimDueRows, tenantRowSweep } from '../platform/sweeper/tenant-sweeps.js';
import { readDebtorRecordSettings } from './store/debtor-settings.js';
import { loadPlan } from './store/instalment-plans.js';
import { refreshPlanStanding } from './use-cases/instalments/plan-standing.js';
import { settlePromise } from './use-cases/promises/settle-promise.js';
import { clockFor } from '../platform/services.js';
import { findTenant } from '../platform/tenants/service.js';
import { systemActor, unitOfWork } from '../platform/unit-of-work.js';
import { fireDueRuns } from './use-cases/runs/fire-due-runs.js';
import type { RunsContext } from './use-cases/runs/run-workspace.js';

/*
 * Debtor-record deadlines, in tenant time (a sandbox that advances its clock sees them fire): a promise is settled
 * the day after its date, and an instalment plan is reviewed the day after an instalment's due date and again when
 * its grace period ends. Rows are claimed FOR UPDATE SKIP LOCKED and their deadline cleared or moved in the same
 * transaction, so each fires exactly once however many workers sweep.
 */

interface DueRow {
  id: string;
  tenant_id: string;
}

export function promiseDeadlineSweep(batchSize = 200): Sweep<DueRow> {
  return tenantRowSweep<DueRow>({
    name: 'collections-promise-deadlines',
    batchSize,
    actorId: 'collections-promises',
    claimDue: claimDueRows<DueRow>({ from: 'collections_promises p', alias: 'p', columns: 'p.id, p.tenant_id', deadline: 'p.deadline_at' }),
    async fireRow(uow, row) {
      await settlePromise(uow, row.id);
    },
  });
}

export function instalmentPlanSweep(config: Pick<Config, 'BUSINESS_TIME_ZONE'>, batchSize = 200): Sweep<DueRow> {
  return tenantRowSweep<DueRow>({
    name: 'collections-instalment-plans',
    batchSize,
    actorId: 'collections-instalments',
    claimDue: claimDueRows<DueRow>({ from: 'collections_instalment_plans p', alias: 'p', columns: 'p.id, p.tenant_id', deadline: 'p.deadline_at' }),
    async fireRow(uow, row) {
      const plan = await loadPlan(uow.tx, uow.tenant.id, row.id, false);
      if (!plan) return;
      const settings = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
      const reviewed = await refreshPlanStanding(uow, plan, { timeZone: config.BUSINESS_TIME_ZONE, graceDays: settings.instalments.graceDays });
      // A review that leaves the deadline where it was would fire again at once: move it on by a day at least.
      if (reviewed.deadlineAt !== null && plan.deadlineAt !== null && reviewed.deadlineAt.getTime() <= plan.deadlineAt.getTime()) {
        throw new Error(`instalment plan ${row.id}: review did not move its deadline`);
      }
    },
  });
}

interface DueRun {
  tenant_id: string;
  claim_reference: string;
}

/**
 * Due collections runs (a wait ended, a held message to try again, a pause's end, the §6 notice): `due_at` is in
 * tenant time, so a sandbox that advances its clock sees its runs fire. Claimed FOR UPDATE SKIP LOCKED in bounded
 * batches; each tenant's runs of the batch decide and are written together in the sweep's transaction, so each
 * due step fires exactly once however many sweepers race.
 */
export function dueRunsSweep(ctx: RunsContext, batchSize = 500, concurrency = 1): Sweep<DueRun> {
  return {
    name: 'collections-runs',
    batchSize,
    concurrency,
    claimDue: claimDueRows<DueRun>({ from: 'collections_runs r', alias: 'r', columns: 'r.tenant_id, r.claim_reference', deadline: 'r.due_at' }),
    async fire(tx, rows, systemNow) {
      const byTenant = new Map<string, string[]>();
      for (const row of rows) {
        const refs = byTenant.get(row.tenant_id);
        if (refs) refs.push(row.claim_reference);
        else byTenant.set(row.tenant_id, [row.claim_reference]);
      }
      for (const [tenantId, refs] of byTenant) {
        const tenant = await findTenant(tx, tenantId);
        if (!tenant) continue;
        const clock = clockFor({ clock: { now: () => systemNow } }, tenant);
        await fireDueRuns(unitOfWork({ tx, tenant, clock, actor: systemActor('collections-runs') }), ctx, refs);
      }
    },
  };
}