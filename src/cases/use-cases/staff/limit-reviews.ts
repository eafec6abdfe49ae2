// The underwriters' prompt to reduce or withdraw the limits on a buyer with an open claim (issue 14 point 7): a work
// list of the claim cases that make their buyer uninsurable (the buyer's claim hold) while the buyer still has live
// cover under the case's policy, read through cover's api. Decision: the list is derived, not stored: an item leaves
// it when the case closes or is rejected (the hold is released) or when staff withdraw the last live limit; a reduced
// limit stays listed with its new amount while the claim is open, so the reduction can be checked against it.
import type { Executor } from '../../../platform/db/database.js';
import { coverPeriods, type CoverPeriod } from '../../../cover/api.js';
import { caseIdOf } from '../../domain/codes.js';
import { type CaseRow, heldClaimCases } from '../../store.js';

export interface LimitReview {
  readonly caseId: string;
  readonly row: CaseRow;
  /** When the claim case started holding the buyer (its claim opened). */
  readonly claimOpenedAt: Date;
  readonly liveCovers: readonly CoverPeriod[];
}

function isLiveLimit(period: CoverPeriod): boolean {
  return period.endedAt === null && period.coverType !== 'indication' && period.granted > 0;
}

export async function limitReviews(executor: Executor, tenantId: string, limit: number): Promise<LimitReview[]> {
  const reviews: LimitReview[] = [];
  for (const { row, heldAt } of await heldClaimCases(executor, tenantId, limit)) {
    const liveCovers = (await coverPeriods(executor, tenantId, row.policyId, row.buyerId)).filter(isLiveLimit);
    if (liveCovers.length > 0) reviews.push({ caseId: caseIdOf(row.caseNumber), row, claimOpenedAt: heldAt, liveCovers });
  }
  return reviews;
}
