/** What other modules may use of the risk book. */
export type { Buyer } from './buyer.js';
export { normaliseRegistryId } from './identifiers.js';
export { type Rating } from './ratings.js';
export { capacityFor, remainingCapacity } from './capacity.js';
export { toBaseCurrency, DEFAULT_FX_RATES } from './fx.js';
export { bookFor, findRegisteredBuyer, lockExposureWithBuyer, adjustExposure, adjustExposureWrite, readExposure } from './store.js';
export { addDays, businessDateAt, compareDates, isBusinessDate, daysBetween } from './business-date.js';
export { type NumberedBuyer, buyerNumberFor, buyersByNumber, buyerByNumber } from './buyer-numbers.js';
