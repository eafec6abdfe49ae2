import { debitClaim, type DebitClaimInput } from '../domain/claim-credit-debit.js';
import { outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** debit_claims (spec #21): amounts and fees debited to unmanaged claims; each item echoes its input. */
export function debitClaims(ctx: ServicingRequest, body: Record<string, DebitClaimInput>): Promise<Record<string, ItemResult>> {
  return runClaimMap(ctx, body, { lockClaims: true }, debit);
}

function debit(workspace: ClaimWorkspace, reference: string, input: DebitClaimInput): ItemResult {
  return outcome(debitClaim(reference, workspace.existing(reference), input), (claim) => {
    workspace.put(claim);
    return succeeded(GENERIC_SUCCESS, input);
  });
}
