import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { resolveClaims, type ResolveClaimItem } from './resolve-claims.js';
import type { ItemResult } from './support/item-result.js';
import { runBatch } from './support/servicing-request.js';

/**
 * stop_journeys (spec #25) resolves each claim with its reason exactly as resolve_claims does (unknown or already
 * resolved → item failure), in the caller's unit of work, with servicing's events and audit row.
 */
export function resolveStoppedJourneys(uow: UnitOfWork, items: readonly ResolveClaimItem[]): Promise<Record<string, ItemResult>> {
  return runBatch(uow, 'stop_journeys', resolveClaims, items, {});
}
