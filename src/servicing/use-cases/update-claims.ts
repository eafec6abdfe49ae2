import { updateClaim, type ClaimInput } from '../domain/unmanaged-claims.js';
import { accountOfItem, claimAccount, outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** update_claims (spec #17): fields of unmanaged claims; a ledger-managed claim is refused (A30). */
export function updateClaims(ctx: ServicingRequest, body: Record<string, ClaimInput>): Promise<Record<string, ItemResult>> {
  return runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, update);
}

function update(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const existing = workspace.existing(reference);
  const accountReference = accountOfItem(existing, input);
  const result = updateClaim(reference, existing, input, workspace.defaults(accountReference), { forceAmountCheck: workspace.ctx.forceAmountCheck });
  return outcome(result, (claim) => {
    workspace.put(claim);
    return succeeded(GENERIC_SUCCESS);
  });
}
