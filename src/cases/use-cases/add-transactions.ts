import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { type TransactionInput, checkTransactions } from '../domain/case-input.js';
import { acceptsTransactions } from '../domain/case-state.js';
import type { CaseError } from '../domain/errors.js';
import { caseTotals } from '../domain/totals.js';
import { type CaseRow, MAX_CHILDREN, type TransactionRow, insertTransactions, transactionsOf } from '../store.js';
import { CaseDraft } from './case-draft.js';
import { documentsComplete } from './claim-steps.js';
import { legal, todayOf } from './shared.js';
import { lockCaseForChange } from './open-case-for-change.js';

/**
 * `POST /cases/{caseId}/transactions` (spec §6.1): 1–500 transactions while the case is SUBMITTED or OPEN. The case's
 * amounts are summed again; an OPEN case whose outstanding amount reaches 0 closes (PAID_BY_DEBTOR), and a claim
 * awaiting documents takes them as supplied.
 */
export async function addTransactions(uow: UnitOfWork, ctx: CasesContext, caseId: string, inputs: readonly TransactionInput[]): Promise<Result<{ row: CaseRow; added: TransactionRow[] }, CaseError>> {
  const locked = await lockCaseForChange(uow, ctx, caseId);
  if (!locked.ok) return locked;
  const row = locked.value;
  if (!acceptsTransactions(row.caseStatus)) return err({ code: 'INVALID_STATE', status: row.caseStatus });
  const checked = checkTransactions(inputs, row.currency, todayOf(uow, ctx), '/transactions');
  if (!checked.ok) return checked;
  const existing = await transactionsOf(uow.tx, uow.tenant.id, row.caseNumber);
  if (existing.length + checked.value.length > MAX_CHILDREN) {
    return err({ code: 'INVALID_VALUE', field: '/transactions', detail: `A case holds at most ${MAX_CHILDREN} transactions` });
  }
  const added = await insertTransactions(uow.tx, checked.value.map((t) => ({ tenantId: uow.tenant.id, caseNumber: row.caseNumber, ...t, createdAt: uow.now })));
  const draft = new CaseDraft(row).put({ ...caseTotals([...existing, ...added]), updatedAt: uow.now });
  if (row.claimStatus === 'AWAITING_DOCUMENTS') legal(documentsComplete(uow, ctx, draft, 'documents_supplied'));
  if (draft.row.caseStatus === 'OPEN' && draft.row.outstandingAmount === 0) legal(draft.caseEvent('settled_by_debtor'));
  return ok({ row: await draft.save(uow, ctx, 'case.transactions_added'), added });
}
