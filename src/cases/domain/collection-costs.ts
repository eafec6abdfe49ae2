import { Decimal } from 'decimal.js';
import type { MinorUnits } from '../../platform/money.js';
import { percentOf } from './indemnity.js';

/*
 * The collection costs an Early Costs Assessment shares out (P-uk-claims: "an Early Costs Assessment will be carried
 * out to determine our contribution to costs"). Decision, where the sources give no figure: the sandbox estimates
 * the costs of a collection phase as a fixed share of the outstanding amount, rounded down to a minor unit: 5 % for
 * the amicable phase (a collection agency's usual commission), 15 % for the legal phase (court and lawyers' fees).
 * An insolvency phase is a filing in the estate, with no costs estimated here.
 */
export const COLLECTION_COST_PERCENT = { AMICABLE: 5, LEGAL: 15 } as const;

export type CostedPhase = keyof typeof COLLECTION_COST_PERCENT;

export function isCostedPhase(phase: string | null): phase is CostedPhase {
  return phase === 'AMICABLE' || phase === 'LEGAL';
}

export function estimatedCollectionCosts(outstanding: MinorUnits, phase: CostedPhase): MinorUnits {
  return percentOf(outstanding, new Decimal(COLLECTION_COST_PERCENT[phase]));
}
