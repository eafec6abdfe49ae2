// Decision: the automatic rules of spec §5.10 on the risk book: the buyer's registry rating (1-10) is the riskScore,
// and what a decision grants must fit the buyer's remaining capacity in the book shared with Credable's covers.
import type { MinorUnits } from '../../platform/money.js';
import { halfInWholeUnits } from './amounts.js';
import { type Condition, type CoverType, type DecisionCode, PAYMENT_TERMS_60 } from './codes.js';
import type { SandboxScenario } from './sandbox-scenarios.js';

export interface UnderwritingInput {
  readonly coverType: CoverType;
  /** Requested amount in policy currency minor units (the policy's credit-check amount for a credit check). */
  readonly requested: MinorUnits;
  readonly currency: string;
  readonly rating: number;
  readonly buyerCountry: string;
  readonly policy: { readonly autoDecisionMax: MinorUnits; readonly allowedBuyerCountries: readonly string[] | null };
  readonly openClaims: number;
  /** What the granted amount would take from the book, in the base currency; null when it holds none (indication). */
  readonly toBase: (amount: MinorUnits) => MinorUnits | null;
  readonly remainingCapacity: MinorUnits;
  readonly scenario: SandboxScenario | null;
}

export type Decided = {
  readonly outcome: 'decided';
  readonly code: DecisionCode;
  readonly first: MinorUnits;
  readonly second: MinorUnits;
  /** When the temporary second part ends (a split decision by an underwriter). */
  readonly secondExpiryDate?: string | null;
  readonly conditions: readonly Condition[];
};

export type ReferralReason = 'above_automatic_limit' | 'capacity' | 'open_claims' | 'sandbox_referral';

export type UnderwritingOutcome = Decided | { readonly outcome: 'referred'; readonly reason: ReferralReason };

const decided = (code: DecisionCode, amount: MinorUnits, conditions: readonly Condition[] = []): Decided =>
  ({ outcome: 'decided', code, first: amount, second: 0, conditions });

export function underwrite(input: UnderwritingInput): UnderwritingOutcome {
  if (input.coverType === 'credit-check') return creditCheck(input);
  const scenario = scenarioOutcome(input);
  if (scenario) return scenario;
  if (input.policy.allowedBuyerCountries && !input.policy.allowedBuyerCountries.includes(input.buyerCountry)) return decided('DC03', 0);
  if (input.requested > input.policy.autoDecisionMax) return { outcome: 'referred', reason: 'above_automatic_limit' };
  const proposal = byRating(input);
  if (proposal.first === 0) return proposal;
  if (input.openClaims > 0) return { outcome: 'referred', reason: 'open_claims' };
  return fits(input, proposal.first) ? proposal : { outcome: 'referred', reason: 'capacity' };
}

/** An instant yes or no at the policy's fixed amount: never referred (spec §5.3). */
function creditCheck(input: UnderwritingInput): Decided {
  const yes = input.rating <= 6 && input.openClaims === 0 && fits(input, input.requested)
    && (!input.policy.allowedBuyerCountries || input.policy.allowedBuyerCountries.includes(input.buyerCountry));
  return yes ? decided('DC01', input.requested) : decided('DC03', 0);
}

function byRating(input: UnderwritingInput): Decided {
  if (input.rating <= 5) return decided('DC01', input.requested);
  if (input.rating <= 7) return decided('DC04', halfInWholeUnits(input.requested, input.currency));
  if (input.rating === 8) return decided('DC02', input.requested, [PAYMENT_TERMS_60]);
  return decided('DC03', 0);
}

function fits(input: UnderwritingInput, amount: MinorUnits): boolean {
  const base = input.toBase(amount);
  return base === null || base <= input.remainingCapacity;
}

function scenarioOutcome(input: UnderwritingInput): UnderwritingOutcome | null {
  switch (input.scenario) {
    case 'referral': return { outcome: 'referred', reason: 'sandbox_referral' };
    case 'refusal': return decided('DC03', 0);
    case 'partial': {
      const half = halfInWholeUnits(input.requested, input.currency);
      return fits(input, half) ? decided('DC04', half) : { outcome: 'referred', reason: 'capacity' };
    }
    case 'reduction-notice':
      // Approved in full; the caller then gives the insurer's reduction notice.
      return fits(input, input.requested) ? decided('DC01', input.requested) : { outcome: 'referred', reason: 'capacity' };
    case null: return null;
  }
}
