import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { adjustExposure, bookFor, buyerByNumber } from '../../../risk/api.js';
import { isClaimType } from '../../domain/codes.js';
import { type CaseRow, lockCase, releaseClaimHold, takeClaimHold } from '../../store.js';

/** Whether the case makes its buyer uninsurable: a claim case still SUBMITTED or OPEN. */
export function holdsOpenClaim(row: Pick<CaseRow, 'caseType' | 'caseStatus'>): boolean {
  return isClaimType(row.caseType) && (row.caseStatus === 'SUBMITTED' || row.caseStatus === 'OPEN');
}

/**
 * Brings the buyer's open-claims count (risk exposure, the count Credable refuses on and Cover refers on) in line
 * with the case: +1 while it holds an open claim, −1 once it closes or is rejected. Idempotent by the hold row.
 */
export async function syncBuyerClaimHold(uow: UnitOfWork, caseNumber: number): Promise<'taken' | 'released' | 'unchanged'> {
  const row = await lockCase(uow.tx, uow.tenant.id, caseNumber);
  if (!row) return 'unchanged';
  const buyer = await buyerByNumber(uow.tx, row.buyerId);
  if (!buyer) return 'unchanged';
  const book = bookFor(uow.tenant);
  if (holdsOpenClaim(row)) {
    if (!(await takeClaimHold(uow.tx, uow.tenant.id, caseNumber, uow.now))) return 'unchanged';
    await adjustExposure(uow.tx, book, buyer.country, buyer.registryId, { openClaims: 1 });
    return 'taken';
  }
  if (!(await releaseClaimHold(uow.tx, uow.tenant.id, caseNumber))) return 'unchanged';
  await adjustExposure(uow.tx, book, buyer.country, buyer.registryId, { openClaims: -1 });
  return 'released';
}
