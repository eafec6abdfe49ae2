// Decision: the caseStatus and claimStatus diagrams of spec §6.6 as two transition tables, one row per arrow with
// the diagram's label; "X" rows are ours (a claim refused by the eligibility check of §6.4 is DECLINED at once).
// Anything not in a table is a forbidden transition (INVALID_STATE on the wire: 409).
import { type Result, err, ok } from '../../platform/result.js';
import type { CaseStatus, ClaimStatus, ClosureReason } from './codes.js';
import type { CaseError } from './errors.js';

export const CASE_EVENTS = ['eligible', 'not_eligible', 'settled_by_debtor', 'indemnified', 'claim_declined', 'unrecoverable', 'withdrawn'] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export interface CaseTransition {
  readonly from: CaseStatus;
  readonly event: CaseEvent;
  readonly to: CaseStatus;
  readonly closureReason: ClosureReason | null;
  /** The arrow of spec §6.6 `caseStatus` (or "X"). */
  readonly specRow: string;
}

function caseRow(specRow: string, from: CaseStatus, event: CaseEvent, to: CaseStatus, closureReason: ClosureReason | null = null): CaseTransition {
  return { specRow, from, event, to, closureReason };
}

export const CASE_TRANSITIONS: readonly CaseTransition[] = [
  caseRow('SUBMITTED --> OPEN: eligibility OK (ACKNOWLEDGEMENT letter)', 'SUBMITTED', 'eligible', 'OPEN'),
  caseRow('SUBMITTED --> REJECTED: not eligible', 'SUBMITTED', 'not_eligible', 'REJECTED'),
  caseRow('OPEN --> CLOSED: outstanding reaches 0 through PAYMENT/CREDIT_NOTE → PAID_BY_DEBTOR', 'OPEN', 'settled_by_debtor', 'CLOSED', 'PAID_BY_DEBTOR'),
  caseRow('OPEN --> CLOSED: claim PAID and nothing more to recover → INDEMNIFIED', 'OPEN', 'indemnified', 'CLOSED', 'INDEMNIFIED'),
  caseRow('OPEN --> CLOSED: claim DECLINED and no collection → CLAIM_DECLINED', 'OPEN', 'claim_declined', 'CLOSED', 'CLAIM_DECLINED'),
  caseRow('OPEN --> CLOSED: collection fails → UNRECOVERABLE', 'OPEN', 'unrecoverable', 'CLOSED', 'UNRECOVERABLE'),
  caseRow('OPEN --> CLOSED: customer withdraws (test/admin) → WITHDRAWN', 'OPEN', 'withdrawn', 'CLOSED', 'WITHDRAWN'),
];

export const CLAIM_EVENTS = [
  'submit_claim', 'documents_missing', 'documents_complete', 'documents_supplied', 'documents_deadline_passed',
  'liability_accepted', 'liability_declined', 'indemnity_paid', 'claim_refused',
] as const;
export type ClaimEvent = (typeof CLAIM_EVENTS)[number];

export interface ClaimTransition {
  readonly from: ClaimStatus;
  readonly event: ClaimEvent;
  readonly to: ClaimStatus;
  /** The arrow of spec §6.6 `claimStatus` (or "X"). */
  readonly specRow: string;
}

function claimRow(specRow: string, from: ClaimStatus, event: ClaimEvent, to: ClaimStatus): ClaimTransition {
  return { specRow, from, event, to };
}

export const CLAIM_TRANSITIONS: readonly ClaimTransition[] = [
  claimRow('NOT_CLAIMED --> SUBMITTED: POST /cases (CLAIM_*) or POST /cases/:id/claim', 'NOT_CLAIMED', 'submit_claim', 'SUBMITTED'),
  claimRow('SUBMITTED --> AWAITING_DOCUMENTS: documents missing (DOCUMENT_REQUEST letter)', 'SUBMITTED', 'documents_missing', 'AWAITING_DOCUMENTS'),
  claimRow('AWAITING_DOCUMENTS --> IN_ASSESSMENT: documents supplied (notes/transactions)', 'AWAITING_DOCUMENTS', 'documents_supplied', 'IN_ASSESSMENT'),
  claimRow('AWAITING_DOCUMENTS --> DECLINED: not supplied within 30 days', 'AWAITING_DOCUMENTS', 'documents_deadline_passed', 'DECLINED'),
  claimRow('SUBMITTED --> IN_ASSESSMENT: documents complete', 'SUBMITTED', 'documents_complete', 'IN_ASSESSMENT'),
  claimRow('IN_ASSESSMENT --> APPROVED: liability assessed (LIABILITY_ASSESSMENT letter)', 'IN_ASSESSMENT', 'liability_accepted', 'APPROVED'),
  claimRow('IN_ASSESSMENT --> DECLINED: not covered (CLAIM_DECLINED letter)', 'IN_ASSESSMENT', 'liability_declined', 'DECLINED'),
  claimRow('APPROVED --> PAID: 5 days after assessment, once the date of loss has passed (PAYMENT_ADVICE letter)', 'APPROVED', 'indemnity_paid', 'PAID'),
  claimRow('X: SUBMITTED --> DECLINED: late notification (§6.4) or below the claim threshold', 'SUBMITTED', 'claim_refused', 'DECLINED'),
];

export function caseTransition(from: CaseStatus, event: CaseEvent): Result<CaseTransition, CaseError> {
  const found = CASE_TRANSITIONS.find((t) => t.from === from && t.event === event);
  return found ? ok(found) : err({ code: 'INVALID_TRANSITION', machine: 'case', from, event });
}

export function claimTransition(from: ClaimStatus, event: ClaimEvent): Result<ClaimTransition, CaseError> {
  const found = CLAIM_TRANSITIONS.find((t) => t.from === from && t.event === event);
  return found ? ok(found) : err({ code: 'INVALID_TRANSITION', machine: 'claim', from, event });
}

/** Notes may be added unless the case is CLOSED or REJECTED (spec §6.1). */
export function acceptsNotes(status: CaseStatus): boolean {
  return status !== 'CLOSED' && status !== 'REJECTED';
}

/** Transactions may be added while SUBMITTED or OPEN (spec §6.1). */
export function acceptsTransactions(status: CaseStatus): boolean {
  return status === 'SUBMITTED' || status === 'OPEN';
}
