import type { ClaimResolutionReason, ClaimStatus } from './claim.js';
import { claimError, type ClaimError } from './errors.js';
import { err, ok, type Result } from '../../platform/result.js';

/*
 * Status machine of claims as seen by the claim endpoints (spec #15–#22, A26, A35).
 * Decisions: "deleted" = RESOLVED, so only a RESOLVED claim can be recreated; update/import keep the status
 * (a RESOLVED claim is updated without being reopened); links work in either status.
 */

export type ClaimAction =
  | 'CREATE' | 'RECREATE' | 'UPDATE' | 'IMPORT' | 'RESOLVE' | 'AUTO_RESOLVE' | 'CREDIT' | 'DEBIT' | 'LINK';

/** `ABSENT` is a claim reference never used by the client. */
export type ClaimPresence = ClaimStatus | 'ABSENT';

/** The allowed transitions: from a status, an action leads to the status given; a missing cell is refused. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimPresence, Readonly<Partial<Record<ClaimAction, ClaimStatus>>>>> = {
  ABSENT: { CREATE: 'ACTIVE', IMPORT: 'ACTIVE' },
  ACTIVE: {
    UPDATE: 'ACTIVE', IMPORT: 'ACTIVE', RESOLVE: 'RESOLVED', AUTO_RESOLVE: 'RESOLVED',
    CREDIT: 'ACTIVE', DEBIT: 'ACTIVE', LINK: 'ACTIVE',
  },
  RESOLVED: { RECREATE: 'ACTIVE', UPDATE: 'RESOLVED', IMPORT: 'RESOLVED', LINK: 'RESOLVED' },
};

/** Decides the status a claim moves to when `action` is applied, or why it may not be. */
export function transitionClaim(
  claimReference: string,
  from: ClaimPresence,
  action: ClaimAction,
): Result<ClaimStatus, ClaimError> {
  const to = CLAIM_TRANSITIONS[from][action];
  return to === undefined ? err(refusal(claimReference, from, action)) : ok(to);
}

function refusal(claimReference: string, from: ClaimPresence, action: ClaimAction): ClaimError {
  if (from === 'ABSENT') return claimError('CLAIM_NOT_FOUND', claimReference, `Claim ${claimReference} not found`);
  if (action === 'CREATE') {
    return claimError('CLAIM_ALREADY_EXISTS', claimReference, `Claim ${claimReference} already exists`);
  }
  if (action === 'RECREATE') {
    return claimError('CLAIM_NOT_DELETED', claimReference, `Claim ${claimReference} is not in a deleted state`);
  }
  return claimError('CLAIM_NOT_ACTIVE', claimReference, 'Claim is not active');
}

/** Decides the claim after a resolution (explicit or automatic) when the table allows it; otherwise unchanged. */
export function resolveIfAllowed<T extends { readonly status: ClaimStatus }>(
  claim: T,
  action: 'RESOLVE' | 'AUTO_RESOLVE',
  reason: ClaimResolutionReason,
): T {
  const to = CLAIM_TRANSITIONS[claim.status][action];
  return to === undefined ? claim : { ...claim, status: to, resolutionReason: reason };
}
