import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.js';
import { addDays } from '../../../platform/dates.js';
import { appendEvent } from '../../../platform/events/append.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { replaceLedgerExpectations } from '../../../servicing/api.js';
import { debtorRecordError, type DebtorRecordError } from '../../domain/debtor-record-errors.js';
import { INSTALMENT_PLAN_CREATED } from '../../events.js';
import { collectionsInstalmentPlans } from '../../schema/debtor-records-schema.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import { deleteComputation, insertPlan, takeComputation, type PlanRow } from '../../store/instalment-plans.js';
import type { StoredSchedule } from './compute-instalment-plan-definition.js';
import { PLAN_EXPECTATION_SOURCE, refreshPlanStanding } from './plan-standing.js';

/*
 * #38 create_instalment_plan: a computed definition (#37, not expired, used once) becomes an ACTIVE plan whose
 * instalments are the ledger's expectations on the account. A claim is in at most one ACTIVE plan.
 */

export interface CreatePlanInput {
  instalmentPlanDefinitionId: string;
  accountReference?: string;
}

const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

async function claimsInActivePlans(uow: UnitOfWork, claimReferences: readonly string[]): Promise<boolean> {
  const rows = await uow.tx.select({ id: collectionsInstalmentPlans.id }).from(collectionsInstalmentPlans).where(and(
    eq(collectionsInstalmentPlans.tenantId, uow.tenant.id), eq(collectionsInstalmentPlans.status, 'ACTIVE'),
    sql`${collectionsInstalmentPlans.claimReferences} ?| ${sql.raw('ARRAY[')}${sql.join(claimReferences.map((ref) => sql`${ref}`), sql`, `)}${sql.raw(']::text[]')}`,
  )).limit(1);
  return rows.length > 0;
}

function buildPlan(id: string, computedId: string, schedule: StoredSchedule, clientId: string, now: Date) {
  const created = iso(now);
  const instalments = schedule.instalments.map((instalment, index) => ({
    id: randomUUID(), dueDate: instalment.dueDate,
    startDate: index === 0 ? instalment.dueDate : addDays(schedule.instalments[index - 1]?.dueDate ?? instalment.dueDate, 1),
    amount: instalment.amount, paidAmount: 0, currency: schedule.currency, status: 'CREATED', createdAt: created, updatedAt: created,
  }));
  return {
    id, definitionId: computedId, status: 'ACTIVE', createdAt: created, updatedAt: created, statusCheckedAt: created, clientId,
    accountId: schedule.accountReference, currency: schedule.currency, type: schedule.type,
    totalAmount: instalments.reduce((sum, instalment) => sum + instalment.amount, 0), paidAmount: 0,
    externalClaimRef: schedule.claimReferences[0] ?? '', configuration: schedule.configuration, scope: schedule.scope,
    rules: schedule.rules.map((rule) => ({
      id: String(rule.id ?? ''), type: String(rule.type ?? ''), description: rule.description ?? {}, enabled: rule.enabled !== false, configuration: rule.configuration ?? {},
    })),
    instalments, metadata: {}, transactions: [],
  };
}

export async function createInstalmentPlan(
  uow: UnitOfWork, ctx: { timeZone: string }, input: CreatePlanInput,
): Promise<Result<PlanRow, DebtorRecordError>> {
  const computation = await takeComputation(uow.tx, uow.tenant.id, input.instalmentPlanDefinitionId, uow.now);
  if (!computation) return err(debtorRecordError('COMPUTATION_NOT_USABLE', `Computed instalment plan definition ${input.instalmentPlanDefinitionId} not found or expired`));
  const schedule = computation.schedule as unknown as StoredSchedule;
  if (input.accountReference !== undefined && input.accountReference !== schedule.accountReference) {
    return err(debtorRecordError('CLAIM_NOT_ON_ACCOUNT', `Computed definition ${computation.id} is for another account`));
  }
  if (await claimsInActivePlans(uow, schedule.claimReferences)) {
    return err(debtorRecordError('INVALID_PLAN', 'A claim of this plan is already in an ACTIVE instalment plan'));
  }
  const id = randomUUID();
  const plan = buildPlan(id, computation.id, schedule, uow.tenant.clientId, uow.now);
  const row: PlanRow = {
    tenantId: uow.tenant.id, id, seq: 0, accountReference: schedule.accountReference, claimReferences: schedule.claimReferences, status: 'ACTIVE',
    plan, standing: 'in_good_standing', baselineOutstanding: schedule.total, missedInstalments: [], deadlineAt: null, createdAt: uow.now, updatedAt: uow.now,
  };
  const { seq: _seq, ...insertable } = row;
  await insertPlan(uow.tx, insertable);
  await deleteComputation(uow.tx, uow.tenant.id, computation.id);
  await replaceLedgerExpectations(uow.tx, uow.tenant.id, {
    accountReference: schedule.accountReference, source: PLAN_EXPECTATION_SOURCE(id), now: uow.now,
    expectations: plan.instalments.map((instalment) => ({ expectationReference: `${id}:${instalment.id}`, dueDate: instalment.dueDate, amount: instalment.amount, currency: instalment.currency })),
  });
  await appendEvent(uow, {
    type: INSTALMENT_PLAN_CREATED, entityType: 'instalment_plan', entityId: id,
    data: { instalmentPlanId: id, accountReference: schedule.accountReference, claimReferences: schedule.claimReferences, totalAmount: plan.totalAmount, currency: schedule.currency, instalments: plan.instalments.length },
  });
  await recordAudit(uow, { action: 'collections.create_instalment_plan', entityType: 'instalment_plan', entityId: id, details: { computedDefinitionId: computation.id } });
  const settings = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
  return ok(await refreshPlanStanding(uow, row, { timeZone: ctx.timeZone, graceDays: settings.instalments.graceDays }));
}
