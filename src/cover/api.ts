/** What other modules and the CLI may use of credit cover: the webhook event types it emits, the staff commands. */
export const COVER_EVENT_TYPES = ['cover.decided', 'cover.referred', 'cover.changed'] as const;
export type { CoverEventType } from './use-cases/shared.js';
export {
  cancelPolicyAsStaff, changePolicyAsStaff, createCustomerAsStaff, createPolicyAsStaff, listPoliciesAsStaff,
  type StaffPolicyChanges, type StaffPolicyTerms,
} from './staff-commands.js';
export {
  type CoverPeriod, type CustomerContactFacts, type PolicyFacts, coverPeriods, customerContact, customerContactJsonSql, customerContactOf, customerExists,
  livePolicyIn, policyFacts, policyOfCustomerInCurrencySql, policyWithCoverPeriods, policyWithCoverPeriodsJsonSql, policyWithCoverPeriodsOf,
} from './non-payment-reads.js';
/** The Atradius wire both Atradius-style faces share (spec §4, §7): `errors[]` bodies, query parameters, paging. */
export {
  CoverWireError as AtradiusWireError, type WireErrorEntry, dateParameter, errorEntry, integerParameter, onlyQuery, pageMeta,
  pageParameters, queryError, withAtradiusErrors,
} from './http/atradius-wire.js';
/** The back office's reports: decided limits held at an instant (as-of reads over write-once columns). */
export { type CoverExposureDimension, type CoverExposureRow, coverExposureAt } from './report-queries.js';
/** The staff console's reads and the referral decision it takes through the same use case as the back-office API. */
export { type CoverVersionRow, findVersion as findCoverVersion, referredQueue as referredCoverApplications } from './store.js';
export { coversOnBuyer, pendingInsurerNotices } from './staff-queues.js';
export { buyerIdsWithLiveCover } from './store.js';
export { buyersOf as buyersOfCovers } from './use-cases/list-covers.js';
export { coverContext } from './context.js';
export { decideReferral as decideCoverReferral } from './use-cases/decide-referral.js';
export type { CoverError } from './domain/errors.js';
export { findPolicy as findCoverPolicy, grantedTotals as coverGrantedTotals, listCustomersWithPolicies, listVersions as listCoverVersions } from './store.js';
