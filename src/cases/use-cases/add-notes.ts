import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { type NoteInput, checkNote } from '../domain/case-input.js';
import { acceptsNotes } from '../domain/case-state.js';
import type { NoteAuthor } from '../domain/codes.js';
import type { CaseError } from '../domain/errors.js';
import { type CaseRow, MAX_CHILDREN, type NoteRow, countChildren, insertNotes } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { documentsComplete } from './claim-steps.js';
import { legal } from './shared.js';
import { lockCaseForChange } from './open-case-for-change.js';

/**
 * `POST /cases/{caseId}/notes` (spec §6.1): allowed unless the case is CLOSED or REJECTED. A claim awaiting documents
 * takes the note as the documents supplied (§6.6: AWAITING_DOCUMENTS → IN_ASSESSMENT).
 */
export async function addNote(uow: UnitOfWork, ctx: CasesContext, caseId: string, input: NoteInput, author: NoteAuthor = 'CUSTOMER'): Promise<Result<{ row: CaseRow; note: NoteRow }, CaseError>> {
  const checked = checkNote(input, '');
  if (!checked.ok) return checked;
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  if (!acceptsNotes(locked.value.caseStatus)) return err({ code: 'INVALID_STATE', status: locked.value.caseStatus });
  if ((await countChildren(uow.tx, uow.tenant.id, locked.value.caseNumber)).notes >= MAX_CHILDREN) {
    return err({ code: 'INVALID_VALUE', field: '/text', detail: `A case holds at most ${MAX_CHILDREN} notes` });
  }
  const [note] = await insertNotes(uow.tx, [{ tenantId: uow.tenant.id, caseNumber: locked.value.caseNumber, ...checked.value, author, createdAt: uow.now }]);
  const draft = new CaseDraft(locked.value).put({ updatedAt: uow.now });
  if (locked.value.claimStatus === 'AWAITING_DOCUMENTS') legal(documentsComplete(uow, ctx, draft, 'documents_supplied'));
  return ok({ row: await draft.save(uow, ctx, 'case.note_added'), note: note as NoteRow });
}
