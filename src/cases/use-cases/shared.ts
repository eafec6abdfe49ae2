// Steps the Non-Payments use cases share inside their one transaction: the tenant's date, deadlines in tenant time,
// the cover on the buyer, and the history row, event and audit row of every status change.
import { auditWrite } from '../../platform/audit/record.js';
import { fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import { eventsWrite } from '../../platform/events/append.js';
import { type BusinessDate, businessDateAt, startOfBusinessDay } from '../../platform/dates.js';
import { currencyExponent, type MinorUnits } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import { type CoverPeriod, coverPeriods, type PolicyFacts } from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import { CASE_ENTITY, caseIdOf, caseNumberOf } from '../domain/codes.js';
import { type CaseEvent, type ClaimEvent, caseTransition, claimTransition } from '../domain/case-state.js';
import type { CoverSpan, PolicyTerms } from '../domain/eligibility.js';
import type { CaseError } from '../domain/errors.js';
import { type CaseRow, type NewCaseRow, lockCase, updateCase } from '../store.js';

export function todayOf(uow: Pick<UnitOfWork, 'now'>, ctx: CasesContext): BusinessDate {
  return businessDateAt(uow.now, ctx.timeZone);
}

/** A timer's deadline column value: the start of its business day in tenant time. */
export function deadlineAt(date: BusinessDate, ctx: CasesContext): Date {
  return startOfBusinessDay(date, ctx.timeZone);
}

export function claimThreshold(ctx: CasesContext, currency: string): MinorUnits {
  return ctx.claimThresholdUnits * 10 ** currencyExponent(currency);
}

export function policyTerms(policy: PolicyFacts): PolicyTerms {
  return { status: policy.status, startDate: policy.startDate, expiryDate: policy.expiryDate, discretionaryLimit: policy.discretionaryLimit, maxExtensionDays: policy.maxExtensionDays };
}

/** The buyer's decided cover versions under the policy as spans of business dates (cover module, read only). */
export async function coverSpans(uow: UnitOfWork, ctx: CasesContext, policyId: number, buyerId: number): Promise<CoverSpan[]> {
  return spansOf(await coverPeriods(uow.tx, uow.tenant.id, policyId, buyerId), ctx);
}

export function spansOf(periods: readonly CoverPeriod[], ctx: CasesContext): CoverSpan[] {
  return periods.map((p) => ({
    coverId: p.coverId, coverType: p.coverType, granted: p.granted, from: p.effectFromDate,
    until: p.endedAt ? businessDateAt(p.endedAt, ctx.timeZone) : null,
  }));
}

/** The tenant's case by its wire id, locked; an unknown id, a malformed one and another tenant's case are alike. */
export async function lockCaseById(uow: UnitOfWork, caseId: string): Promise<Result<CaseRow, CaseError>> {
  const caseNumber = caseNumberOf(caseId);
  if (caseNumber === null) return err({ code: 'CASE_NOT_FOUND' });
  const row = await lockCase(uow.tx, uow.tenant.id, caseNumber);
  return row ? ok(row) : err({ code: 'CASE_NOT_FOUND' });
}

export type CaseWebhookEvent = 'case.status_changed' | 'claim.status_changed';

/** The details a status-change event carries (the webhook's payload). */
export function caseEventData(row: CaseRow): Record<string, unknown> {
  return {
    caseId: caseIdOf(row.caseNumber), customerId: row.customerId, policyId: String(row.policyId), buyerId: row.buyerId,
    caseType: row.caseType, caseStatus: row.caseStatus, claimStatus: row.claimStatus, collectionPhase: row.collectionPhase,
    closureReason: row.closureReason,
  };
}

export interface StatusChange {
  readonly eventType: CaseWebhookEvent | string;
  readonly from: string | null;
  readonly to: string | null;
  readonly reason?: string | null;
}

/**
 * The writes of a change's record: the platform events (webhooks; with their `from` and `to` also the case's history,
 * caseEventsOf) and one audit row, each one statement, to send in one round trip with the change's other writes
 * (fastWriteAll).
 */
export function caseChangesWrites(uow: WriteOrigin, row: CaseRow, action: string, changes: readonly StatusChange[]): FastWrite[] {
  const caseId = caseIdOf(row.caseNumber);
  const data = caseEventData(row);
  return [
    eventsWrite(uow, changes.map((change) => ({
      type: change.eventType, entityType: CASE_ENTITY, entityId: caseId,
      data: { ...data, from: change.from, to: change.to, ...(change.reason ? { reason: change.reason } : {}) },
    }))),
    auditWrite(uow, { action, entityType: CASE_ENTITY, entityId: caseId, details: { changes: changes.map((c) => `${c.eventType}:${c.from ?? ''}→${c.to ?? ''}`) } }),
  ];
}

/** The platform events (webhooks and the case's history) and one audit row of a change, in its transaction. */
export async function recordCaseChanges(uow: UnitOfWork, row: CaseRow, action: string, changes: readonly StatusChange[]): Promise<void> {
  await fastWriteAll(uow.tx, caseChangesWrites(uow, row, action, changes));
}

/** Columns that stop every timer of a case that has ended. */
export const NO_TIMERS: Partial<NewCaseRow> = {
  eligibilityDueAt: null, documentsDueAt: null, assessmentDueAt: null, lossDueAt: null, paymentDueAt: null, legalDueAt: null,
};

/** Moves the case along the caseStatus table (spec §6.6); a closed case loses its timers and its collection phase. */
export function caseMove(row: CaseRow, event: CaseEvent): Result<{ set: Partial<NewCaseRow>; change: StatusChange }, CaseError> {
  const transition = caseTransition(row.caseStatus, event);
  if (!transition.ok) return transition;
  const { to, closureReason } = transition.value;
  const ending = to === 'CLOSED' || to === 'REJECTED';
  return ok({
    set: { caseStatus: to, ...(closureReason ? { closureReason } : {}), ...(ending ? { ...NO_TIMERS, collectionPhase: null } : {}) },
    change: { eventType: 'case.status_changed', from: row.caseStatus, to, reason: closureReason },
  });
}

/** Moves the claim along the claimStatus table (spec §6.6). */
export function claimMove(row: Pick<CaseRow, 'claimStatus'>, event: ClaimEvent, reason: string | null = null): Result<{ set: Partial<NewCaseRow>; change: StatusChange }, CaseError> {
  const transition = claimTransition(row.claimStatus, event);
  if (!transition.ok) return transition;
  return ok({ set: { claimStatus: transition.value.to }, change: { eventType: 'claim.status_changed', from: row.claimStatus, to: transition.value.to, reason } });
}

/** Applies moves in order to the locked row, writes it and records the changes. */
export async function applyMoves(
  uow: UnitOfWork, row: CaseRow, action: string, moves: readonly { set: Partial<NewCaseRow>; change: StatusChange }[], extra: Partial<NewCaseRow> = {},
): Promise<CaseRow> {
  const set = Object.assign({}, ...moves.map((m) => m.set), extra, { updatedAt: uow.now }) as Partial<NewCaseRow>;
  const updated = await updateCase(uow.tx, row, set);
  if (moves.length > 0) await recordCaseChanges(uow, updated, action, moves.map((m) => m.change));
  return updated;
}

/** Unwraps a move the caller has already proved legal (a bug otherwise, not a client error). */
export function legal<T>(result: Result<T, CaseError>): T {
  if (!result.ok) throw new Error(`illegal case transition: ${JSON.stringify(result.error)}`);
  return result.value;
}
