// "Claims Validation and Verification" (spec §6.4): the checks run on a SUBMITTED case, each recorded with its reason.
import { type BusinessDate, addDays, compareDates } from '../../platform/dates.js';
import type { MinorUnits } from '../../platform/money.js';
import { type CaseType, isClaimType } from './codes.js';

export interface PolicyTerms {
  readonly status: 'live' | 'cancelled';
  readonly startDate: BusinessDate;
  readonly expiryDate: BusinessDate;
  readonly discretionaryLimit: MinorUnits;
  readonly maxExtensionDays: number;
}

/** A decided cover version as a period of business dates: in force from `from` until the day before `until`. */
export interface CoverSpan {
  readonly coverId: number;
  readonly coverType: 'credit-limit' | 'credit-check' | 'indication';
  readonly granted: MinorUnits;
  readonly from: BusinessDate;
  readonly until: BusinessDate | null;
}

export const CHECKS = ['POLICY_LIVE', 'COVER_BEFORE_FIRST_INVOICE', 'NOTIFIED_IN_TIME', 'ABOVE_CLAIM_THRESHOLD'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface CheckResult {
  readonly check: CheckName;
  readonly passed: boolean;
  readonly reason: string;
}

export interface EligibilityFacts {
  readonly caseType: CaseType;
  readonly policy: PolicyTerms;
  readonly cover: readonly CoverSpan[];
  readonly firstInvoiceDate: BusinessDate;
  readonly oldestDueDate: BusinessDate;
  readonly outstandingAmount: MinorUnits;
  /** The day the case (or the claim) reached the insurer. */
  readonly notifiedOn: BusinessDate;
  readonly claimThreshold: MinorUnits;
  /** Days after the Maximum Extension Period within which a non-payment must be notified (spec §6.4: 30). */
  readonly notificationGraceDays: number;
}

export interface Eligibility {
  readonly checks: readonly CheckResult[];
  /** REJECTED ends the case at SUBMITTED; OPEN lets it go on (a claim may still be refused: `claimRefusal`). */
  readonly caseOutcome: 'OPEN' | 'REJECTED';
  readonly rejectionReason: string | null;
  readonly lateNotification: boolean;
  /** Why a claim on this case is not allowed, or null when it is. */
  readonly claimRefusal: 'NO_COVER' | 'LATE_NOTIFICATION' | 'BELOW_CLAIM_THRESHOLD' | null;
  /** The cover on the buyer on the first invoice date (limit, credit check or DCL), 0 when none. */
  readonly coverAtFirstInvoice: MinorUnits;
}

function inForce(span: CoverSpan, on: BusinessDate): boolean {
  return span.coverType !== 'indication' && span.granted > 0 && compareDates(span.from, on) <= 0 && (span.until === null || compareDates(on, span.until) < 0);
}

/** The cover on the buyer on `on`: the largest limit or credit check in force, else the policy's DCL once it has started. */
export function coverOn(policy: PolicyTerms, cover: readonly CoverSpan[], on: BusinessDate): MinorUnits {
  const limits = cover.filter((span) => inForce(span, on)).map((span) => span.granted);
  const dcl = compareDates(policy.startDate, on) <= 0 ? policy.discretionaryLimit : 0;
  return Math.max(0, dcl, ...limits);
}

export function policyLiveOn(policy: PolicyTerms, on: BusinessDate): boolean {
  return policy.status === 'live' && compareDates(policy.startDate, on) <= 0 && compareDates(on, policy.expiryDate) <= 0;
}

/** The last day a non-payment may be notified: oldest due date + Maximum Extension Period + the grace days. */
export function notificationDeadline(facts: Pick<EligibilityFacts, 'oldestDueDate' | 'policy' | 'notificationGraceDays'>): BusinessDate {
  return addDays(facts.oldestDueDate, facts.policy.maxExtensionDays + facts.notificationGraceDays);
}

export function checkEligibility(facts: EligibilityFacts): Eligibility {
  const live = policyLiveOn(facts.policy, facts.oldestDueDate);
  const coverAtFirstInvoice = coverOn(facts.policy, facts.cover, facts.firstInvoiceDate);
  const deadline = notificationDeadline(facts);
  const inTime = compareDates(facts.notifiedOn, deadline) <= 0;
  const above = facts.outstandingAmount > facts.claimThreshold;
  const checks: CheckResult[] = [
    { check: 'POLICY_LIVE', passed: live, reason: live ? `Policy live on the oldest due date ${facts.oldestDueDate}` : `Policy not live on the oldest due date ${facts.oldestDueDate}` },
    {
      check: 'COVER_BEFORE_FIRST_INVOICE', passed: coverAtFirstInvoice > 0,
      reason: coverAtFirstInvoice > 0 ? `Cover in force on the first invoice date ${facts.firstInvoiceDate}` : `No credit limit, credit check or DCL in force on the first invoice date ${facts.firstInvoiceDate}`,
    },
    { check: 'NOTIFIED_IN_TIME', passed: inTime, reason: inTime ? `Notified by ${deadline}` : `Notified after ${deadline} (oldest due date + maximum extension period + ${facts.notificationGraceDays} days)` },
    { check: 'ABOVE_CLAIM_THRESHOLD', passed: above, reason: above ? 'Outstanding amount above the claim threshold' : 'Outstanding amount not above the claim threshold' },
  ];
  const claim = isClaimType(facts.caseType);
  const rejectionReason = !live ? 'POLICY_NOT_LIVE' : claim && coverAtFirstInvoice === 0 ? 'NO_COVER' : null;
  const claimRefusal = coverAtFirstInvoice === 0 ? 'NO_COVER' : !inTime ? 'LATE_NOTIFICATION' : !above ? 'BELOW_CLAIM_THRESHOLD' : null;
  return { checks, caseOutcome: rejectionReason ? 'REJECTED' : 'OPEN', rejectionReason, lateNotification: !inTime, claimRefusal, coverAtFirstInvoice };
}
