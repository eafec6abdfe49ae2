import { type Result, err, ok } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { CasesContext } from '../../context.js';
import type { CaseError } from '../../domain/errors.js';
import type { CaseRow } from '../../store.js';
import { CaseDraft } from '../case-draft.js';
import { documentsComplete } from '../claim-steps.js';
import { lockCaseForChange } from '../open-case-for-change.js';

/**
 * A claims handler confirms that the documents asked for have arrived (spec §6.6 AWAITING_DOCUMENTS → IN_ASSESSMENT:
 * "documents supplied"); the 30-day assessment deadline starts. Any other claim status: INVALID_STATE.
 */
export async function confirmDocuments(uow: UnitOfWork, ctx: CasesContext, caseId: string): Promise<Result<CaseRow, CaseError>> {
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const row = locked.value;
  if (row.caseStatus !== 'OPEN') return err({ code: 'INVALID_STATE', status: row.caseStatus });
  const draft = new CaseDraft(row);
  const moved = documentsComplete(uow, ctx, draft, 'documents_supplied');
  if (!moved.ok) return err({ code: 'INVALID_STATE', status: row.claimStatus });
  return ok(await draft.save(uow, ctx, 'claim.documents_confirmed'));
}
