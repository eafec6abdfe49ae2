import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvent } from '../../../platform/events/append.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { cancelLedgerExpectations, replaceLedgerExpectations } from '../../../servicing/api.js';
import { debtorRecordError, type DebtorRecordError } from '../../domain/debtor-record-errors.js';
import { INSTALMENT_PLAN_UPDATED } from '../../events.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import { loadPlan, savePlan, type PlanRow } from '../../store/instalment-plans.js';
import { PLAN_EXPECTATION_SOURCE, refreshPlanStanding } from './plan-standing.js';

/*
 * #39 update_instalment_plan (spec proposals): the fields sent replace the stored ones (`meta` is the plan's
 * `metadata`), `instalments` replaces the list, `transactions` are upserted by id; then what was paid is spread
 * over the instalments again and the standing refreshed. A status other than ACTIVE ends the plan and cancels its
 * ledger expectations; new instalments on an ACTIVE plan become its expectations.
 */

export interface PlanInstalmentInput {
  id: string;
  dueDate: string;
  startDate?: string;
  amount: number;
  paidAmount?: number;
  currency: string;
  status: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface PlanTransactionInput {
  id: string;
  amount: number;
  context: Record<string, unknown>;
  type?: 'payment' | 'chargeback';
}

export interface UpdatePlanInput {
  instalmentPlanId: string;
  instalmentPlan: {
    meta?: Record<string, unknown>;
    currency?: string;
    status?: 'ACTIVE' | 'RESOLVED' | 'INVALIDATED' | 'CANCELLED';
    instalments?: PlanInstalmentInput[];
    transactions?: PlanTransactionInput[];
  };
  context?: Record<string, unknown>;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function upsertTransactions(stored: readonly Record<string, unknown>[], sent: readonly PlanTransactionInput[], nowIso: string): Record<string, unknown>[] {
  const byId = new Map(stored.map((transaction) => [String(transaction.id), transaction]));
  for (const transaction of sent) {
    const before = byId.get(transaction.id);
    byId.set(transaction.id, { type: 'payment', ...transaction, createdAt: before?.createdAt ?? nowIso, updatedAt: nowIso });
  }
  return [...byId.values()];
}

export async function updateInstalmentPlan(
  uow: UnitOfWork, ctx: { timeZone: string }, input: UpdatePlanInput,
): Promise<Result<PlanRow, DebtorRecordError>> {
  const row = await loadPlan(uow.tx, uow.tenant.id, input.instalmentPlanId, true);
  if (!row) return err(debtorRecordError('PLAN_NOT_FOUND', `Instalment plan ${input.instalmentPlanId} not found`));
  const sent = input.instalmentPlan;
  const nowIso = iso(uow.now);
  const plan: Record<string, unknown> = { ...row.plan, updatedAt: nowIso, statusCheckedAt: nowIso };
  if (sent.meta !== undefined) plan.metadata = sent.meta;
  if (sent.currency !== undefined) plan.currency = sent.currency;
  if (sent.status !== undefined) plan.status = sent.status;
  if (sent.instalments !== undefined) {
    plan.instalments = sent.instalments.map((instalment) => ({ paidAmount: 0, createdAt: nowIso, ...instalment, updatedAt: nowIso }));
    plan.totalAmount = sent.instalments.reduce((sum, instalment) => sum + instalment.amount, 0);
  }
  if (sent.transactions !== undefined) plan.transactions = upsertTransactions((row.plan.transactions ?? []) as Record<string, unknown>[], sent.transactions, nowIso);
  const status = String(plan.status);
  let updated: PlanRow = { ...row, plan, status, updatedAt: uow.now };
  const source = PLAN_EXPECTATION_SOURCE(row.id);
  if (status !== 'ACTIVE') {
    await cancelLedgerExpectations(uow.tx, uow.tenant.id, source, uow.now);
    updated = { ...updated, deadlineAt: null };
  } else if (sent.instalments !== undefined || row.status !== 'ACTIVE') {
    const instalments = plan.instalments as PlanInstalmentInput[];
    await replaceLedgerExpectations(uow.tx, uow.tenant.id, {
      accountReference: row.accountReference, source, now: uow.now,
      expectations: instalments.map((instalment) => ({ expectationReference: `${row.id}:${instalment.id}`, dueDate: instalment.dueDate, amount: instalment.amount, currency: instalment.currency })),
    });
    if (row.status !== 'ACTIVE') updated = { ...updated, standing: 'in_good_standing', missedInstalments: [] };
  }
  await savePlan(uow.tx, updated);
  await appendEvent(uow, {
    type: INSTALMENT_PLAN_UPDATED, entityType: 'instalment_plan', entityId: row.id,
    data: { instalmentPlanId: row.id, accountReference: row.accountReference, status, context: input.context ?? {} },
  });
  await recordAudit(uow, { action: 'collections.update_instalment_plan', entityType: 'instalment_plan', entityId: row.id, details: { status } });
  const settings = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
  return ok(await refreshPlanStanding(uow, updated, { timeZone: ctx.timeZone, graceDays: settings.instalments.graceDays }));
}
