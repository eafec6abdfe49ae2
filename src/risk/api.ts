// The risk core as other modules see it: buyers and their identifiers, the book's exposure and capacity, pricing
// and underwriting. Nothing outside risk/ imports any other file of it.
export type { Buyer } from './buyer.js';
export { MAX_BUYER_CSV_CHARS, parseBuyerCsv } from './buyer-csv.js';
export { capacityFor, remainingCapacity } from './capacity.js';
export { COUNTRY_CODES } from './countries.js';
export { DEMO_DISCOUNT_CODES, type DiscountCode, isValidDiscountPercent, resolveDiscountCode } from './discounts.js';
export { fitsCapacity, holdsExposure } from './exposure.js';
export { toBaseCurrency } from './fx.js';
export { luhnValid, normaliseRegistryId } from './identifiers.js';
export { invoiceTenorDays } from './pricing.js';
export {
  type BuyerRow, type CapacityHold, type ExposureRow, adjustExposure, adjustExposureWrite, bookFor, buyerOf, findRegisteredBuyer,
  lockExposure, openExposure, readExposure, upsertBuyers,
} from './store.js';
export { type BookDecision, type BookInput, decideOnBook, decideOnSnapshot, underwriteOnBook } from './underwrite-on-book.js';
export { DEFAULT_UNDERWRITING_POLICY, type UnderwritingPolicy } from './underwriting.js';
