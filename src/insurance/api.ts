// The insurance module as other modules see it: the only file of insurance/ they may import. The back office reads
// the quote queues and decides referrals and claims through it.
export type { InsuranceContext } from './context.js';
export { insuranceContext } from './context.js';
export { type InsuranceError, isInsuranceFailure } from './domain/errors.js';
export { renderQuote } from './http/credable-quote.js';
export { type QuoteRow, findTenantQuote, listPendingClaims, listReferredQuotes } from './store.js';
export { type ClaimDecision, decideClaim } from './use-cases/decide-claim.js';
export { type ReferralDecision, decideReferral } from './use-cases/decide-referral.js';
export { quotesOnBuyer } from './staff-reads.js';
/** The back office's reports: insured invoices at an instant, premium written per month. */
export { type InsuredInvoiceDimension, type InsuredInvoiceExposureRow, type PremiumMonthRow, insuredInvoiceExposureAt, premiumsByMonth } from './report-queries.js';
