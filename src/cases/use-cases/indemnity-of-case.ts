import { type BusinessDate } from '../../platform/dates.js';
import type { Result } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { PolicyFacts } from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import { coverOn } from '../domain/eligibility.js';
import { type IndemnityCalculation, type IndemnityError, calculateIndemnity } from '../domain/indemnity.js';
import { type CaseRow, transactionsOf } from '../store.js';
import { coverSpans, policyTerms } from './shared.js';

/**
 * The indemnity of a case's claim by the rule of domain/indemnity.ts: its invoices (each covered when cover was in
 * force on its document date) less credit notes and payments allocated oldest first, the claimed amount, the limit in
 * force at the date of loss and the policy's insured percentage. Decision: the Cover policies carry no VAT term, so
 * VAT is insured (gross amounts count), as the spec's rule on the outstanding amount reads.
 */
export async function indemnityOfCase(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, policy: PolicyFacts, lossDate: BusinessDate): Promise<Result<IndemnityCalculation, IndemnityError>> {
  const [transactions, spans] = await Promise.all([transactionsOf(uow.tx, uow.tenant.id, row.caseNumber), coverSpans(uow, ctx, row.policyId, row.buyerId)]);
  const terms = policyTerms(policy);
  return calculateIndemnity({
    invoices: transactions.filter((t) => t.transactionType === 'INVOICE').map((t) => ({
      documentNumber: t.documentNumber, documentDate: t.documentDate, dueDate: t.dueDate ?? t.documentDate, grossAmount: t.grossAmount,
      ...(t.netAmount === null ? {} : { netAmount: t.netAmount }), covered: coverOn(terms, spans, t.documentDate) > 0,
    })),
    reductions: transactions.filter((t) => t.transactionType !== 'INVOICE').map((t) => ({
      kind: t.transactionType as 'CREDIT_NOTE' | 'PAYMENT', documentNumber: t.documentNumber, documentDate: t.documentDate, amount: t.grossAmount,
    })),
    terms: { insuredPercentage: policy.insuredPercentage, limitInForce: coverOn(terms, spans, lossDate), vatInsured: true },
    ...(row.claimAmount === null ? {} : { claimAmount: row.claimAmount }),
  });
}
