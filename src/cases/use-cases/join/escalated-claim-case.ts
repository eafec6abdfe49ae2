// Collections escalating a servicing claim "to: insurer" (`collections.claim.escalated`) opens or updates the
// non-payment case of that debt (issue 14 point 7). Decisions where the issue is silent:
//   - A claim the cases module put on the ledger (reference `NP-…/<invoice>`) is its case's: an OPEN collection or
//     monitor case not yet claimed gets a protracted-default claim (POST /cases/{id}/claim's rule), with a note
//     saying who escalated; a case already claimed, closed or rejected is left as it is.
//   - Any other claim opens a CLAIM_COLLECTION case when the buyer is known: the claim's meta `buyerId` (the Cover
//     buyer id), or a debtor reference `buyer-<buyerId>` (the one cases gives the debtors it opens); on the meta's
//     `policyId`, else the tenant's live policy in the claim currency. The invoice is the claim (reference,
//     outstanding principal, due date as both document and due date); the case's customer reference is the claim
//     reference, which is how a replay finds it. An open case on the same policy and buyer is claimed instead.
//   - Anything else (unknown buyer, no policy, a refusal such as NO_COVER) is logged and left to staff: the same
//     event gives the same answer on a retry, so it is not retried.
import { livePolicyIn, policyFacts } from '../../../cover/api.js';
import { formatDecimalAmount } from '../../../platform/money.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { claimSnapshots, type ClaimSnapshot } from '../../../servicing/api.js';
import type { CasesContext } from '../../context.js';
import { caseIdOf } from '../../domain/codes.js';
import type { CaseError } from '../../domain/errors.js';
import { findCaseByCustomerRef } from '../../store.js';
import { addNote } from '../add-notes.js';
import { createCase } from '../create-case.js';
import { submitClaim } from '../submit-claim.js';

export interface Escalation {
  readonly claimReference: string;
  /** The case the claim belongs to (its ledger reference names it), or null. */
  readonly caseId: string | null;
  readonly strategyKey: string;
  readonly stepId: string;
}

export type EscalationOutcome =
  | { readonly outcome: 'claimed' | 'opened' | 'unchanged'; readonly caseId: string }
  | { readonly outcome: 'not_opened'; readonly reason: string | CaseError };

const MAX_REFERENCE = 35;

function escalationNote(escalation: Escalation): string {
  return `Collections escalated claim ${escalation.claimReference} to the insurer (strategy ${escalation.strategyKey}, step ${escalation.stepId}).`;
}

/** Rolls the note back with the savepoint when the claim cannot be submitted. */
class Unchanged extends Error {}

/** Claims an OPEN, unclaimed collection or monitor case; any other state leaves it (a replay finds it claimed). */
async function claimCase(uow: UnitOfWork, ctx: CasesContext, caseId: string, escalation: Escalation): Promise<EscalationOutcome> {
  try {
    await uow.tx.transaction(async (savepoint) => {
      const inner = { ...uow, tx: savepoint };
      const noted = await addNote(inner, ctx, caseId, { text: escalationNote(escalation), category: 'GENERAL' }, 'ATRADIUS');
      const submitted = noted.ok ? await submitClaim(inner, ctx, caseId, { claimCause: 'PROTRACTED_DEFAULT' }) : noted;
      if (!submitted.ok) throw new Unchanged();
    });
    return { outcome: 'claimed', caseId };
  } catch (error) {
    if (error instanceof Unchanged) return { outcome: 'unchanged', caseId };
    throw error;
  }
}

function buyerIdOf(snapshot: ClaimSnapshot): number | null {
  const meta = snapshot.meta as Record<string, unknown> | null;
  const fromMeta = Number(meta?.buyerId);
  if (Number.isSafeInteger(fromMeta) && fromMeta > 0) return fromMeta;
  const reference = (snapshot.debtor as { debtorReference?: unknown } | null)?.debtorReference;
  const match = typeof reference === 'string' ? /^buyer-(\d{1,15})$/.exec(reference) : null;
  return match ? Number(match[1]) : null;
}

async function policyOf(uow: UnitOfWork, snapshot: ClaimSnapshot) {
  const policyId = Number((snapshot.meta as Record<string, unknown> | null)?.policyId);
  if (Number.isSafeInteger(policyId) && policyId > 0) return policyFacts(uow.tx, uow.tenant.id, policyId);
  return livePolicyIn(uow.tx, uow.tenant.id, snapshot.currency);
}

async function openClaimCase(uow: UnitOfWork, ctx: CasesContext, escalation: Escalation): Promise<EscalationOutcome> {
  const snapshot = (await claimSnapshots(uow.tx, uow.tenant.id, [escalation.claimReference])).get(escalation.claimReference);
  if (!snapshot || snapshot.status !== 'ACTIVE' || snapshot.amount <= 0) return { outcome: 'not_opened', reason: 'no active servicing claim with an amount owed' };
  if (escalation.claimReference.length > MAX_REFERENCE) return { outcome: 'not_opened', reason: `claim reference longer than ${MAX_REFERENCE} characters` };
  const buyerId = buyerIdOf(snapshot);
  if (buyerId === null) return { outcome: 'not_opened', reason: 'the claim names no buyer (meta.buyerId)' };
  const policy = await policyOf(uow, snapshot);
  if (!policy) return { outcome: 'not_opened', reason: `no live policy in ${snapshot.currency}` };
  const created = await createCase(uow, ctx, {
    customerId: policy.customerId, policyId: policy.policyId, buyerId, caseType: 'CLAIM', claimCause: 'PROTRACTED_DEFAULT',
    customerRefNumber: escalation.claimReference, currencyCode: snapshot.currency,
    transactions: [{
      transactionType: 'INVOICE', documentNumber: escalation.claimReference, documentDate: snapshot.currentDueDate, dueDate: snapshot.currentDueDate,
      grossAmount: formatDecimalAmount(snapshot.amount, snapshot.currency),
    }],
    notes: [{ text: escalationNote(escalation) }],
  });
  if (created.ok) return { outcome: 'opened', caseId: caseIdOf(created.value.caseNumber) };
  if (created.error.code === 'OPEN_CASE_EXISTS' && created.error.caseId) return claimCase(uow, ctx, created.error.caseId, escalation);
  return { outcome: 'not_opened', reason: created.error };
}

export async function caseForEscalation(uow: UnitOfWork, ctx: CasesContext, escalation: Escalation): Promise<EscalationOutcome> {
  if (escalation.caseId !== null) return claimCase(uow, ctx, escalation.caseId, escalation);
  const existing = await findCaseByCustomerRef(uow.tx, uow.tenant.id, escalation.claimReference);
  if (existing) return claimCase(uow, ctx, caseIdOf(existing.caseNumber), escalation);
  return openClaimCase(uow, ctx, escalation);
}
