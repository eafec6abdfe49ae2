import { creditClaim, type CreditClaimInput } from '../domain/claim-credit-debit.js';
import { outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/**
 * credit_claims (spec #20): amounts and fees credited to unmanaged claims; each item echoes its input with the seed's
 * one message line, also when part of the credit was dropped or a fee name was unknown (see the servicing guide).
 */
export function creditClaims(ctx: ServicingRequest, body: Record<string, CreditClaimInput>): Promise<Record<string, ItemResult>> {
  return runClaimMap(ctx, body, { lockClaims: true }, credit);
}

function credit(workspace: ClaimWorkspace, reference: string, input: CreditClaimInput): ItemResult {
  return outcome(creditClaim(reference, workspace.existing(reference), input), (credited) => {
    workspace.put(credited.claim);
    return succeeded(GENERIC_SUCCESS, input);
  });
}
