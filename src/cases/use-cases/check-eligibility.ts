// The eligibility check of spec §6.4 on a SUBMITTED case ("immediate" after submission, §6.7): its checks and reasons
// are recorded on the case; the case opens (collection in its AMICABLE phase, a CLAIM_* case's claim registered) or is
// REJECTED.
import { addDays } from '../../platform/dates.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { type CoverPeriod, type PolicyFacts, policyWithCoverPeriods } from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import { hasCollection, isClaimType } from '../domain/codes.js';
import { type Eligibility, checkEligibility } from '../domain/eligibility.js';
import type { CaseRow } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { registerClaim } from './claim-steps.js';
import { claimThreshold, deadlineAt, legal, policyTerms, spansOf, todayOf } from './shared.js';

/** The §6.4 checks of a case as it stands (the notification date is the case's own): one read of the policy and its cover. */
export async function eligibilityOf(uow: UnitOfWork, ctx: CasesContext, row: CaseRow): Promise<Eligibility | null> {
  return eligibilityFrom(ctx, row, await policyWithCoverPeriods(uow.tx, uow.tenant.id, row.policyId, row.buyerId));
}

/** eligibilityOf on the policy and cover periods as read (null: the policy is unknown). */
export function eligibilityFrom(ctx: CasesContext, row: CaseRow, loaded: { policy: PolicyFacts; periods: readonly CoverPeriod[] } | null): Eligibility | null {
  if (!loaded) return null;
  return checkEligibility({
    caseType: row.caseType, policy: policyTerms(loaded.policy), cover: spansOf(loaded.periods, ctx),
    firstInvoiceDate: row.firstInvoiceDate, oldestDueDate: row.oldestDueDate, outstandingAmount: row.outstandingAmount,
    notifiedOn: row.notifiedOn, claimThreshold: claimThreshold(ctx, row.currency), notificationGraceDays: ctx.notificationGraceDays,
  });
}

export function eligibilityRecord(eligibility: Eligibility, checkedOn: string) {
  return { checkedOn, checks: [...eligibility.checks], claimRefusal: eligibility.claimRefusal, coverAtFirstInvoice: eligibility.coverAtFirstInvoice };
}

/** Runs the check on a locked SUBMITTED case (the `eligibility` timer); any other status only clears the timer. */
export async function checkCaseEligibility(uow: UnitOfWork, ctx: CasesContext, row: CaseRow): Promise<CaseRow> {
  const draft = new CaseDraft(row).put({ eligibilityDueAt: null });
  if (row.caseStatus !== 'SUBMITTED') return draft.save(uow, ctx, 'case.eligibility_skipped');
  const eligibility = await eligibilityOf(uow, ctx, row);
  const today = todayOf(uow, ctx);
  if (!eligibility || eligibility.caseOutcome === 'REJECTED') {
    draft.put({ rejectionReason: eligibility?.rejectionReason ?? 'POLICY_NOT_LIVE', ...(eligibility ? { eligibility: eligibilityRecord(eligibility, today), lateNotification: eligibility.lateNotification } : {}) });
    legal(draft.caseEvent('not_eligible'));
    return draft.save(uow, ctx, 'case.rejected');
  }
  draft.put({ eligibility: eligibilityRecord(eligibility, today), lateNotification: eligibility.lateNotification });
  legal(draft.caseEvent('eligible'));
  if (hasCollection(row.caseType)) draft.put({ collectionPhase: 'AMICABLE', legalDueAt: deadlineAt(addDays(today, ctx.timers.amicableDays), ctx) });
  if (isClaimType(row.caseType) && row.claimCause) {
    legal(registerClaim(uow, ctx, draft, { claimCause: row.claimCause, insolvencyDate: row.insolvencyDate, documents: row.documents }, eligibility));
  }
  return draft.save(uow, ctx, 'case.opened');
}
