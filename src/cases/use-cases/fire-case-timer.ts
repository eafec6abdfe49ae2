// The timers of spec §6.7 firing on a locked case: each deadline column is cleared in the transaction that acts on
// it, so a timer fires once whether the sweeper, a second sweeper or a read that catches up gets there first.
import { type ActorRef, systemActor, type UnitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import type { Timer } from '../domain/timers.js';
import { TIMERS } from '../domain/timers.js';
import { type CaseRow, lockCase } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { checkCaseEligibility } from './check-eligibility.js';
import { declineClaim } from './claim-steps.js';
import { legal } from './shared.js';

const COLUMN = {
  eligibility: 'eligibilityDueAt', documents: 'documentsDueAt', assessment: 'assessmentDueAt',
  loss: 'lossDueAt', payment: 'paymentDueAt', legal: 'legalDueAt',
} as const satisfies Record<Timer, keyof CaseRow>;

export function timerColumn(timer: Timer): (typeof COLUMN)[Timer] {
  return COLUMN[timer];
}

export function isDue(row: CaseRow, timer: Timer, now: Date): boolean {
  const at = row[COLUMN[timer]];
  return at !== null && at.getTime() <= now.getTime();
}

/** Fires `timer` on the case if it is still due in tenant time (a row already fired is left alone). */
export async function fireCaseTimer(uow: UnitOfWork, ctx: CasesContext, caseNumber: number, timer: Timer): Promise<CaseRow | null> {
  const row = await lockCase(uow.tx, uow.tenant.id, caseNumber);
  if (!row || !isDue(row, timer, uow.now)) return row;
  return fireOnLocked(uow, ctx, row, timer);
}

/**
 * Every timer of a locked case that is due, in the order of TIMERS (lazy evaluation before a read or a change). A
 * timer is the system's act whoever's request gets there first, so it is recorded as its sweep's actor: the audit
 * trail and events are the same whether the sweeper or a read fired it.
 */
export async function catchUpLocked(uow: UnitOfWork, ctx: CasesContext, row: CaseRow): Promise<CaseRow> {
  let current = row;
  for (const timer of TIMERS) {
    if (isDue(current, timer, uow.now)) current = await fireOnLocked({ ...uow, actor: timerActor(timer) }, ctx, current, timer);
  }
  return current;
}

/** The actor a timer fires as: the same `system:cases-<timer>` whether its sweep or a catching-up request fires it. */
export function timerActor(timer: Timer): ActorRef {
  return systemActor(`cases-${timer}`);
}

async function fireOnLocked(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, timer: Timer): Promise<CaseRow> {
  if (timer === 'eligibility') return checkCaseEligibility(uow, ctx, row);
  const draft = new CaseDraft(row).put({ [COLUMN[timer]]: null });
  switch (timer) {
    case 'documents':
      if (row.claimStatus === 'AWAITING_DOCUMENTS') legal(declineClaim(draft, 'documents_deadline_passed', 'DOCUMENTS_NOT_SUPPLIED'));
      return draft.save(uow, ctx, 'claim.documents_deadline_passed');
    case 'assessment':
      if (row.claimStatus === 'IN_ASSESSMENT') {
        draft.put({ assessmentOverdue: true }).note({ eventType: 'claim.assessment_overdue', from: row.claimStatus, to: row.claimStatus });
      }
      return draft.save(uow, ctx, 'claim.assessment_overdue');
    case 'loss':
      draft.put({ lossDateReached: true }).note({ eventType: 'claim.date_of_loss_reached', from: row.claimStatus, to: row.claimStatus });
      return draft.save(uow, ctx, 'claim.date_of_loss_reached');
    case 'payment':
      if (row.claimStatus === 'APPROVED') payIndemnity(draft);
      return draft.save(uow, ctx, 'claim.indemnity_paid');
    case 'legal':
      if (row.caseStatus === 'OPEN' && row.collectionPhase === 'AMICABLE') {
        draft.put({ collectionPhase: 'LEGAL' }).note({ eventType: 'case.collection_phase_changed', from: 'AMICABLE', to: 'LEGAL' });
      }
      return draft.save(uow, ctx, 'case.collection_phase_changed');
  }
}

/**
 * APPROVED → PAID: the approved amount is paid as indemnity. Decision: a CLAIM_MONITOR case has nothing more to recover
 * and closes INDEMNIFIED; a CLAIM_COLLECTION case stays OPEN so the collection goes on recovering the debt.
 */
function payIndemnity(draft: CaseDraft): void {
  legal(draft.claimEvent('indemnity_paid'));
  draft.put({ indemnityAmount: draft.row.approvedAmount });
  if (draft.row.caseType === 'CLAIM_MONITOR' && draft.row.caseStatus === 'OPEN') legal(draft.caseEvent('indemnified'));
}
