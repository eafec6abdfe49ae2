import { appendEvents, type NewEvent } from '../../../platform/events/append.js';
import { businessDateAt, startOfBusinessDay } from '../../../platform/dates.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { cancelLedgerExpectations, readClaimBalances } from '../../../servicing/api.js';
import { allocatePayments, reviewStanding, type PlanInstalment } from '../../domain/instalments/standing.js';
import { INSTALMENT_MISSED, INSTALMENT_PLAN_BROKEN, INSTALMENT_PLAN_RESOLVED } from '../../events.js';
import { savePlan, type PlanRow } from '../../store/instalment-plans.js';

/*
 * Brings an ACTIVE plan up to date on the tenant's today: what was paid toward it (the larger of the transactions
 * the client reported through #39 and how far the scope's balance came down since the plan was made, so money
 * counted both ways is not counted twice), each instalment's paidAmount and status, and its standing. A newly missed
 * instalment emits `instalment.missed` once; past the grace period the plan breaks (`instalment_plan.broken`,
 * status INVALIDATED, its ledger expectations cancelled); a plan paid in full is RESOLVED. The next review date
 * becomes the row's deadline for the sweep.
 */

export const PLAN_EXPECTATION_SOURCE = (planId: string) => `instalment_plan:${planId}`;

export interface StandingContext {
  timeZone: string;
  graceDays: number;
}

function transactionsPaid(plan: Record<string, unknown>): number {
  const transactions = (plan.transactions ?? []) as { amount: number }[];
  return transactions.reduce((sum, transaction) => sum + transaction.amount, 0);
}

async function ledgerPaid(uow: UnitOfWork, row: PlanRow): Promise<number> {
  const balances = await readClaimBalances(uow.tx, uow.tenant.id, row.claimReferences);
  const outstanding = [...balances.values()].reduce((sum, claim) => sum + Math.max(0, claim.outstanding), 0);
  return Math.max(0, row.baselineOutstanding - outstanding);
}

export async function refreshPlanStanding(uow: UnitOfWork, row: PlanRow, ctx: StandingContext): Promise<PlanRow> {
  const today = businessDateAt(uow.now, ctx.timeZone);
  const plan = row.plan;
  const paid = Math.max(transactionsPaid(plan), await ledgerPaid(uow, row));
  const instalments = allocatePayments(plan.instalments as (PlanInstalment & Record<string, unknown>)[], paid, today);
  const nowIso = uow.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const changed = instalments.map((instalment, index) => {
    const before = (plan.instalments as PlanInstalment[])[index];
    const same = before?.paidAmount === instalment.paidAmount && before?.status === instalment.status;
    return same ? instalment : { ...instalment, updatedAt: nowIso };
  });
  const updated: PlanRow = { ...row, plan: { ...plan, instalments: changed, paidAmount: paid, statusCheckedAt: nowIso }, updatedAt: uow.now };
  if (row.status !== 'ACTIVE' || row.standing === 'broken') return finish(uow, { ...updated, deadlineAt: null }, []);
  const review = reviewStanding(changed, today, ctx.graceDays, row.missedInstalments);
  const events: NewEvent[] = review.newlyMissed.map((instalment) => ({
    type: INSTALMENT_MISSED, entityType: 'instalment_plan', entityId: row.id,
    data: { instalmentPlanId: row.id, instalmentId: instalment.id, dueDate: instalment.dueDate, amount: instalment.amount, paidAmount: instalment.paidAmount, accountReference: row.accountReference, claimReferences: row.claimReferences },
  }));
  const missedInstalments = [...row.missedInstalments, ...review.newlyMissed.map((instalment) => instalment.id)];
  if (review.paidInFull) {
    events.push({ type: INSTALMENT_PLAN_RESOLVED, entityType: 'instalment_plan', entityId: row.id, data: { instalmentPlanId: row.id, accountReference: row.accountReference } });
    await cancelLedgerExpectations(uow.tx, uow.tenant.id, PLAN_EXPECTATION_SOURCE(row.id), uow.now);
    return finish(uow, { ...updated, status: 'RESOLVED', plan: { ...updated.plan, status: 'RESOLVED' }, standing: 'in_good_standing', missedInstalments, deadlineAt: null }, events);
  }
  if (review.standing === 'broken') {
    events.push({
      type: INSTALMENT_PLAN_BROKEN, entityType: 'instalment_plan', entityId: row.id,
      data: { instalmentPlanId: row.id, accountReference: row.accountReference, claimReferences: row.claimReferences, missedInstalments: review.missed.map((i) => i.id) },
    });
    await cancelLedgerExpectations(uow.tx, uow.tenant.id, PLAN_EXPECTATION_SOURCE(row.id), uow.now);
    return finish(uow, { ...updated, status: 'INVALIDATED', plan: { ...updated.plan, status: 'INVALIDATED' }, standing: 'broken', missedInstalments, deadlineAt: null }, events);
  }
  const deadlineAt = review.nextReviewDate === undefined ? null : startOfBusinessDay(review.nextReviewDate, ctx.timeZone);
  return finish(uow, { ...updated, standing: review.standing, missedInstalments, deadlineAt }, events);
}

async function finish(uow: UnitOfWork, row: PlanRow, events: NewEvent[]): Promise<PlanRow> {
  await savePlan(uow.tx, row);
  await appendEvents(uow, events);
  return row;
}
