import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import { customerExists, policyFacts, type PolicyFacts } from '../../cover/api.js';
import { buyerByNumber } from '../../risk/api.js';
import type { CasesContext } from '../context.js';
import { type CaseInput, type NewCase, checkNewCase } from '../domain/case-input.js';
import { caseIdOf, isClaimType } from '../domain/codes.js';
import { type CoverSpan, coverOn } from '../domain/eligibility.js';
import type { CaseError } from '../domain/errors.js';
import { caseTotals } from '../domain/totals.js';
import { fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import { type CaseRow, type NewCaseRow, findActiveCase, insertCaseUnlessActive, notesWrite, transactionsWrite } from '../store.js';
import { caseChangesWrites, coverSpans, policyTerms, todayOf } from './shared.js';

/** The caller's policy: another tenant's, or another customer's, customer or policy is forbidden (spec §4). */
export async function usablePolicy(uow: UnitOfWork, customerId: number | undefined, policyId: number): Promise<Result<PolicyFacts, CaseError>> {
  const policy = await policyFacts(uow.tx, uow.tenant.id, policyId);
  if (policy && (customerId === undefined || policy.customerId === customerId)) return ok(policy);
  if (customerId !== undefined && !(await customerExists(uow.tx, uow.tenant.id, customerId))) return err({ code: 'CUSTOMER_FORBIDDEN' });
  return err({ code: 'POLICY_FORBIDDEN' });
}

export const CASE_CREATED_ACTION = 'case.created';

/**
 * `POST /cases` (spec §6.3): a SUBMITTED case with its transactions and notes. The eligibility check (§6.4) is due at
 * once: the sweeper, or the next read or change of the case, runs it. The route tries it first in one statement outside a
 * transaction (create-case-in-one-statement.ts).
 */
export async function createCase(uow: UnitOfWork, ctx: CasesContext, input: CaseInput): Promise<Result<CaseRow, CaseError>> {
  const today = todayOf(uow, ctx);
  const checked = checkNewCase(input, today);
  if (!checked.ok) return checked;
  const policy = await usablePolicy(uow, input.customerId, input.policyId);
  if (!policy.ok) return policy;
  if (checked.value.currency !== policy.value.currency) {
    return err({ code: 'INVALID_VALUE', field: '/currencyCode', detail: `currencyCode must be the policy currency ${policy.value.currency}` });
  }
  const buyer = await buyerByNumber(uow.tx, input.buyerId);
  if (!buyer) return err({ code: 'NO_COVER' });
  if (isClaimType(checked.value.caseType) && !(await hasCoverOnBuyer(uow, ctx, policy.value, input.buyerId, today))) return err({ code: 'NO_COVER' });
  const inserted = await insertNewCase(uow, checked.value, buyer.name, today);
  if (!inserted) {
    const active = await findActiveCase(uow.tx, uow.tenant.id, input.policyId, input.buyerId);
    return err({ code: 'OPEN_CASE_EXISTS', caseId: active ? caseIdOf(active.caseNumber) : '' });
  }
  await fastWriteAll(uow.tx, newCaseWrites(uow, inserted, checked.value));
  return ok(inserted);
}

/** Any limit or credit check ever decided on the buyer under the policy, or the policy's DCL. */
async function hasCoverOnBuyer(uow: UnitOfWork, ctx: CasesContext, policy: PolicyFacts, buyerId: number, today: string): Promise<boolean> {
  return coverOnBuyer(policy, await coverSpans(uow, ctx, policy.policyId, buyerId), today);
}

/** hasCoverOnBuyer on the buyer's cover spans as read. */
export function coverOnBuyer(policy: PolicyFacts, spans: readonly CoverSpan[], today: string): boolean {
  return coverOn(policyTerms(policy), spans, today) > 0 || spans.some((span) => span.coverType !== 'indication' && span.granted > 0);
}

/**
 * Inserts the case unless the (policy, buyer) has a SUBMITTED or OPEN case: an existing one, or one a concurrent request
 * inserts first, wins the unique index and this one gets null.
 */
async function insertNewCase(uow: UnitOfWork, input: NewCase, buyerName: string, today: string): Promise<CaseRow | null> {
  return insertCaseUnlessActive(uow.tx, newCaseValues(uow, input, buyerName, today));
}

/** The row of a new SUBMITTED case, its eligibility check due at once. */
export function newCaseValues(origin: WriteOrigin, input: NewCase, buyerName: string, today: string): NewCaseRow {
  const totals = caseTotals(input.transactions);
  return {
    tenantId: origin.tenant.id, customerId: input.customerId, policyId: input.policyId, buyerId: input.buyerId, buyerName,
    customerRefNumber: input.customerRefNumber, caseType: input.caseType, caseStatus: 'SUBMITTED', claimStatus: 'NOT_CLAIMED',
    claimCause: input.claimCause, insolvencyDate: input.insolvencyDate, claimAmount: input.claimAmount, currency: input.currency,
    ...totals, notifiedOn: today, documents: [...input.documents], paymentPlan: input.paymentPlan ? { instalments: [...input.paymentPlan.instalments] } : null,
    debtorContact: input.debtorContact, eligibilityDueAt: origin.now, createdAt: origin.now, updatedAt: origin.now,
  };
}

/** The writes that go with a new case: its transactions, notes, first history row, event and audit row. */
export function newCaseWrites(origin: WriteOrigin, row: CaseRow, input: NewCase): FastWrite[] {
  const notes = input.notes.map((n) => ({ ...n, author: 'CUSTOMER' as const }));
  return [
    transactionsWrite(origin.tenant.id, row.caseNumber, origin.now, input.transactions),
    ...(notes.length > 0 ? [notesWrite(origin.tenant.id, row.caseNumber, origin.now, notes)] : []),
    ...caseChangesWrites(origin, row, CASE_CREATED_ACTION, [{ eventType: 'case.status_changed', from: null, to: 'SUBMITTED' }]),
  ];
}
