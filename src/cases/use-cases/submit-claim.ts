import type { BusinessDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { type DocumentRef, checkClaimFacts } from '../domain/case-input.js';
import type { ClaimCause } from '../domain/codes.js';
import type { MinorUnits } from '../../platform/money.js';
import type { Eligibility } from '../domain/eligibility.js';
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

/** A claim's facts as checkClaim reads them from its body. */
export interface CheckedClaimFacts {
  readonly insolvencyDate: BusinessDate | null;
  readonly claimAmount: MinorUnits | null;
}

export const CLAIM_SUBMITTED_ACTION = 'claim.submitted';

/**
 * `POST /cases/{caseId}/claim` (spec §6.5): a claim on an OPEN COLLECTION or MONITOR case not yet claimed (else 409),
 * with cover on the buyer (else 422) and above the claim threshold (else 422). The case becomes CLAIM_COLLECTION or
 * CLAIM_MONITOR; a late notification declines the claim at once (§6.4). The route tries it first in one statement
 * outside a transaction (submit-claim-in-one-statement.ts).
 */
export async function submitClaim(uow: UnitOfWork, ctx: CasesContext, caseId: string, input: ClaimInput): Promise<Result<CaseRow, CaseError>> {
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const row = locked.value;
  const checked = checkClaim(uow, ctx, row, input);
  if (!checked.ok) return checked;
  const drafted = claimDraft(uow, ctx, row, input, checked.value, await eligibilityOf(uow, ctx, row));
  if (!drafted.ok) return drafted;
  return ok(await drafted.value.save(uow, ctx, CLAIM_SUBMITTED_ACTION));
}

/** The checks of a claim that need nothing but the case (state 409, body 400): the claim's facts when they pass. */
export function checkClaim(origin: WriteOrigin, ctx: CasesContext, row: CaseRow, input: ClaimInput): Result<CheckedClaimFacts, CaseError> {
  if (row.caseStatus !== 'OPEN') return err({ code: 'INVALID_STATE', status: row.caseStatus });
  if (row.caseType !== 'COLLECTION' && row.caseType !== 'MONITOR') return err({ code: 'INVALID_STATE', status: row.caseType });
  if (row.claimStatus !== 'NOT_CLAIMED') return err({ code: 'INVALID_STATE', status: row.claimStatus });
  const facts = checkClaimFacts(input, row.currency, todayOf(origin, ctx), '');
  if (!facts.ok) return facts;
  if (facts.value.claimAmount !== null && facts.value.claimAmount > row.outstandingAmount) {
    return err({ code: 'INVALID_VALUE', field: '/claimAmount', detail: 'claimAmount must not exceed the outstanding amount' });
  }
  return facts;
}

/** The claim registered on the case (the draft to save), given the eligibility check on its cover (422 without cover or below the threshold). */
export function claimDraft(
  origin: WriteOrigin, ctx: CasesContext, row: CaseRow, input: ClaimInput, facts: CheckedClaimFacts, eligibility: Eligibility | null,
): Result<CaseDraft, CaseError> {
  if (!eligibility || eligibility.claimRefusal === 'NO_COVER') return err({ code: 'NO_COVER' });
  if (eligibility.claimRefusal === 'BELOW_CLAIM_THRESHOLD') return err({ code: 'CLAIM_BELOW_THRESHOLD' });
  const draft = new CaseDraft(row).put({
    caseType: row.caseType === 'COLLECTION' ? 'CLAIM_COLLECTION' : 'CLAIM_MONITOR',
    claimAmount: facts.claimAmount ?? row.outstandingAmount, eligibility: eligibilityRecord(eligibility, todayOf(origin, ctx)),
  });
  legal(registerClaim(origin, ctx, draft, { claimCause: input.claimCause, insolvencyDate: facts.insolvencyDate, documents: input.documents ?? [] }, eligibility));
  return ok(draft);
}
