import { createClaim, type ClaimInput } from '../domain/unmanaged-claims.js';
import { claimAccount, outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** create_claims (spec #15): new unmanaged claims; each item's data is the claim as created. */
export function createClaims(ctx: ServicingRequest, body: Record<string, ClaimInput>): Promise<Record<string, ItemResult>> {
  return runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true, expectNew: true }, create);
}

function create(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const result = createClaim(reference, workspace.existing(reference), input, workspace.defaults(input.accountReference));
  return outcome(result, (claim) => {
    workspace.put(claim, { created: true });
    return succeeded(GENERIC_SUCCESS, claim);
  });
}
