// The lifecycle join with Credable (Reinsure/Insure): a claim on an activated cover opens a claim case on the same
// buyer with the invoice as its transaction, and the case's claim decision becomes the quote's claim.approved or
// claim.rejected. Both run as platform event reactions (at least once), so each is idempotent by state.
import { livePolicyIn } from '../../cover/api.js';
import { type InsuranceContext, decideClaim as decideCredableClaim, findTenantQuote, isInsuranceFailure, type QuoteRow } from '../../insurance/api.js';
import type { EventReaction, StoredEvent } from '../../platform/events/reactions.js';
import { formatDecimalAmount } from '../../platform/money.js';
import type { Platform } from '../../platform/services.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { inTenant } from './in-tenant.js';
import { buyerNumberFor } from '../../risk/api.js';
import type { CasesContext } from '../context.js';
import { caseNumberOf } from '../domain/codes.js';
import { type CaseRow, findCase, findCaseByCustomerRef } from '../store.js';
import { createCase } from '../use-cases/create-case.js';
import { credableCaseReference } from '../use-cases/join/credable-claim-case.js';

export function credableClaimReactions(platform: Platform, ctx: CasesContext, insurance: InsuranceContext): EventReaction[] {
  return [
    { name: 'cases-open-credable-claim', eventTypes: ['quote.status_changed'], handle: (event) => openClaimCase(platform, ctx, event) },
    { name: 'cases-decide-credable-claim', eventTypes: ['claim.status_changed', 'case.status_changed'], handle: (event) => followCaseDecision(platform, insurance, event) },
  ];
}

async function openClaimCase(platform: Platform, ctx: CasesContext, event: StoredEvent): Promise<void> {
  const status = (event.data.status as { code?: unknown } | undefined)?.code;
  if (status !== 'claim.pending' || event.data.previous_status === 'claim.pending') return;
  await inTenant(platform, event.tenantId, async (uow) => {
    const quote = await findTenantQuote(uow.tx, uow.tenant.id, event.entityId);
    if (!quote || quote.status !== 'claim.pending') return;
    if (await findCaseByCustomerRef(uow.tx, uow.tenant.id, credableCaseReference(quote.id))) return;
    const policy = await livePolicyIn(uow.tx, uow.tenant.id, quote.invoiceCurrency);
    if (!policy) {
      platform.logger.warn({ quoteId: quote.id, currency: quote.invoiceCurrency }, 'credable claim: no live policy in the invoice currency, no case opened');
      return;
    }
    const buyerId = await buyerNumberFor(uow.tx, quote.buyerCountry, quote.buyerIdentifier);
    const created = await createCase(uow, ctx, claimCaseInput(quote, policy.customerId, policy.policyId, buyerId));
    // A refusal is final (the same quote gives the same answer on a retry): the claim stays with the back office.
    if (!created.ok) platform.logger.warn({ quoteId: quote.id, refusal: created.error }, 'credable claim: case refused');
  });
}

function claimCaseInput(quote: QuoteRow, customerId: number, policyId: number, buyerId: number) {
  const insolvent = quote.claimKind === 'bankruptcy' && quote.bankruptcyDate !== null;
  return {
    customerId, policyId, buyerId, caseType: 'CLAIM' as const, customerRefNumber: credableCaseReference(quote.id), currencyCode: quote.invoiceCurrency,
    claimCause: insolvent ? 'INSOLVENCY' as const : 'PROTRACTED_DEFAULT' as const,
    ...(insolvent ? { insolvencyDate: quote.bankruptcyDate ?? undefined } : {}),
    transactions: [{
      transactionType: 'INVOICE' as const, documentNumber: quote.invoiceReference, documentDate: quote.invoiceIssueDate, dueDate: quote.invoiceDueDate,
      grossAmount: formatDecimalAmount(quote.invoiceAmount, quote.invoiceCurrency),
    }],
    notes: [{ text: `Credable ${quote.product} claim on quote ${quote.id}${quote.claimComment ? `: ${quote.claimComment}` : ''}` }],
  };
}

/** What the case's state means for the Credable claim: approve, reject, or nothing yet. */
export function credableDecisionOf(row: Pick<CaseRow, 'caseStatus' | 'claimStatus' | 'claimDeclineReason'>): { decision: 'approve' | 'reject'; reason?: string } | null {
  if (row.claimStatus === 'APPROVED' || row.claimStatus === 'PAID') return { decision: 'approve' };
  if (row.claimStatus === 'DECLINED') return { decision: 'reject', reason: row.claimDeclineReason ?? 'Claim declined on the case' };
  if (row.caseStatus === 'REJECTED') return { decision: 'reject', reason: 'Case rejected at the eligibility check' };
  return null;
}

async function followCaseDecision(platform: Platform, insurance: InsuranceContext, event: StoredEvent): Promise<void> {
  const caseNumber = caseNumberOf(event.entityId);
  if (caseNumber === null) return;
  await inTenant(platform, event.tenantId, async (uow) => {
    const row = await findCase(uow.tx, uow.tenant.id, caseNumber);
    if (!row?.customerRefNumber) return;
    const decision = credableDecisionOf(row);
    if (!decision) return;
    const quote = await findTenantQuote(uow.tx, uow.tenant.id, row.customerRefNumber);
    if (!quote || quote.status !== 'claim.pending' || !(await isCaseOfQuote(uow, row, quote))) return;
    try {
      await decideCredableClaim(uow, quote.id, decision, insurance);
    } catch (error) {
      if (isInsuranceFailure(error)) return; // decided meanwhile: the state guard makes a replay a no-op
      throw error;
    }
  });
}

/** The case is the quote's: same buyer and currency (a reference that merely looks like a quote id is not enough). */
async function isCaseOfQuote(uow: UnitOfWork, row: CaseRow, quote: QuoteRow): Promise<boolean> {
  return row.currency === quote.invoiceCurrency && row.buyerId === await buyerNumberFor(uow.tx, quote.buyerCountry, quote.buyerIdentifier);
}
