// A capacity decision taken on a snapshot of the buyer's exposure row, written only while that row and the buyer's
// rating are still exactly as read (the facts the decision rested on), as one compare-and-set.
import type { FastStatement, FastWrite } from '../platform/db/fast-query.js';

const EXPOSURE_UNCHANGED: FastStatement = {
  name: 'risk_exposure_unchanged',
  text: `UPDATE risk_exposure SET exposure = exposure + $4::bigint
    WHERE book_id = $1 AND country = $2 AND registry_id = $3 AND exposure = $5::bigint AND open_claims = $6::integer
      AND EXISTS (SELECT 1 FROM risk_buyers b WHERE b.country = $2 AND b.registry_id = $3 AND b.rating = $7::integer)
    RETURNING exposure`,
};

export interface ExposureAsRead {
  readonly bookId: string;
  readonly country: string;
  readonly registryId: string;
  readonly exposure: number;
  readonly openClaims: number;
  readonly rating: number;
}

/**
 * Adds `delta` (0 for a decision that holds nothing) to the buyer's exposure only while exposure, open claims and
 * rating are still those read (see fastGuardedWriteAll). The buyer's exposure row must exist (openExposure).
 */
export function exposureUnchangedGuard(read: ExposureAsRead, delta: number): FastWrite {
  return { statement: EXPOSURE_UNCHANGED, values: [read.bookId, read.country, read.registryId, delta, read.exposure, read.openClaims, read.rating] };
}
