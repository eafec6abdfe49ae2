import type { Transaction } from '../platform/db/database.js';
import type { MinorUnits } from '../platform/money.js';
import { toBaseCurrency } from './fx.js';
import { adjustExposure, findRegisteredBuyer, lockExposure } from './store.js';
import { type UnderwritingDecision, type UnderwritingInput, type UnderwritingPolicy, underwrite } from './underwriting.js';

export type BookInput = Omit<UnderwritingInput, 'buyerRating' | 'currentBuyerExposure' | 'buyerHasOverdueClaim'>;

export interface BookDecision {
  readonly decision: UnderwritingDecision;
  /** Base-currency amount now held on the buyer's exposure (0 unless the decision is an offer). */
  readonly held: MinorUnits;
}

/**
 * Underwrites one invoice against the buyer's exposure in `bookId`: the exposure row stays locked for the rest of the
 * transaction, so concurrent decisions on one buyer serialise, and an offer takes its capacity at once.
 */
export async function underwriteOnBook(
  tx: Transaction, bookId: string, input: BookInput, policy: UnderwritingPolicy,
): Promise<BookDecision> {
  const buyer = await findRegisteredBuyer(tx, input.buyer.country, input.buyer.registryId);
  const exposure = await lockExposure(tx, bookId, input.buyer.country, input.buyer.registryId);
  const decision = underwrite({
    ...input, buyerRating: buyer?.rating ?? null,
    currentBuyerExposure: exposure.exposure, buyerHasOverdueClaim: exposure.openClaims > 0,
  }, policy);
  const amountInBase = toBaseCurrency(input.amount, input.currency, policy.fx);
  if (decision.kind !== 'offer' || !amountInBase.ok) return { decision, held: 0 };
  await adjustExposure(tx, bookId, input.buyer.country, input.buyer.registryId, { exposure: amountInBase.value });
  return { decision, held: amountInBase.value };
}
