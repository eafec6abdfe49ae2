// Which correspondence letters a case's status changes issue (spec §6.6 and §6.7), in the unit of work of the change:
//   SUBMITTED → OPEN                     ACKNOWLEDGEMENT, and for a case with collection the first COLLECTION_UPDATE
//                                        (§6.7: the first debtor reminder ≤ 48 h after OPEN)
//   collection phase changes             COLLECTION_UPDATE
//   claim → AWAITING_DOCUMENTS           DOCUMENT_REQUEST (with the 30-day deadline)
//   claim → IN_ASSESSMENT                PRE_LIABILITY_CALCULATION on a protracted-default claim (P-uk-claims), and
//                                        on a case under collection an EARLY_COSTS_ASSESSMENT of the current phase's
//                                        costs ("based on the information provided", P-uk-claims)
//   collection phase → LEGAL             with a claim on the case (not declined), an EARLY_COSTS_ASSESSMENT of the
//                                        legal phase's costs: the costs the insurer contributes to change
//   claim → APPROVED                     LIABILITY_ASSESSMENT
//   claim → DECLINED                     CLAIM_DECLINED (with the reason)
//   claim → PAID                         PAYMENT_ADVICE
//   case → CLOSED                        CASE_CLOSED
// Decisions where the spec is silent: a REJECTED case gets no letter (its reason is on the case and in the
// case.status_changed webhook); the costs an EARLY_COSTS_ASSESSMENT shares are estimated by domain/collection-costs.ts.
import { businessDateAt } from '../../platform/dates.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import { policyFacts } from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import { caseIdOf, hasCollection } from '../domain/codes.js';
import { type CostedPhase, estimatedCollectionCosts, isCostedPhase } from '../domain/collection-costs.js';
import { assessEarlyCosts } from '../domain/indemnity.js';
import { type LetterDetails, earlyCostsLetterDetails, preLiabilityLetterDetails } from '../letters/content.js';
import type { LetterLanguage } from '../letters/format.js';
import { type CaseRow, transactionsOf } from '../store.js';
import { indemnityOfCase } from './indemnity-of-case.js';
import { type LetterDetailsIn, issueLetter } from './issue-letter.js';
import type { StatusChange } from './shared.js';
import { todayOf } from './shared.js';

/** Decision: the documents a claim needs when none came with it (the handbook's claim file, P-jos-07). */
export const REQUESTED_DOCUMENTS: Record<LetterLanguage, readonly string[]> = {
  en: ['Copies of the unpaid invoices', 'The reminders sent to the buyer', 'A statement of the buyer\'s account', 'Correspondence on any dispute or payment promise'],
  sv: ['Kopior av de obetalda fakturorna', 'Påminnelserna som skickats till köparen', 'Ett kontoutdrag för köparens konto', 'Korrespondens om eventuell tvist eller betalningslöfte'],
};

export async function issueLettersForChanges(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, changes: readonly StatusChange[]): Promise<void> {
  for (const change of changes) {
    for (const details of await lettersFor(uow, ctx, row, change)) await issueLetter(uow, ctx, row, details);
  }
}

/**
 * The letters `changes` call for when none of them needs a read (as issueLettersForChanges would issue them, in order),
 * or null when one does: the acknowledgement of an OPEN case lists its invoices, and an assessment or an early costs
 * assessment is calculated on the policy.
 */
export function lettersWithoutReads(origin: WriteOrigin, ctx: CasesContext, row: CaseRow, changes: readonly StatusChange[]): LetterDetailsIn[] | null {
  const letters: LetterDetailsIn[] = [];
  for (const change of changes) {
    const some = plainLettersFor(origin, ctx, row, change);
    if (!some) return null;
    letters.push(...some);
  }
  return letters;
}

async function lettersFor(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, change: StatusChange): Promise<LetterDetailsIn[]> {
  const plain = plainLettersFor(uow, ctx, row, change);
  if (plain) return plain;
  const today = todayOf(uow, ctx);
  if (change.eventType === 'case.status_changed' && change.to === 'OPEN') {
    return [await acknowledgement(uow, row), ...(hasCollection(row.caseType) ? [collectionUpdate(row, 'AMICABLE')] : [])];
  }
  if (change.eventType === 'case.collection_phase_changed') return [collectionUpdate(row, 'LEGAL'), ...await earlyCosts(uow, ctx, row, 'LEGAL', today)];
  // claim → IN_ASSESSMENT
  const phase = row.collectionPhase;
  return [...await preLiability(uow, ctx, row, today), ...(hasCollection(row.caseType) && isCostedPhase(phase) ? await earlyCosts(uow, ctx, row, phase, today) : [])];
}

