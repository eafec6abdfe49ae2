import type { BusinessDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { type DocumentRef, checkClaimFacts } from '../domain/case-input.js';
import type { ClaimCause } from '../domain/codes.js';
import type { CaseError } from '../domain/errors.js';
import type { CaseRow } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { eligibilityOf, eligibilityRecord } from './check-eligibility.js';
import { registerClaim } from './claim-steps.js';
import { legal, todayOf } from './shared.js';
import { lockCaseForChange } from './open-case-for-change.js';

export interface ClaimInput {
  readonly claimCause: ClaimCause;
  readonly insolvencyDate?: string | undefined;
  readonly claimAmount?: string | number | undefined;
  readonly documents?: readonly DocumentRef[] | undefined;
}

/**
 * `POST /cases/{caseId}/claim` (spec §6.5): a claim on an OPEN COLLECTION or MONITOR case not yet claimed (else 409),
 * with cover on the buyer (else 422) and above the claim threshold (else 422). The case becomes CLAIM_COLLECTION or
 * CLAIM_MONITOR; a late notification declines the claim at once (§6.4).
 */
export async function submitClaim(uow: UnitOfWork, ctx: CasesContext, caseId: string, input: ClaimInput): Promise<Result<CaseRow, CaseError>> {
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const row = locked.value;
  if (row.caseStatus !== 'OPEN') return err({ code: 'INVALID_STATE', status: row.caseStatus });
  if (row.caseType !== 'COLLECTION' && row.caseType !== 'MONITOR') return err({ code: 'INVALID_STATE', status: row.caseType });
  if (row.claimStatus !== 'NOT_CLAIMED') return err({ code: 'INVALID_STATE', status: row.claimStatus });
  const today = todayOf(uow, ctx);
  const facts = checkClaimFacts(input, row.currency, today, '');
  if (!facts.ok) return facts;
  if (facts.value.claimAmount !== null && facts.value.claimAmount > row.outstandingAmount) {
    return err({ code: 'INVALID_VALUE', field: '/claimAmount', detail: 'claimAmount must not exceed the outstanding amount' });
  }
  const eligibility = await eligibilityOf(uow, ctx, row);
  if (!eligibility || eligibility.claimRefusal === 'NO_COVER') return err({ code: 'NO_COVER' });
  if (eligibility.claimRefusal === 'BELOW_CLAIM_THRESHOLD') return err({ code: 'CLAIM_BELOW_THRESHOLD' });
  const draft = new CaseDraft(row).put({
    caseType: row.caseType === 'COLLECTION' ? 'CLAIM_COLLECTION' : 'CLAIM_MONITOR',
    claimAmount: facts.value.claimAmount ?? row.outstandingAmount, eligibility: eligibilityRecord(eligibility, today),
  });
  legal(registerClaim(uow, ctx, draft, { claimCause: input.claimCause, insolvencyDate: facts.value.insolvencyDate as BusinessDate | null, documents: input.documents ?? [] }, eligibility));
  return ok(await draft.save(uow, ctx, 'claim.submitted'));
}
