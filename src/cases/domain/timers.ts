// The timers of spec §6.7 as business dates; the use cases turn each into a deadline column in tenant time.
import { type BusinessDate, addDays, compareDates } from '../../platform/dates.js';
import type { ClaimCause } from './codes.js';

export interface TimerTerms {
  /** Waiting period for protracted default: the date of loss is the oldest due date + this (spec §6.7: 180). */
  readonly waitingPeriodDays: number;
  /** Deadline for supplementary documents (30). */
  readonly documentsDays: number;
  /** Liability decision after the documents are complete (30). */
  readonly assessmentDays: number;
  /** Indemnity payment after APPROVED (5), and never before the date of loss. */
  readonly paymentDays: number;
  /** Amicable collection phase before legal action (90). */
  readonly amicableDays: number;
}

export const DEFAULT_TIMER_TERMS: TimerTerms = { waitingPeriodDays: 180, documentsDays: 30, assessmentDays: 30, paymentDays: 5, amicableDays: 90 };

/** The timers a case carries, by the name of its deadline column. */
export const TIMERS = ['eligibility', 'documents', 'assessment', 'loss', 'payment', 'legal'] as const;
export type Timer = (typeof TIMERS)[number];

/** Date of loss (spec §6.5): the insolvency date (the claim date when none is given), else oldest due date + waiting period. */
export function dateOfLoss(cause: ClaimCause, facts: { insolvencyDate: BusinessDate | null; oldestDueDate: BusinessDate; claimedOn: BusinessDate }, terms: TimerTerms): BusinessDate {
  if (cause === 'INSOLVENCY') return facts.insolvencyDate ?? facts.claimedOn;
  return addDays(facts.oldestDueDate, terms.waitingPeriodDays);
}

/** Indemnity is paid `paymentDays` after approval, and not before the date of loss. */
export function paymentDueDate(approvedOn: BusinessDate, lossDate: BusinessDate, terms: TimerTerms): BusinessDate {
  const afterApproval = addDays(approvedOn, terms.paymentDays);
  return compareDates(afterApproval, lossDate) >= 0 ? afterApproval : lossDate;
}
