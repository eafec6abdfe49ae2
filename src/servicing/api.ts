/*
 * What other modules may use of debt servicing: the types of the events it appends (a reaction to a claim or a
 * payment subscribes to these, through a job, never by calling into servicing's internals), the reads collections
 * needs of accounts and claims (balances, facts), the ledger expectations an instalment plan adds, the
 * custom-trigger record, and the resolution of claims whose journey is stopped (in the caller's unit of work).
 */
export { ASYNC_COMPLETED, ASYNC_FAILED, CLAIM_CREATED, CLAIM_PAYMENT_PROCESSING, SERVICING_EVENT_TYPES } from './events.js';
export { claimSnapshots, type ClaimSnapshot } from './store/claim-snapshots.js';
export { resolveStoppedJourneys } from './use-cases/resolve-stopped-journeys.js';
export { CLAIM_RESOLUTION_REASONS, type ClaimResolutionReason } from './domain/claim.js';
export type { ItemResult } from './use-cases/support/item-result.js';
export { claimsForMessaging, getClaimForMessaging, type ClaimForMessaging } from './use-cases/get-claim-for-messaging.js';
export { type CollectionAccountInput, type CollectionAccountOutcome, openCollectionAccount } from './use-cases/open-collection-account.js';
export {
  readAccountClaimBalances, readAccountFacts, readClaimBalances, type AccountFacts, type ClaimBalance,
} from './use-cases/collections/claim-balances.js';
export {
  cancelLedgerExpectations, listLedgerExpectations, replaceLedgerExpectations, type LedgerExpectation, type StoredLedgerExpectation,
} from './use-cases/collections/ledger-expectations.js';
export { registerPaymentTarget, type PaymentTarget } from './use-cases/collections/payment-targets.js';
export { recordTriggerExecutions } from './store/trigger-executions.js';

/*
 * The portfolio import of `tradecredit servicing import` (docs/servicing-guide.md §8): records parsed and validated
 * as the Receeve endpoints validate them, and batches run through the same use cases, idempotent per batch.
 */
export { isRejected, parseJsonRecord, type PortfolioRecord, type PortfolioRecordKind, type RejectedRecord } from './http/portfolio-file.js';
export { CSV_COLUMNS, CsvHeaderError, csvRecordIsOpen, parseCsvHeader, parseCsvRecord } from './http/portfolio-csv.js';
export {
  importPortfolioBatch, PortfolioBatchConflict, type BatchOutcome, type ImportServices, type PortfolioBatch,
} from './http/portfolio-import.js';
/** The back office's reports: receivables ageing, the DSO's denominator and recovery curves by month of placement. */
export {
  AGEING_BUCKETS, type AgeingRow, placedInWindow, receivablesAgeing, RECOVERY_MONTHS, type RecoveryCohortRow, recoveryByPlacementMonth,
} from './report-queries.js';
/** The staff console's account screen: debtors, claims with balances, the ledger in order. */
export { accountForStaff, recentAccountsForStaff, type StaffAccountView, type StaffLedgerEntry } from './staff-reads.js';
