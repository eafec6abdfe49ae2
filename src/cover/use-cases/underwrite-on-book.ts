// Automatic underwriting against the buyer's exposure row, which it locks: every capacity decision on the buyer,
// from this module or from Credable's covers, serialises on that row, so parallel applications never overbook.
import type { MinorUnits } from '../../platform/money.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { capacityFor, type ExposureRow, lockExposureWithBuyer, remainingCapacity, type NumberedBuyer, type Rating } from '../../risk/api.js';
import type { CoverType } from '../domain/codes.js';
import { sandboxScenario } from '../domain/sandbox-scenarios.js';
import { type UnderwritingOutcome, underwrite } from '../domain/underwriting.js';
import type { PolicyRow } from '../store.js';
import { bookOf, exposureOf } from './shared.js';
import { currencyExponent } from '../../platform/money.js';

export interface BookDecision {
  readonly outcome: UnderwritingOutcome;
  readonly bookId: string;
  /** Whether the application hit a sandbox scenario that schedules an insurer reduction notice. */
  readonly reductionNotice: boolean;
}

export async function underwriteOnBook(
  uow: UnitOfWork, buyer: NumberedBuyer, policy: PolicyRow, coverType: CoverType, requested: MinorUnits,
  /** What the version this decision replaces holds on the book (it is given back if the new one is decided). */
  releasing: MinorUnits = 0,
): Promise<BookDecision> {
  const bookId = bookOf(uow);
  const { exposure } = await lockExposureWithBuyer(uow.tx, bookId, buyer.country, buyer.registryId);
  return decideOnExposure(uow.tenant.mode === 'sandbox', bookId, exposure, buyer, policy, coverType, requested, releasing);
}

/** The decision on a given state of the buyer's exposure row (locked, or a snapshot written back by compare-and-set). */
export function decideOnExposure(
  sandbox: boolean, bookId: string, exposure: ExposureRow, buyer: NumberedBuyer, policy: PolicyRow, coverType: CoverType, requested: MinorUnits,
  releasing: MinorUnits = 0,
): BookDecision {
  const wholeUnits = requested / 10 ** currencyExponent(policy.currency);
  const scenario = coverType === 'credit-check' ? null : sandboxScenario(sandbox, wholeUnits);
  const outcome = underwrite({
    coverType, requested, currency: policy.currency, rating: buyer.rating, buyerCountry: buyer.country,
    policy: { autoDecisionMax: policy.autoDecisionMax, allowedBuyerCountries: policy.allowedBuyerCountries },
    openClaims: exposure.openClaims,
    toBase: (amount) => exposureOf(coverType, amount, policy.currency),
    remainingCapacity: remainingCapacity(capacityFor(buyer.rating as Rating), Math.max(0, exposure.exposure - releasing)),
    scenario,
  });
  return { outcome, bookId, reductionNotice: scenario === 'reduction-notice' && outcome.outcome === 'decided' && outcome.first > 0 };
}
