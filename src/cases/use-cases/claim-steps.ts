// Steps of the claim part of a case that several use cases take (spec §6.5, §6.6): registering a claim, asking for
// or accepting documents, and what a declined claim does to a case without collection.
import { type BusinessDate, addDays, compareDates } from '../../platform/dates.js';
import { type Result, ok } from '../../platform/result.js';
import type { WriteOrigin } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { type ClaimCause, hasCollection } from '../domain/codes.js';
import type { Eligibility } from '../domain/eligibility.js';
import type { CaseError } from '../domain/errors.js';
import { dateOfLoss } from '../domain/timers.js';
import type { CaseDraft } from './case-draft.js';
import { deadlineAt, todayOf } from './shared.js';

export interface ClaimFacts {
  readonly claimCause: ClaimCause;
  readonly insolvencyDate: BusinessDate | null;
  readonly documents: readonly { name: string; url: string }[];
}

/**
 * NOT_CLAIMED → SUBMITTED, with its date of loss (and the timer that marks it); then, unless the eligibility check
 * refuses the claim (late notification, below the threshold: DECLINED at once), documents complete → IN_ASSESSMENT,
 * else AWAITING_DOCUMENTS with the 30-day documents deadline.
 */
export function registerClaim(uow: WriteOrigin, ctx: CasesContext, draft: CaseDraft, facts: ClaimFacts, eligibility: Pick<Eligibility, 'claimRefusal'>): Result<CaseDraft, CaseError> {
  const today = todayOf(uow, ctx);
  const submitted = draft.claimEvent('submit_claim');
  if (!submitted.ok) return submitted;
  const loss = dateOfLoss(facts.claimCause, { insolvencyDate: facts.insolvencyDate, oldestDueDate: draft.row.oldestDueDate, claimedOn: today }, ctx.timers);
  draft.put({
    claimCause: facts.claimCause, insolvencyDate: facts.insolvencyDate, claimSubmittedOn: today, dateOfLoss: loss,
    documents: [...facts.documents], lossDueAt: compareDates(loss, today) <= 0 ? uow.now : deadlineAt(loss, ctx),
    claimAmount: draft.row.claimAmount ?? draft.row.outstandingAmount,
    ...(facts.claimCause === 'INSOLVENCY' && hasCollection(draft.row.caseType) ? { collectionPhase: 'INSOLVENCY' as const } : {}),
  });
  if (eligibility.claimRefusal === 'LATE_NOTIFICATION' || eligibility.claimRefusal === 'BELOW_CLAIM_THRESHOLD') {
    return declineClaim(draft, 'claim_refused', eligibility.claimRefusal);
  }
  if (facts.documents.length > 0) return documentsComplete(uow, ctx, draft, 'documents_complete');
  const asked = draft.claimEvent('documents_missing');
  if (!asked.ok) return asked;
  draft.put({ documentsDueAt: deadlineAt(addDays(today, ctx.timers.documentsDays), ctx) });
  return ok(draft);
}

/** Documents complete (at submission, or supplied later through notes or transactions): IN_ASSESSMENT with its deadline. */
export function documentsComplete(uow: WriteOrigin, ctx: CasesContext, draft: CaseDraft, event: 'documents_complete' | 'documents_supplied'): Result<CaseDraft, CaseError> {
  const moved = draft.claimEvent(event);
  if (!moved.ok) return moved;
  draft.put({ documentsDueAt: null, assessmentDueAt: deadlineAt(addDays(todayOf(uow, ctx), ctx.timers.assessmentDays), ctx) });
  return ok(draft);
}

/** The claim is DECLINED; a case without collection has nothing left to do and closes (CLAIM_DECLINED). */
export function declineClaim(draft: CaseDraft, event: 'claim_refused' | 'liability_declined' | 'documents_deadline_passed', reason: string): Result<CaseDraft, CaseError> {
  const declined = draft.claimEvent(event, reason);
  if (!declined.ok) return declined;
  draft.put({ claimDeclineReason: reason, documentsDueAt: null, assessmentDueAt: null, paymentDueAt: null });
  if (draft.row.caseStatus === 'OPEN' && !hasCollection(draft.row.caseType)) return draft.caseEvent('claim_declined');
  return ok(draft);
}
