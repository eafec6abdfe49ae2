import { type Result, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import type { CaseError } from '../domain/errors.js';
import type { CaseRow } from '../store.js';
import { catchUpLocked } from './fire-case-timer.js';
import { lockCaseById } from './shared.js';

/** The tenant's case locked for a change, its due timers fired first (it is changed as it stands now). */
export async function lockCaseForChange(uow: UnitOfWork, ctx: CasesContext, caseId: string): Promise<Result<CaseRow, CaseError>> {
  const row = await lockCaseById(uow, caseId);
  if (!row.ok) return row;
  return ok(await catchUpLocked(uow, ctx, row.value));
}