/** The letters of one change when they need no read; null for those lettersFor reads for (see lettersWithoutReads). */
function plainLettersFor(origin: WriteOrigin, ctx: CasesContext, row: CaseRow, change: StatusChange): LetterDetailsIn[] | null {
  const today = todayOf(origin, ctx);
  if (change.eventType === 'case.status_changed' && change.to === 'OPEN') return null;
  if (change.eventType === 'case.collection_phase_changed' && (change.to === 'LEGAL' || change.to === 'INSOLVENCY' || change.to === 'AMICABLE')) {
    const costed = change.to === 'LEGAL' && row.claimStatus !== 'NOT_CLAIMED' && row.claimStatus !== 'DECLINED';
    return costed ? null : [collectionUpdate(row, change.to)];
  }
  if (change.eventType === 'case.status_changed' && change.to === 'CLOSED' && row.closureReason) {
    return [{
      letterType: 'CASE_CLOSED', closureReason: row.closureReason, closedOn: today, recoveredAmount: row.totalPaid,
      indemnityPaid: row.claimStatus === 'PAID' ? row.indemnityAmount ?? 0 : 0,
    }];
  }
  if (change.eventType !== 'claim.status_changed') return [];
  switch (change.to) {
    case 'AWAITING_DOCUMENTS':
      return [(language) => ({ letterType: 'DOCUMENT_REQUEST', documents: REQUESTED_DOCUMENTS[language], deadline: businessDateAt(row.documentsDueAt ?? origin.now, ctx.timeZone) })];
    case 'IN_ASSESSMENT':
      return null;
    case 'APPROVED': {
      const approved = row.approvedAmount ?? 0;
      return [{
        letterType: 'LIABILITY_ASSESSMENT', claimAmount: row.claimAmount ?? row.outstandingAmount, approvedAmount: approved,
        insuredPercentage: String(row.indemnityPercentage ?? 0), indemnityAmount: approved, dateOfLoss: row.dateOfLoss ?? today,
        paymentDate: businessDateAt(row.paymentDueAt ?? origin.now, ctx.timeZone),
      }];
    }
    case 'DECLINED':
      return [{ letterType: 'CLAIM_DECLINED', claimAmount: row.claimAmount ?? row.outstandingAmount, reason: row.claimDeclineReason ?? change.reason ?? '' }];
    case 'PAID':
      return [{ letterType: 'PAYMENT_ADVICE', indemnityAmount: row.indemnityAmount ?? 0, paidOn: today, paymentReference: change.reason ?? `IND-${caseIdOf(row.caseNumber)}` }];
    default:
      return [];
  }
}

async function acknowledgement(uow: UnitOfWork, row: CaseRow): Promise<LetterDetails> {
  const transactions = await transactionsOf(uow.tx, uow.tenant.id, row.caseNumber);
  const invoices = transactions.filter((t) => t.transactionType === 'INVOICE' && t.outstandingAmount > 0)
    .map((t) => ({ documentNumber: t.documentNumber, dueDate: t.dueDate ?? t.documentDate, outstandingAmount: t.outstandingAmount }));
  return { letterType: 'ACKNOWLEDGEMENT', outstandingAmount: row.outstandingAmount, oldestDueDate: row.oldestDueDate, invoices };
}

function collectionUpdate(row: CaseRow, phase: 'AMICABLE' | 'LEGAL' | 'INSOLVENCY'): LetterDetails {
  return { letterType: 'COLLECTION_UPDATE', collectionPhase: phase, outstandingAmount: row.outstandingAmount, recoveredAmount: row.totalPaid };
}

/** The Pre-Liability Calculation of a protracted-default claim entering assessment; none when it cannot be made. */
async function preLiability(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, today: string): Promise<LetterDetails[]> {
  if (row.claimCause !== 'PROTRACTED_DEFAULT' || row.dateOfLoss === null) return [];
  const policy = await policyFacts(uow.tx, uow.tenant.id, row.policyId);
  if (!policy) return [];
  const calculation = await indemnityOfCase(uow, ctx, row, policy, row.dateOfLoss);
  if (!calculation.ok) return [];
  return [preLiabilityLetterDetails({ ...calculation.value, dateOfLoss: row.dateOfLoss, asOf: today, indicative: today < row.dateOfLoss })];
}

/** The Early Costs Assessment of a collection phase: its estimated costs shared as the loss is (domain/indemnity.ts). */
async function earlyCosts(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, phase: CostedPhase, today: string): Promise<LetterDetails[]> {
  const policy = await policyFacts(uow.tx, uow.tenant.id, row.policyId);
  if (!policy) return [];
  const calculation = await indemnityOfCase(uow, ctx, row, policy, row.dateOfLoss ?? today);
  if (!calculation.ok) return [];
  const assessment = assessEarlyCosts(calculation.value, estimatedCollectionCosts(calculation.value.outstandingAmount, phase));
  return assessment.ok ? [earlyCostsLetterDetails(assessment.value)] : [];
}
