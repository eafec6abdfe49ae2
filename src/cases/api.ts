// What other modules and the CLI may use of non-payment cases: the webhook event types, the context, and the use
// cases that drive a case from outside the client API (claims handling in the back office, the lifecycle join).
export const CASE_EVENT_TYPES = ['case.status_changed', 'claim.status_changed', 'claim.assessment_overdue', 'claim.date_of_loss_reached', 'case.collection_phase_changed', 'letter.issued'] as const;
export { type CasesContext, casesContext } from './context.js';
export { caseIdOf, caseNumberOf, type CaseStatus, type CaseType, type ClaimStatus } from './domain/codes.js';
export type { CaseError } from './domain/errors.js';
export type { CaseRow } from './store.js';
export { addNote } from './use-cases/add-notes.js';
export { addTransactions } from './use-cases/add-transactions.js';
export { closeCase } from './use-cases/close-case.js';
export { createCase } from './use-cases/create-case.js';
export { type ClaimDecision, decideClaim } from './use-cases/decide-claim.js';
export { submitClaim } from './use-cases/submit-claim.js';
export { claimCaseOfQuote, quotesWithClaimCase } from './use-cases/join/credable-claim-case.js';
/** The back office's reports: indemnity paid per month, cases by status and age at an instant (replaying case events). */
export { type CaseScope, type CaseStatusRow, type IndemnityMonthRow, casesByStatusAt, indemnitiesByMonth } from './report-queries.js';
/** The staff console's reads: the claims queue, a case's file and its letters, and the documents-received step. */
export { claimsQueue, type QueuedClaim } from './use-cases/staff/claims-queue.js';
export { caseDetails, caseLetter, type CaseDetails } from './use-cases/read-cases.js';
export { letterDocument } from './use-cases/letter-document.js';
export { confirmDocuments } from './use-cases/staff/confirm-documents.js';
export { letterIdOf } from './domain/codes.js';
export { casesOnBuyer, recoveriesOnCases } from './staff-reads.js';
