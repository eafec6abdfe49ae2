import { compareDates } from '../../../platform/dates.js';
import { type Result, err, ok } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { CasesContext } from '../../context.js';
import type { CaseError } from '../../domain/errors.js';
import type { CaseRow } from '../../store.js';
import { CaseDraft } from '../case-draft.js';
import { lockCaseForChange } from '../open-case-for-change.js';
import { todayOf } from '../shared.js';

/**
 * A claims handler records that the approved indemnity has been paid (spec §6.6 APPROVED → PAID), before the payment
 * timer would (§6.7: at the latest 5 days after approval) but never before the date of loss. The amount paid is the
 * approved amount. As when the timer pays: a CLAIM_MONITOR case has nothing left to recover and closes INDEMNIFIED,
 * a CLAIM_COLLECTION case stays OPEN for the collection. The payment reference goes into the event and audit trail.
 */
export async function recordIndemnityPayment(uow: UnitOfWork, ctx: CasesContext, caseId: string, paymentReference: string): Promise<Result<CaseRow, CaseError>> {
  if (paymentReference.trim().length === 0 || paymentReference.length > 100) {
    return err({ code: 'INVALID_VALUE', field: '/paymentReference', detail: 'paymentReference must be 1 to 100 characters' });
  }
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const row = locked.value;
  if (row.caseStatus !== 'OPEN' || row.claimStatus !== 'APPROVED') return err({ code: 'INVALID_STATE', status: row.caseStatus !== 'OPEN' ? row.caseStatus : row.claimStatus });
  if (row.dateOfLoss === null || compareDates(todayOf(uow, ctx), row.dateOfLoss) < 0) {
    return err({ code: 'INVALID_DATE', field: '/paidOn', detail: `the indemnity cannot be paid before the date of loss ${row.dateOfLoss ?? ''}`.trim() });
  }
  const draft = new CaseDraft(row).put({ paymentDueAt: null, indemnityAmount: row.approvedAmount });
  const paid = draft.claimEvent('indemnity_paid', paymentReference);
  if (!paid.ok) return err({ code: 'INVALID_STATE', status: row.claimStatus });
  if (row.caseType === 'CLAIM_MONITOR') {
    const closed = draft.caseEvent('indemnified');
    if (!closed.ok) return err({ code: 'INVALID_STATE', status: row.caseStatus });
  }
  return ok(await draft.save(uow, ctx, 'claim.indemnity_payment_recorded'));
}
