import type { MinorUnits } from '../../platform/money.js';
import type { ClaimResolutionReason, ClaimStatus, Fee } from './claim.js';
import { claimError, type ClaimError } from './errors.js';
import { transitionClaim, type ClaimAction, type ClaimPresence } from './claim-transitions.js';
import type { Debtor } from './debtor.js';
import { type CalendarDate, type Metadata } from './primitives.js';
import { err, type Result } from '../../platform/result.js';

/** The stored unmanaged claim and the guard every claim operation passes first (ledger-managed? allowed now?). */

/** Stored state of an unmanaged claim; field names are the wire `ClaimResponse` names. */
export interface UnmanagedClaim {
  readonly claimReference: string;
  readonly status: ClaimStatus;
  readonly resolutionReason: ClaimResolutionReason | null;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly currentDueDate: CalendarDate;
  readonly originalDueDate: CalendarDate;
  readonly totalFees: MinorUnits;
  readonly fees: readonly Fee[];
  readonly primaryDebtor: Debtor;
  readonly accountReference?: string;
  readonly productReference?: string;
  readonly product?: Metadata;
  readonly portfolioReference?: string;
  readonly creditorReference?: string;
  readonly scores?: readonly unknown[];
  readonly paymentReference?: string;
  readonly meta: Metadata;
  readonly linkGroupId: string | null;
}

/** A claim reference already taken by a ledger-managed claim (claim endpoints may not change its amounts). */
export interface ManagedClaimMarker {
  readonly claimReference: string;
  readonly ledgerManaged: true;
  readonly status: ClaimStatus;
}

export type ExistingClaim = UnmanagedClaim | ManagedClaimMarker;

/** Actions that change amounts or replace data, which only the ledger may do for a managed claim (A30). */
const LEDGER_OWNED_ACTIONS: readonly ClaimAction[] = ['RECREATE', 'UPDATE', 'IMPORT', 'CREDIT', 'DEBIT', 'AUTO_RESOLVE'];

/** Decides whether an existing record is a ledger-managed claim. */
export function isManagedClaim(claim: ExistingClaim): claim is ManagedClaimMarker {
  return 'ledgerManaged' in claim && claim.ledgerManaged;
}

/** Decides where a claim stands in the status machine (`ABSENT` when there is none). */
export function presenceOf(existing: ExistingClaim | undefined): ClaimPresence {
  return existing === undefined ? 'ABSENT' : existing.status;
}

/** Decides whether `action` may be applied to the claim on record: managed claims refuse amount-changing actions. */
export function guardClaimAction(claimReference: string, existing: ExistingClaim | undefined, action: ClaimAction): Result<ClaimStatus, ClaimError> {
  if (existing !== undefined && isManagedClaim(existing) && LEDGER_OWNED_ACTIONS.includes(action)) {
    return err(claimError('CLAIM_IS_LEDGER_MANAGED', claimReference,
      `Claim ${claimReference} is managed by the Ledger; use the ledger endpoints`));
  }
  return transitionClaim(claimReference, presenceOf(existing), action);
}
