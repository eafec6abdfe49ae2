// The code lists of the Non-Payments API objects (spec §6.2).
export const CASE_TYPES = ['COLLECTION', 'MONITOR', 'CLAIM_COLLECTION', 'CLAIM_MONITOR'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** What a client may send: a bare CLAIM is normalised to CLAIM_COLLECTION (spec §6.3). */
export const REQUESTED_CASE_TYPES = [...CASE_TYPES, 'CLAIM'] as const;

export const CASE_STATUSES = ['SUBMITTED', 'OPEN', 'CLOSED', 'REJECTED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLAIM_STATUSES = ['NOT_CLAIMED', 'SUBMITTED', 'AWAITING_DOCUMENTS', 'IN_ASSESSMENT', 'APPROVED', 'DECLINED', 'PAID'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const COLLECTION_PHASES = ['AMICABLE', 'LEGAL', 'INSOLVENCY'] as const;
export type CollectionPhase = (typeof COLLECTION_PHASES)[number];

export const CLAIM_CAUSES = ['PROTRACTED_DEFAULT', 'INSOLVENCY'] as const;
export type ClaimCause = (typeof CLAIM_CAUSES)[number];

export const CLOSURE_REASONS = ['PAID_BY_DEBTOR', 'INDEMNIFIED', 'WITHDRAWN', 'UNRECOVERABLE', 'CLAIM_DECLINED'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const TRANSACTION_TYPES = ['INVOICE', 'CREDIT_NOTE', 'PAYMENT'] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const NOTE_CATEGORIES = ['GENERAL', 'DEBTOR_CONTACT', 'PAYMENT_PLAN', 'DISPUTE'] as const;
export type NoteCategory = (typeof NOTE_CATEGORIES)[number];

export const NOTE_AUTHORS = ['CUSTOMER', 'ATRADIUS'] as const;
export type NoteAuthor = (typeof NOTE_AUTHORS)[number];

export function isClaimType(type: CaseType): boolean {
  return type === 'CLAIM_COLLECTION' || type === 'CLAIM_MONITOR';
}

export function hasCollection(type: CaseType): boolean {
  return type === 'COLLECTION' || type === 'CLAIM_COLLECTION';
}

/** The entity type of a case's platform events (webhooks), whose entity id is its case id: they are also its history. */
export const CASE_ENTITY = 'nonpayment_case';

/** `NP-000123`: the wire's case id for the stored case number. */
export function caseIdOf(caseNumber: number): string {
  return `NP-${String(caseNumber).padStart(6, '0')}`;
}

/** The stored case number of a wire case id, or null when it is not one. */
export function caseNumberOf(caseId: string): number | null {
  const match = /^NP-(\d{1,15})$/.exec(caseId);
  if (!match) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export function letterIdOf(letterNumber: number): string {
  return `LTR-${String(letterNumber).padStart(6, '0')}`;
}

/** The stored letter number of a wire letter id, or null when it is not one. */
export function letterNumberOf(letterId: string): number | null {
  const match = /^LTR-(\d{1,15})$/.exec(letterId);
  if (!match) return null;
  const n = Number(match[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
