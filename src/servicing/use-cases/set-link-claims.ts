import { randomUUID } from 'node:crypto';
import { linkClaims } from '../domain/claim-links.js';
import type { Json } from '../domain/primitives.js';
import { claimsInLinkGroups, loadClaims } from '../store/claims.js';
import { ClaimWorkspace, outcome, type WorkingRow } from './support/claim-workspace.js';
import { GENERIC_SUCCESS, succeeded, type ItemResult } from './support/item-result.js';
import type { ServicingRequest } from './support/servicing-request.js';

/** set_link_claims (spec #22): each source joins the target's link group, or leaves its group (target null). */
export async function setLinkClaims(ctx: ServicingRequest, body: Record<string, string | null>): Promise<Record<string, ItemResult>> {
  const named = [...Object.keys(body), ...Object.values(body).filter((target): target is string => target !== null)];
  const first = await loadClaims(ctx.uow.tx, ctx.tenantId, named, false);
  const groupIds = [...new Set([...first.values()].map((row) => row.linkGroupId).filter((id): id is string => id !== null))];
  const members = await claimsInLinkGroups(ctx.uow.tx, ctx.tenantId, groupIds);
  const workspace = new ClaimWorkspace(ctx);
  await workspace.load([...named, ...members.map((row) => row.claimReference)], [], true);
  let groups = new Map<string, string | null>([...workspace.claims].map(([reference, working]) => [reference, working.row.linkGroupId]));
  const results: Record<string, ItemResult> = {};
  for (const [source, target] of Object.entries(body)) {
    results[source] = outcome(linkClaims(groups, source, target, randomUUID()), (changes) => {
      groups = new Map([...groups, ...changes]);
      for (const [reference, linkGroupId] of changes) workspace.patch(reference, { linkGroupId, data: linkedData(workspace, reference, linkGroupId) });
      workspace.ctx.touchedClaims.add(source);
      return succeeded(GENERIC_SUCCESS);
    });
  }
  await workspace.flush();
  return results;
}

/** Keeps the unmanaged document's linkGroupId in step with the column. */
function linkedData(workspace: ClaimWorkspace, reference: string, linkGroupId: string | null): Json {
  const row = workspace.claims.get(reference)?.row as WorkingRow;
  return row.managed ? row.data : { ...row.data, linkGroupId };
}
