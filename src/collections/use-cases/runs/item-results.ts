import { randomUUID } from 'node:crypto';
import type { ItemResult } from '../../../servicing/api.js';
import type { RunRow } from './run-store.js';
import type { RunWorkspace } from './run-workspace.js';

/** Batch answers of the journey operations (Receeve ActionResponse, spec §1.5). */

export const GENERIC_SUCCESS = 'Successfully processed action';

export function succeeded(message = GENERIC_SUCCESS): ItemResult {
  return { success: true, messages: [message], messageIds: [randomUUID()] };
}

export function failed(message: string): ItemResult {
  return { success: false, messages: [message], messageIds: [randomUUID()] };
}

/**
 * The run of an ACTIVE claim the caller may work on, else the item failure: an unknown claim (or another
 * tenant's: the workspace only reads this tenant's rows) is "not found", as servicing answers.
 */
export function liveRun(workspace: RunWorkspace, ref: string): RunRow | ItemResult {
  const claim = workspace.claims.get(ref);
  if (!claim) return failed(`Claim ${ref} not found`);
  const run = workspace.runs.get(ref);
  if (claim.status === 'RESOLVED') return failed(`Claim ${ref} is resolved (${claim.resolutionReason ?? 'RESOLVED'}); its journey has ended`);
  if (!run) return failed(`Claim ${ref} has no journey`);
  if (run.state === 'STOPPED' || run.state === 'ENDED') return failed(`The journey of claim ${ref} is ${run.state.toLowerCase()}${run.position.stopReason ? ` (${run.position.stopReason})` : ''}`);
  return run;
}

export function isItemResult(value: RunRow | ItemResult): value is ItemResult {
  return 'success' in value;
}
