import { startOfBusinessDay } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { neutralCodeOf } from '../domain/codes.js';
import { cancellationCode } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { dueTimer, finalOfPreliminary, isPreliminary } from '../domain/timers.js';
import { type CoverVersionRow, insertVersion, lockVersion, updateVersion } from '../store.js';
import { reviseVersionTerms, transferVersion } from './scheduled-effects.js';
import {
  continuation, endVersion, factsOf, NO_PENDING_CHANGE, recordChange, reissue, scheduleNext, timerFactsOf, todayOf,
} from './shared.js';

/** Decision: a version whose next timer is due as soon as another has fired (a chain of due changes) is followed this far in one go. */
const MAX_CHAINED_CHANGES = 5;

/**
 * The sweep's use case: the timers of a live version that have come due take effect (domain/timers.ts): its scheduled
 * change (pending process), the end of its temporary part, the end of a preliminary decision. The version it leaves
 * live (a new one when the cover continues as a new version) is followed while its next timer is due as well.
 */
export async function applyDueChange(uow: UnitOfWork, ctx: CoverContext, coverId: number): Promise<Result<CoverVersionRow, CoverError>> {
  const version = await lockVersion(uow.tx, uow.tenant.id, coverId);
  if (!version || version.historicCode !== null || version.deadlineAt === null) return err({ code: 'COVER_NOT_FOUND' });
  let current = version;
  for (let step = 0; step < MAX_CHAINED_CHANGES; step += 1) {
    const timer = dueTimer(timerFactsOf(current), uow.now, (date) => startOfBusinessDay(date, ctx.timeZone));
    if (timer === null) break;
    const next = timer === 'pending' ? await applyPendingChange(uow, ctx, current)
      : timer === 'temporary-part' ? await expireTemporaryPart(uow, ctx, current)
        : await confirmPreliminary(uow, ctx, current);
    current = next;
    if (current.historicCode !== null) return ok(current);
  }
  return ok(await scheduleNext(uow, ctx, current));
}

/** The scheduled change of spec §5.8's pending-process table whose effective date has come. */
async function applyPendingChange(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow): Promise<CoverVersionRow> {
  const today = todayOf(uow, ctx);
  switch (version.pendingProcess) {
    case 'C': {
      const ended = await endVersion(uow, version, cancellationCode(factsOf(version)), { effectiveToDate: version.pendingEffectiveDate ?? today });
      await recordChange(uow, 'cover.changed', 'cover.cancelled', ended);
      return ended;
    }
    case 'W': return withdraw(uow, version, today);
    case 'F': return reduceByInsurer(uow, ctx, version);
    // A postponed insurer notice is the withdrawal (0) or reduction it postponed.
    case 'P': return version.pendingAmount === 0 ? withdraw(uow, version, today) : reduceByInsurer(uow, ctx, version);
    case 'V': return convertScheduled(uow, version);
    case 'B': return reviseVersionTerms(uow, ctx, version, version.pendingConditions ?? []);
    case 'T': {
      const outcome = await transferVersion(uow, ctx, version, version.pendingPolicyId ?? 0);
      return 'moved' in outcome ? outcome.moved : outcome.kept;
    }
    // A reactivated limit is in effect from its effectFromDate: nothing is left pending.
    case 'R':
    default: return updateVersion(uow.tx, version.coverId, { ...NO_PENDING_CHANGE, updatedAt: uow.now });
  }
}

/** Insurer withdrawal after its notice: DC08, ended WCLD. */
async function withdraw(uow: UnitOfWork, version: CoverVersionRow, today: string): Promise<CoverVersionRow> {
  const ended = await endVersion(uow, version, 'WCLD', {
    decisionCode: 'DC08', neutralCode: neutralCodeOf('DC08'), withdrawalDate: version.pendingEffectiveDate ?? today,
    effectiveToDate: version.pendingEffectiveDate ?? today,
  });
  await recordChange(uow, 'cover.changed', 'cover.withdrawn', ended);
  return ended;
}

/** Insurer reduction after its notice: a new version DC09 at the noticed amount, the old one ACLD. */
async function reduceByInsurer(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow): Promise<CoverVersionRow> {
  return reissue(uow, ctx, version, 'ACLD', {
    decisionCode: 'DC09', neutralCode: neutralCodeOf('DC09'), firstAmount: version.pendingAmount ?? 0, secondAmount: 0, secondExpiryDate: null,
    decisionDate: uow.now, notes: version.notes,
  }, 'cover.reduced_by_insurer');
}

/** A conversion scheduled for a later date (V): the indication becomes a credit limit from that date; it held its capacity since the request. */
async function convertScheduled(uow: UnitOfWork, version: CoverVersionRow): Promise<CoverVersionRow> {
  await insertVersion(uow.tx, { ...continuation(version, uow.now), historicCode: 'ACLD', endedAt: uow.now, previousCoverId: null });
  const converted = await updateVersion(uow.tx, version.coverId, {
    ...NO_PENDING_CHANGE, coverType: 'credit-limit', effectFromDate: version.pendingEffectiveDate ?? version.effectFromDate, updatedAt: uow.now,
  });
  await recordChange(uow, 'cover.changed', 'cover.converted', converted);
  return converted;
}

/**
 * The temporary part of a split decision has expired: a new version keeps the permanent part (DC22), the old one
 * ACLD; a decision that was temporary as a whole (no permanent part) has expired and ends ECLD.
 */
async function expireTemporaryPart(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow): Promise<CoverVersionRow> {
  if (version.firstAmount === 0) {
    const ended = await endVersion(uow, version, 'ECLD', { ...NO_PENDING_CHANGE, effectiveToDate: version.secondExpiryDate });
    await recordChange(uow, 'cover.changed', 'cover.expired', ended);
    return ended;
  }
  return reissue(uow, ctx, version, 'ACLD', {
    decisionCode: 'DC22', neutralCode: neutralCodeOf('DC22'), secondAmount: 0, secondExpiryDate: null, decisionDate: uow.now, notes: version.notes,
    ...carriedPendingChange(version),
  }, 'cover.temporary_part_expired');
}

/** A preliminary decision (DC06/DC07) that no underwriter replaced within its period becomes final (DC04/DC03) as a new version; the old one ACLD. */
async function confirmPreliminary(uow: UnitOfWork, ctx: CoverContext, version: CoverVersionRow): Promise<CoverVersionRow> {
  if (!isPreliminary(version.decisionCode)) return version;
  const code = finalOfPreliminary(version.decisionCode);
  return reissue(uow, ctx, version, 'ACLD', {
    decisionCode: code, neutralCode: neutralCodeOf(code), decisionDate: uow.now, notes: version.notes, ...carriedPendingChange(version),
  }, 'cover.preliminary_confirmed');
}

/** A scheduled change still ahead stays with the cover when it continues as a new version. */
function carriedPendingChange(version: CoverVersionRow) {
  return {
    pendingProcess: version.pendingProcess, pendingEffectiveDate: version.pendingEffectiveDate, pendingAmount: version.pendingAmount,
    pendingConditions: version.pendingConditions, pendingPolicyId: version.pendingPolicyId,
  };
}
