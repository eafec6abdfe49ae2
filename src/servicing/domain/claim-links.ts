import { claimError, type ClaimError } from './errors.js';
import { err, ok, type Result } from '../../platform/result.js';

/*
 * set_link_claims (spec #22, A36): a target already in a group passes its linkGroupId to the source; otherwise
 * both get the fresh id the caller supplies (a UUID v4). A source leaving a group, or unlinked with `null`, leaves
 * it; a group left with a single member is cleared. Links work on managed and unmanaged claims in any status.
 */

/** linkGroupId of each known claim, by claimReference. */
export type LinkGroups = ReadonlyMap<string, string | null>;

/** Decides which claims' linkGroupId change (and to what) when `source` is linked to `target` or unlinked (null). */
export function linkClaims(
  groups: LinkGroups,
  source: string,
  target: string | null,
  freshGroupId: string,
): Result<LinkGroups, ClaimError> {
  if (!groups.has(source)) return err(claimError('CLAIM_NOT_FOUND', source, `Claim ${source} not found`));
  if (target === null) return ok(leaveGroup(groups, source, new Map([[source, null]])));
  if (target === source) return err(claimError('SELF_LINK', source, `Claim ${source} cannot be linked to itself`));
  if (!groups.has(target)) {
    return err(claimError('LINK_TARGET_NOT_FOUND', source, `Link target Claim ${target} not found`));
  }
  return ok(joinTarget(groups, source, target, freshGroupId));
}

function joinTarget(groups: LinkGroups, source: string, target: string, freshGroupId: string): LinkGroups {
  const targetGroup = groups.get(target) ?? null;
  if (targetGroup !== null && targetGroup === groups.get(source)) return new Map();
  const groupId = targetGroup ?? freshGroupId;
  const changes = new Map<string, string | null>([[source, groupId]]);
  if (targetGroup === null) changes.set(target, groupId);
  return leaveGroup(groups, source, changes);
}

/** Adds to `changes` the clearing of the source's old group when only one member would remain in it. */
function leaveGroup(groups: LinkGroups, source: string, changes: Map<string, string | null>): LinkGroups {
  const oldGroup = groups.get(source) ?? null;
  if (oldGroup === null) return withoutNoOps(groups, changes);
  const remaining = [...groups].filter(([reference, group]) => reference !== source && group === oldGroup && !changes.has(reference));
  const last = remaining.length === 1 ? remaining[0] : undefined;
  if (last) changes.set(last[0], null);
  return withoutNoOps(groups, changes);
}

function withoutNoOps(groups: LinkGroups, changes: Map<string, string | null>): LinkGroups {
  return new Map([...changes].filter(([reference, group]) => (groups.get(reference) ?? null) !== group));
}

/** Decides the link groups after applying changes (to process a batch item by item). */
export function applyLinkChanges(groups: LinkGroups, changes: LinkGroups): LinkGroups {
  return new Map([...groups, ...changes]);
}
