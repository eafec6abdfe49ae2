// `POST /cases/{caseId}/claim` without a transaction (runOptimisticMutation): one unlocked read of everything the claim
// rests on (the case with its row version, the policy and the buyer's cover, the customer its letter is addressed to,
// and the letter's number), the same decision submitClaim takes, and one statement writing the case, its history,
// events, audit row and the letter (the letter sweep renders it), guarded by a compare-and-set on the case's row version.
import { fastGuardedWriteAll } from '../../platform/db/fast-query.js';
import type { SingleStatementWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { caseNumberOf } from '../domain/codes.js';
import { TIMERS } from '../domain/timers.js';
import { type CaseRow, caseUpdateGuard, readClaimSnapshot } from '../store.js';
import { eligibilityFrom } from './check-eligibility.js';
import { isDue } from './fire-case-timer.js';
import { issueLetterWrites } from './issue-letter.js';
import { lettersWithoutReads } from './issue-letters-for-changes.js';
import { CLAIM_SUBMITTED_ACTION, type ClaimInput, checkClaim, claimDraft } from './submit-claim.js';

/**
 * The claim written in one statement (the case as submitClaim answers it), or null when it must take the transaction
 * (submitClaim), having written nothing: any refusal (which submitClaim words), a due timer (which the transaction
 * fires first), documents given with the claim (its assessment letters read the policy), more than one letter, or a
 * change to the case since it was read (a concurrent claim, note, transaction or timer).
 */
export async function trySubmitClaimInOneStatement(work: SingleStatementWork, ctx: CasesContext, caseId: string, input: ClaimInput): Promise<CaseRow | null> {
  const caseNumber = caseNumberOf(caseId);
  if (caseNumber === null) return null;
  const snapshot = await readClaimSnapshot(work.db, work.tenant.id, caseNumber, (input.documents ?? []).length === 0);
  if (!snapshot || snapshot.letterNumber === null) return null;
  const { row } = snapshot;
  if (TIMERS.some((timer) => isDue(row, timer, work.now))) return null;
  const checked = checkClaim(work, ctx, row, input);
  if (!checked.ok) return null;
  const drafted = claimDraft(work, ctx, row, input, checked.value, eligibilityFrom(ctx, row, snapshot.cover));
  if (!drafted.ok) return null;
  const { updated, set, record, changes } = drafted.value.writes(work, CLAIM_SUBMITTED_ACTION);
  const letters = lettersWithoutReads(work, ctx, updated, changes);
  if (!letters || letters.length !== 1) return null;
  const written = await fastGuardedWriteAll(work.db, caseUpdateGuard(row, snapshot.version, set), [
    ...record, ...issueLetterWrites(work, ctx, updated, snapshot.customer, snapshot.letterNumber, letters[0]!),
  ]);
  return written ? updated : null;
}
