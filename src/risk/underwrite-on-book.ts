import type { Transaction } from '../platform/db/database.js';
import { fastWriteAll, type FastWrite } from '../platform/db/fast-query.js';
import type { MinorUnits } from '../platform/money.js';
import { toBaseCurrency } from './fx.js';
import { adjustExposureWrite, lockExposureWithBuyer } from './store.js';
import { type UnderwritingDecision, type UnderwritingInput, type UnderwritingPolicy, underwrite } from './underwriting.js';

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
  const decision = underwrite({
    ...input, buyerRating: buyer?.rating ?? null,
    currentBuyerExposure: exposure.exposure, buyerHasOverdueClaim: exposure.openClaims > 0,
  }, policy);
  const amountInBase = toBaseCurrency(input.amount, input.currency, policy.fx);
  if (decision.kind !== 'offer' || !amountInBase.ok) return { decision, held: 0, hold: null };
  const hold = adjustExposureWrite(bookId, input.buyer.country, input.buyer.registryId, { exposure: amountInBase.value });
  return { decision, held: amountInBase.value, hold };
}

/** `decideOnBook` with the offer's capacity taken at once. */
export async function underwriteOnBook(tx: Transaction, bookId: string, input: BookInput, policy: UnderwritingPolicy): Promise<BookDecision> {
  const decided = await decideOnBook(tx, bookId, input, policy);
  if (decided.hold) await fastWriteAll(tx, [decided.hold]);
  return decided;
}
