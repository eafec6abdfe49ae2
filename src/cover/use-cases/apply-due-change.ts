import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { neutralCodeOf } from '../domain/codes.js';
import { cancellationCode } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { type CoverVersionRow, insertVersion, lockVersion, updateVersion } from '../store.js';
import { continuation, endVersion, factsOf, holdGranted, recordChange, todayOf } from './shared.js';

/**
 * The sweep's use case: a scheduled change whose date has come takes effect. Cancellation (C) → CCLD/CIND; insurer
 * withdrawal (W) → DC08 and WCLD; insurer reduction (F) → new version DC09 at the noticed amount, the old one ACLD.
 */
export async function applyDueChange(uow: UnitOfWork, ctx: CoverContext, coverId: number): Promise<Result<CoverVersionRow, CoverError>> {
  const version = await lockVersion(uow.tx, uow.tenant.id, coverId);
  if (!version || version.historicCode !== null || version.deadlineAt === null) return err({ code: 'COVER_NOT_FOUND' });
  const today = todayOf(uow, ctx);
  switch (version.pendingProcess) {
    case 'C': {
      const ended = await endVersion(uow, version, cancellationCode(factsOf(version)), { effectiveToDate: version.pendingEffectiveDate ?? today });
      await recordChange(uow, 'cover.changed', 'cover.cancelled', ended);
      return ok(ended);
    }
    case 'W': {
      const ended = await endVersion(uow, version, 'WCLD', {
        decisionCode: 'DC08', neutralCode: neutralCodeOf('DC08'), withdrawalDate: version.pendingEffectiveDate ?? today,
        effectiveToDate: version.pendingEffectiveDate ?? today,
      });
      await recordChange(uow, 'cover.changed', 'cover.withdrawn', ended);
      return ok(ended);
    }
    case 'F': {
      await endVersion(uow, version, 'ACLD');
      const inserted = await insertVersion(uow.tx, {
        ...continuation(version, uow.now), decisionCode: 'DC09', neutralCode: neutralCodeOf('DC09'), firstAmount: version.pendingAmount ?? 0,
        secondAmount: 0, secondExpiryDate: null, decisionDate: uow.now, notes: version.notes,
      });
      const reduced = await holdGranted(uow, inserted);
      await recordChange(uow, 'cover.changed', 'cover.reduced_by_insurer', reduced, { previousCoverId: version.coverId });
      return ok(reduced);
    }
    default: {
      if (version.secondAmount > 0 && version.secondExpiryDate !== null && version.secondExpiryDate < today) return expireSecondPart(uow, version);
      const cleared = await updateVersion(uow.tx, version.coverId, { deadlineAt: null, updatedAt: uow.now });
      return ok(cleared);
    }
  }
}

/** The temporary part of a split decision has expired: a new version keeps the permanent part (DC22), the old one ACLD. */
async function expireSecondPart(uow: UnitOfWork, version: CoverVersionRow): Promise<Result<CoverVersionRow, CoverError>> {
  await endVersion(uow, version, 'ACLD');
  const inserted = await insertVersion(uow.tx, {
    ...continuation(version, uow.now), decisionCode: 'DC22', neutralCode: neutralCodeOf('DC22'), secondAmount: 0, secondExpiryDate: null,
    decisionDate: uow.now, notes: version.notes,
  });
  const reduced = await holdGranted(uow, inserted);
  await recordChange(uow, 'cover.changed', 'cover.temporary_part_expired', reduced, { previousCoverId: version.coverId });
  return ok(reduced);
}
