import type { Transaction } from '../../platform/db/database.js';
import { fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import type { MinorUnits } from '../../platform/money.js';
import { toBaseCurrency } from '../domain/fx.js';
import type { Buyer } from '../domain/buyer.js';
import { capacityFor } from '../domain/capacity.js';
import { type CapacityHold, type ExposureRow, adjustExposureWrite, holdWithinCapacityGuard, lockExposureWithBuyer } from '../store.js';
import { type UnderwritingDecision, type UnderwritingInput, type UnderwritingPolicy, underwrite } from '../domain/underwriting.js';

export type BookInput = Omit<UnderwritingInput, 'buyerRating' | 'currentBuyerExposure' | 'buyerHasOverdueClaim'>;

export interface BookDecision {
  readonly decision: UnderwritingDecision;
  /** Base-currency amount the offer holds on the buyer's exposure (0 unless the decision is an offer). */
  readonly held: MinorUnits;
  /** The write that takes `held` from the buyer's capacity (null when nothing is held). */
  readonly hold: FastWrite | null;
}

/**
 * Underwrites one invoice against the buyer's exposure in `bookId`. The exposure row stays locked for the rest of the
 * transaction, so concurrent decisions on one buyer serialise; the caller sends `hold` in the same transaction (on its
 * own, or together with its other writes in one statement).
 */
export async function decideOnBook(tx: Transaction, bookId: string, input: BookInput, policy: UnderwritingPolicy): Promise<BookDecision> {
  const { buyer, exposure } = await lockExposureWithBuyer(tx, bookId, input.buyer.country, input.buyer.registryId);
  const decided = decideOnExposure(bookId, buyer, exposure, input, policy);
  if (decided.held === 0) return decided;
  return { ...decided, hold: adjustExposureWrite(bookId, input.buyer.country, input.buyer.registryId, { exposure: decided.held }) };
}

/**
 * Underwrites one invoice on a snapshot of the buyer's exposure, read without a lock. An offer's `hold` is then a
 * compare-and-set (holdWithinCapacityGuard): it takes the capacity only if the facts the offer rested on still hold,
 * and the caller writes the quote only together with it (fastGuardedWriteAll). Any other decision holds nothing and
 * stands as of the snapshot.
 */
export function decideOnSnapshot(
  bookId: string, buyer: Buyer | null, exposure: ExposureRow, input: BookInput, policy: UnderwritingPolicy,
): SnapshotDecision {
  const decided = decideOnExposure(bookId, buyer, exposure, input, policy);
  if (decided.held === 0) return { ...decided, capacityHold: null };
  const capacityHold: CapacityHold = {
    bookId, country: input.buyer.country, registryId: input.buyer.registryId, amount: decided.held,
    capacity: capacityFor(buyer?.rating ?? policy.unratedBuyerRating, policy.capacity),
  };
  return { ...decided, hold: holdWithinCapacityGuard(capacityHold), capacityHold };
}

export interface SnapshotDecision extends BookDecision {
  /** What `hold` takes, as data (for writes that hold on many buyers in one statement). */
  readonly capacityHold: CapacityHold | null;
}

function decideOnExposure(
  bookId: string, buyer: Buyer | null, exposure: ExposureRow, input: BookInput, policy: UnderwritingPolicy,
): BookDecision {
  const decision = underwrite({
    ...input, buyerRating: buyer?.rating ?? null,
    currentBuyerExposure: exposure.exposure, buyerHasOverdueClaim: exposure.openClaims > 0,
  }, policy);
  const amountInBase = toBaseCurrency(input.amount, input.currency, policy.fx);
  if (decision.kind !== 'offer' || !amountInBase.ok) return { decision, held: 0, hold: null };
  return { decision, held: amountInBase.value, hold: null };
}

/** `decideOnBook` with the offer's capacity taken at once. */
export async function underwriteOnBook(tx: Transaction, bookId: string, input: BookInput, policy: UnderwritingPolicy): Promise<BookDecision> {
  const decided = await decideOnBook(tx, bookId, input, policy);
  if (decided.hold) await fastWriteAll(tx, [decided.hold]);
  return decided;
}
