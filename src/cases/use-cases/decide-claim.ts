import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { policyFacts } from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import type { CaseError } from '../domain/errors.js';
import { paymentDueDate } from '../domain/timers.js';
import type { CaseRow } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { declineClaim } from './claim-steps.js';
import { deadlineAt, todayOf } from './shared.js';
import { indemnityOfCase } from './indemnity-of-case.js';
import { lockCaseForChange } from './open-case-for-change.js';

export type ClaimDecision =
  | {
    readonly outcome: 'APPROVED';
    /** The indemnity approved, in minor units; by default the calculated indemnity, never more. */
    readonly approvedAmount?: number | undefined;
  }
  | { readonly outcome: 'DECLINED'; readonly reason: string };

/**
 * The liability assessment of a claim IN_ASSESSMENT (spec §6.6), made by a claims handler (back office) or the system:
 * APPROVED with its amount (paid by the `payment` timer 5 days later and not before the date of loss, §6.7), or
 * DECLINED with a reason (a case without collection then closes). Any other claim status: INVALID_STATE.
 */
export async function decideClaim(uow: UnitOfWork, ctx: CasesContext, caseId: string, decision: ClaimDecision): Promise<Result<CaseRow, CaseError>> {
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const row = locked.value;
  if (row.caseStatus !== 'OPEN') return err({ code: 'INVALID_STATE', status: row.caseStatus });
  const draft = new CaseDraft(row).put({ assessmentDueAt: null });
  if (decision.outcome === 'DECLINED') {
    if (decision.reason.trim().length === 0 || decision.reason.length > 500) return err({ code: 'INVALID_VALUE', field: '/reason', detail: 'reason must be 1 to 500 characters' });
    const declined = declineClaim(draft, 'liability_declined', decision.reason);
    if (!declined.ok) return err({ code: 'INVALID_STATE', status: row.claimStatus });
    return ok(await draft.save(uow, ctx, 'claim.declined'));
  }
  const approved = draft.claimEvent('liability_accepted');
  if (!approved.ok) return err({ code: 'INVALID_STATE', status: row.claimStatus });
  const policy = await policyFacts(uow.tx, uow.tenant.id, row.policyId);
  if (!policy) return err({ code: 'NO_COVER' });
  const today = todayOf(uow, ctx);
  const lossDate = row.dateOfLoss ?? today;
  const calculation = await indemnityOfCase(uow, ctx, row, policy, lossDate);
  if (!calculation.ok || calculation.value.indemnityAmount === 0) return err({ code: 'NO_COVER' });
  const calculated = calculation.value.indemnityAmount;
  const approvedAmount = decision.approvedAmount ?? calculated;
  if (!Number.isSafeInteger(approvedAmount) || approvedAmount <= 0 || approvedAmount > calculated) {
    return err({ code: 'INVALID_VALUE', field: '/approvedAmount', detail: 'approvedAmount must be greater than zero and at most the calculated indemnity' });
  }
  draft.put({
    approvedAmount, approvedOn: today, indemnityPercentage: policy.insuredPercentage,
    indemnityCalculation: { ...calculation.value, calculatedOn: today, dateOfLoss: lossDate }, paymentDueAt: deadlineAt(paymentDueDate(today, lossDate, ctx.timers), ctx),
  });
  return ok(await draft.save(uow, ctx, 'claim.approved'));
}
