import { addMinor, type MinorUnits } from '../../platform/money.js';

/** Claim vocabulary shared by managed (ledger-derived) and unmanaged claims (spec §1.10, §6.1, §6.2). */

export type ClaimStatus = 'ACTIVE' | 'RESOLVED';

export const CLAIM_RESOLUTION_REASONS = [
  'CLAIM_SOLD', 'CLAIM_PAID', 'FRAUDULENT', 'CLAIM_DISCARDED', 'CLAIM_DISCHARGED', 'CLAIM_INVALIDATED',
] as const;

export type ClaimResolutionReason = (typeof CLAIM_RESOLUTION_REASONS)[number];

/** Decides whether a value is one of the six `ClaimResolutionReason` values. */
export function isClaimResolutionReason(value: unknown): value is ClaimResolutionReason {
  return typeof value === 'string' && (CLAIM_RESOLUTION_REASONS as readonly string[]).includes(value);
}

/** A named fee on a claim (spec `Fee`). */
export interface Fee {
  readonly name: string;
  readonly amount: MinorUnits;
}

/** Decides the total of a list of fees. */
export function sumFees(fees: readonly Fee[]): MinorUnits {
  return addMinor(0, ...fees.map((fee) => fee.amount));
}

/** Decides the outstanding balance of a claim: principal plus fees. */
export function outstandingBalance(claim: { readonly amount: MinorUnits; readonly totalFees: MinorUnits }): MinorUnits {
  return addMinor(claim.amount, claim.totalFees);
}
