import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import type { CaseError } from '../domain/errors.js';
import type { CaseRow } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { lockCaseForChange } from './open-case-for-change.js';

/**
 * Closes an OPEN case by a person's decision (spec §6.6): the collection failed (UNRECOVERABLE) or the customer
 * withdrew it (WITHDRAWN). Any other status: INVALID_STATE.
 */
export async function closeCase(uow: UnitOfWork, ctx: CasesContext, caseId: string, reason: 'UNRECOVERABLE' | 'WITHDRAWN'): Promise<Result<CaseRow, CaseError>> {
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const draft = new CaseDraft(locked.value);
  const closed = draft.caseEvent(reason === 'UNRECOVERABLE' ? 'unrecoverable' : 'withdrawn');
  if (!closed.ok) return err({ code: 'INVALID_STATE', status: locked.value.caseStatus });
  return ok(await draft.save(uow, ctx, `case.closed.${reason.toLowerCase()}`));
}
