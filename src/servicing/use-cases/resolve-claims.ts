import type { ClaimResolutionReason } from '../domain/claim.js';
import { resolveClaim } from '../domain/unmanaged-claims.js';
import { outcome, runClaimMap, type ClaimWorkspace } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

export interface ResolveClaimItem {
  ref: string;
  reason: ClaimResolutionReason;
}

/** resolve_claims (spec #19): managed and unmanaged claims; a later item with the same ref overwrites the earlier answer (§1.5). */
export async function resolveClaims(ctx: ServicingRequest, body: readonly ResolveClaimItem[]): Promise<Record<string, ItemResult>> {
  const refs = [...new Set(body.map((item) => item.ref))];
  const byIndex = Object.fromEntries(body.map((item, index) => [`${index}`, item]));
  const results = await runClaimMap(ctx, byIndex, { extraClaims: refs, lockClaims: true }, (workspace, _index, item) => resolve(workspace, item.ref, item.reason));
  const byRef: Record<string, ItemResult> = {};
  body.forEach((item, index) => {
    byRef[item.ref] = results[`${index}`] as ItemResult;
  });
  return byRef;
}

function resolve(workspace: ClaimWorkspace, reference: string, reason: ClaimResolutionReason): ItemResult {
  const working = workspace.claims.get(reference);
  const current = working ? { status: working.row.status, resolutionReason: working.row.resolutionReason as ClaimResolutionReason | null } : undefined;
  return outcome(resolveClaim(reference, current, reason), (resolved) => {
    workspace.patch(reference, {
      status: resolved.status, resolutionReason: reason, journey: 'STOPPED',
      ...(working?.row.managed ? { explicitResolution: reason } : {}),
    });
    return succeeded(GENERIC_SUCCESS);
  });
}
