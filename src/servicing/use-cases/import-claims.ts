import { importClaim, type ClaimInput } from '../domain/unmanaged-claims.js';
import { accountOfItem, claimAccount, outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** import_claims (spec #18): created when new, otherwise fully replaced keeping status and links. */
export function importClaims(ctx: ServicingRequest, body: Record<string, ClaimInput>): Promise<Record<string, ItemResult>> {
  return runClaimMap(ctx, body, { accountOf: claimAccount, lockClaims: true }, importOne);
}

function importOne(workspace: ClaimWorkspace, reference: string, input: ClaimInput): ItemResult {
  const existing = workspace.existing(reference);
  const accountReference = accountOfItem(existing, input);
  const result = importClaim(
    reference, existing, { ...input, accountReference }, workspace.defaults(accountReference), { forceAmountCheck: workspace.ctx.forceAmountCheck },
  );
  return outcome(result, ({ claim, created }) => {
    workspace.put(claim, { created });
    return succeeded(GENERIC_SUCCESS);
  });
}
