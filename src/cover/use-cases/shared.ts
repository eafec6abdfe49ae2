// Steps several Cover use cases share inside their one transaction: access to a policy, the buyer's book, the
// exposure a version holds, and the event and audit rows of a change.
import { type AuditEntry, auditWrite } from '../../platform/audit/record.js';
import { fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import { eventsWrite, type NewEvent } from '../../platform/events/append.js';
import type { MinorUnits } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import { businessDateAt, compareDates, startOfBusinessDay } from '../../platform/dates.js';
import { adjustExposure, bookFor, toBaseCurrency } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import type { CoverError } from '../domain/errors.js';
import { type HistoricCode, neutralCodeOf, type PendingProcess } from '../domain/codes.js';
import type { VersionFacts } from '../domain/cover-state.js';
import { nextDeadline, type TimerFacts } from '../domain/timers.js';
import type { UnderwritingOutcome } from '../domain/underwriting.js';
import { type CoverVersionRow, findCustomer, findPolicy, insertVersion, type NewCoverVersion, type PolicyRow, lockLiveVersions, updateVersion } from '../store.js';

export function todayOf(uow: UnitOfWork, ctx: CoverContext): string {
  return businessDateAt(uow.now, ctx.timeZone);
}

export function bookOf(uow: UnitOfWork): string {
  return bookFor(uow.tenant);
}

/** The caller's policy: another tenant's or another customer's customer or policy is forbidden (spec §4). */
export async function usablePolicy(uow: UnitOfWork, ctx: CoverContext, customerId: number | undefined, policyId: number, requireLive: boolean): Promise<Result<PolicyRow, CoverError>> {
  const policy = await findPolicy(uow.tx, uow.tenant.id, policyId);
  if (!policy || (customerId !== undefined && policy.customerId !== customerId)) {
    // Only on the way out: which of the two the caller may not use.
    if (customerId !== undefined && !(await findCustomer(uow.tx, uow.tenant.id, customerId))) return err({ code: 'CUSTOMER_FORBIDDEN' });
    return err({ code: 'POLICY_FORBIDDEN' });
  }
  if (requireLive && !policyIsLive(policy, todayOf(uow, ctx))) return err({ code: 'POLICY_NOT_LIVE' });
  return ok(policy);
}

export function policyIsLive(policy: PolicyRow, today: string): boolean {
  return policy.status === 'live' && compareDates(policy.startDate, today) <= 0 && compareDates(today, policy.expiryDate) <= 0;
}

/** What a version with this granted amount holds on the book, in the base currency (indications hold nothing). */
export function exposureOf(coverType: CoverVersionRow['coverType'], granted: MinorUnits, currency: string): MinorUnits | null {
  if (coverType === 'indication') return null;
  const base = toBaseCurrency(granted, currency);
  return base.ok ? base.value : null;
}

/** Moves the buyer's exposure by the difference between what a version held and what it holds now. */
export async function moveExposure(uow: UnitOfWork, version: Pick<CoverVersionRow, 'bookId' | 'buyerCountry' | 'buyerRegistryId'>, delta: MinorUnits): Promise<void> {
  if (delta === 0) return;
  await adjustExposure(uow.tx, version.bookId, version.buyerCountry, version.buyerRegistryId, { exposure: delta });
}

export type CoverEventType = 'cover.decided' | 'cover.referred' | 'cover.changed';

/** What a change's event and audit row tell of the version. */
export type ChangedVersion = Pick<CoverVersionRow,
  'coverId' | 'customerId' | 'policyId' | 'buyerId' | 'coverType' | 'coverStatus' | 'decisionCode' | 'neutralCode' | 'historicCode'
  | 'pendingProcess' | 'firstAmount' | 'secondAmount' | 'currency'>;

export function eventData(version: ChangedVersion): Record<string, unknown> {
  return {
    coverId: version.coverId, customerId: version.customerId, policyId: String(version.policyId), buyerId: version.buyerId,
    coverType: version.coverType, coverStatus: version.coverStatus, decisionCode: version.decisionCode,
    neutralDecisionCode: version.neutralCode, historicCode: version.historicCode, pendingProcessIndicator: version.pendingProcess,
    totalDecisionAmount: version.firstAmount + version.secondAmount, currency: version.currency,
  };
}

/** The event and the audit row of a change, in its transaction (the webhook dispatcher reads the event after commit). */
export async function recordChange(uow: UnitOfWork, type: CoverEventType, action: string, version: CoverVersionRow, details: Record<string, unknown> = {}): Promise<void> {
  await fastWriteAll(uow.tx, changeWrites(uow, type, action, version, details));
}

/** recordChange's writes, to send together with other writes of the transaction in one round trip (fastWriteAll). */
export function changeWrites(uow: WriteOrigin, type: CoverEventType, action: string, version: ChangedVersion, details: Record<string, unknown> = {}): FastWrite[] {
  const { event, audit } = changeRecords(type, action, version, details);
  return [eventsWrite(uow, [event]), auditWrite(uow, audit)];
}

/** The event and the audit entry of a change (changeWrites; a batch writes many changes' at once). */
export function changeRecords(type: CoverEventType, action: string, version: ChangedVersion, details: Record<string, unknown> = {}): { event: NewEvent; audit: AuditEntry } {
  return {
    event: { type, entityType: 'cover', entityId: String(version.coverId), data: { ...eventData(version), ...details } },
    audit: { action, entityType: 'cover', entityId: String(version.coverId), details: { ...details, decisionCode: version.decisionCode } },
  };
}

export function eventTypeOf(version: Pick<CoverVersionRow, 'coverStatus'>): CoverEventType {
  return version.coverStatus === 'REFERRED' ? 'cover.referred' : 'cover.decided';
}

/** The columns an underwriting outcome gives a version (status, codes, amounts, conditions). */
export function outcomeColumns(outcome: UnderwritingOutcome, now: Date): Partial<NewCoverVersion> & Pick<NewCoverVersion, 'coverStatus' | 'neutralCode'> {
  if (outcome.outcome === 'referred') {
    return { coverStatus: 'REFERRED', decisionCode: null, neutralCode: neutralCodeOf(null), referralReason: outcome.reason, firstAmount: 0, secondAmount: 0, secondExpiryDate: null, conditions: [], decisionDate: null };
  }
  return {
    coverStatus: 'DECISION', decisionCode: outcome.code, neutralCode: neutralCodeOf(outcome.code), referralReason: null,
    firstAmount: outcome.first, secondAmount: outcome.second, secondExpiryDate: outcome.secondExpiryDate ?? null,
    conditions: [...outcome.conditions], decisionDate: now,
  };
}

/** What a version with these outcome columns holds on the book once written (0 unless decided and not an indication). */
export function heldOnBook(columns: { coverStatus: string; firstAmount?: number | undefined; secondAmount?: number | undefined }, coverType: CoverVersionRow['coverType'], currency: string): MinorUnits {
  if (columns.coverStatus !== 'DECISION') return 0;
  return exposureOf(coverType, (columns.firstAmount ?? 0) + (columns.secondAmount ?? 0), currency) ?? 0;
}

/** Takes what a freshly decided version holds from the book and records it on the version. */
export async function holdGranted(uow: UnitOfWork, version: CoverVersionRow): Promise<CoverVersionRow> {
  if (version.coverStatus !== 'DECISION') return version;
  const held = exposureOf(version.coverType, version.firstAmount + version.secondAmount, version.currency) ?? 0;
  if (held === version.exposureHeld) return version;
  await moveExposure(uow, version, held - version.exposureHeld);
  return updateVersion(uow.tx, version.coverId, { exposureHeld: held });
}

export interface PositionRef {
  /** Required on POST only (spec §2); on PUT the policy names its customer. */
  readonly customerId?: number | undefined;
  readonly policyId: number;
  readonly buyerId: number;
  readonly coverId?: number | undefined;
}

/** The live versions of the caller's (policy, buyer), locked, and the one an action targets (the decided one unless `coverId` picks another). */
export async function targetPosition(uow: UnitOfWork, ctx: CoverContext, ref: PositionRef, requireLive: boolean): Promise<Result<{ policy: PolicyRow; target: CoverVersionRow; live: CoverVersionRow[] }, CoverError>> {
  const policy = await usablePolicy(uow, ctx, ref.customerId, ref.policyId, requireLive);
  if (!policy.ok) return policy;
  const live = await lockLiveVersions(uow.tx, uow.tenant.id, ref.policyId, ref.buyerId);
  const target = ref.coverId === undefined ? live.find((version) => !version.openSupersede) ?? live[0] : live.find((version) => version.coverId === ref.coverId);
  if (!target) return err({ code: 'NO_COVER' });
  return ok({ policy: policy.value, target, live });
}

export function factsOf(version: CoverVersionRow): VersionFacts {
  return {
    coverType: version.coverType, coverStatus: version.coverStatus, historicCode: version.historicCode as HistoricCode | null,
    pendingProcess: version.pendingProcess as PendingProcess | null, granted: version.firstAmount + version.secondAmount,
  };
}

/** Ends a version with its historic code and gives back what it held on the book. */
export async function endVersion(uow: UnitOfWork, version: CoverVersionRow, historicCode: HistoricCode, extra: Partial<NewCoverVersion> = {}): Promise<CoverVersionRow> {
  await moveExposure(uow, version, -version.exposureHeld);
  return updateVersion(uow.tx, version.coverId, {
    historicCode, endedAt: uow.now, updatedAt: uow.now, exposureHeld: 0, deadlineAt: null, openSupersede: false, ...extra,
  });
}

/** A new live version continuing `previous` (supersede, reduce, amend): same position, new coverId. */
export function continuation(previous: CoverVersionRow, now: Date): NewCoverVersion {
  return {
    tenantId: previous.tenantId, customerId: previous.customerId, policyId: previous.policyId, buyerId: previous.buyerId,
    buyerCountry: previous.buyerCountry, buyerRegistryId: previous.buyerRegistryId, bookId: previous.bookId,
    buyerRatingAtApplication: previous.buyerRatingAtApplication,
    coverType: previous.coverType, coverStatus: previous.coverStatus, decisionCode: previous.decisionCode, neutralCode: previous.neutralCode,
    customerRefNumber: previous.customerRefNumber, currency: previous.currency, requestedAmount: previous.requestedAmount,
    firstAmount: previous.firstAmount, secondAmount: previous.secondAmount, secondExpiryDate: previous.secondExpiryDate,
    conditions: previous.conditions, applicationDate: previous.applicationDate, decisionDate: previous.decisionDate,
    effectFromDate: previous.effectFromDate, previousCoverId: previous.coverId, updatedAt: now,
  };
}

export function timerFactsOf(version: CoverVersionRow): TimerFacts {
  return {
    decisionCode: version.decisionCode, decisionDate: version.decisionDate, secondAmount: version.secondAmount,
    secondExpiryDate: version.secondExpiryDate, pendingProcess: version.pendingProcess as PendingProcess | null,
    pendingEffectiveDate: version.pendingEffectiveDate,
  };
}

/** The deadline a version's timers give it (domain/timers.ts), in the tenant's business zone. */
export function deadlineOf(ctx: CoverContext, version: CoverVersionRow): Date | null {
  return nextDeadline(timerFactsOf(version), (date) => startOfBusinessDay(date, ctx.timeZone));
}

/** Sets the version's `deadline_at` to its next timer (after a change of its timers). */
export async function scheduleNext(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow): Promise<CoverVersionRow> {
  const deadline = deadlineOf(ctx, version);
  if ((deadline?.getTime() ?? null) === (version.deadlineAt?.getTime() ?? null)) return version;
  return updateVersion(uow.tx, version.coverId, { deadlineAt: deadline });
}

/**
 * The cover continues as a new version (`changes` applied to a copy of `previous`): the old one ends with
 * `historicCode` (ACLD, ICLD, TCLD…), the new one holds what it grants on the book and gets its timers; event and audit row.
 */
export async function reissue(
  uow: UnitOfWork, ctx: CoverContext, previous: CoverVersionRow, historicCode: HistoricCode, changes: Partial<NewCoverVersion>, action: string,
): Promise<CoverVersionRow> {
  await endVersion(uow, previous, historicCode, NO_PENDING_CHANGE);
  const inserted = await insertVersion(uow.tx, { ...continuation(previous, uow.now), ...changes });
  const held = await scheduleNext(uow, ctx, await holdGranted(uow, inserted));
  await recordChange(uow, 'cover.changed', action, held, { previousCoverId: previous.coverId });
  return held;
}

/** The columns that clear a version's scheduled change. */
export const NO_PENDING_CHANGE = {
  pendingProcess: null, pendingEffectiveDate: null, pendingAmount: null, pendingConditions: null, pendingPolicyId: null,
} as const satisfies Partial<NewCoverVersion>;
