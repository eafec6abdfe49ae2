// The risk core as other modules see it: buyers and their identifiers, the book's exposure and capacity, pricing
// and underwriting. Nothing outside risk/ imports any other file of it.
export type { Buyer } from './domain/buyer.js';
export { MAX_BUYER_CSV_CHARS, parseBuyerCsv } from './domain/buyer-csv.js';
export { capacityFor, remainingCapacity } from './domain/capacity.js';
export { COUNTRY_CODES } from './domain/countries.js';
export { DEMO_DISCOUNT_CODES, type DiscountCode, isValidDiscountPercent, resolveDiscountCode } from './domain/discounts.js';
export { fitsCapacity, holdsExposure } from './domain/exposure.js';
export { DEFAULT_FX_RATES, toBaseCurrency } from './domain/fx.js';
export { luhnValid, normaliseRegistryId, withLuhnCheckDigit } from './domain/identifiers.js';
export { invoiceTenorDays } from './domain/pricing.js';
export {
  type BuyerRow, type CapacityHold, type ExposureRow, adjustExposure, adjustExposureWrite, bookFor, buyerOf, findRegisteredBuyer, findRegisteredBuyers,
  lockExposure, lockExposureWithBuyer, openExposure, readExposure, upsertBuyers,
} from './store.js';
export { type BookDecision, type BookInput, decideOnBook, decideOnSnapshot, underwriteOnBook } from './use-cases/underwrite-on-book.js';
export { DEFAULT_UNDERWRITING_POLICY, type UnderwritingPolicy } from './domain/underwriting.js';
export type { Rating } from './domain/ratings.js';
export { isRating } from './domain/ratings.js';
export { type NumberedBuyer, buyerNumberFor, buyersByNumber, buyerByNumber, buyerByNumberJsonSql, findBuyerNumber, numberedBuyerOf, ratedBuyerNameSql } from './buyer-numbers.js';
export { type ExposureAsRead, exposureUnchangedGuard } from './exposure-compare-and-set.js';
export { buyersByNumbers } from './numbered-buyers.js';
