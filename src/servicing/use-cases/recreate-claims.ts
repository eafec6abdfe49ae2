import { recreateClaim, type ClaimInput } from '../domain/unmanaged-claims.js';
import { accountOfItem, claimAccount, outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** recreate_claims (spec #16): a resolved ("deleted") claim started again; each item's data is the claim as recreated. */
export function recreateClaims(ctx: ServicingRequest, body: Record<string, ClaimInput>): Promise<Record<string, ItemResult>> {
  return runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, recreate);
}

function recreate(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const existing = workspace.existing(reference);
  const accountReference = accountOfItem(existing, input);
  const result = recreateClaim(reference, existing, { ...input, accountReference }, workspace.defaults(accountReference));
  return outcome(result, (claim) => {
    workspace.put(claim, { created: true, journey: 'RUNNING' });
    return succeeded(GENERIC_SUCCESS, claim);
  });
}
