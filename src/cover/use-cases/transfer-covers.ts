import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { checkEffectFromDate } from '../domain/application.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { coverVersions } from '../schema.js';
import { findPolicy, updateVersion } from '../store.js';
import { transferVersion } from './scheduled-effects.js';
import { factsOf, policyIsLive, recordChange, scheduleNext, todayOf } from './shared.js';

export interface TransferResult {
  /** The new versions on the target policy (moved at once). */
  readonly transferred: number[];
  /** Covers showing the transfer (T) until its date. */
  readonly scheduled: number[];
  /** Left where they are: a position with an open increase or another scheduled change, or one the target already holds. */
  readonly skipped: number[];
}

/**
 * Back office: the covers of a policy move to another live policy of the same customer and currency (a replacement
 * policy): decisions are re-issued there (DC11), applications continue there. With a later date each cover shows
 * pending process T until the transfer takes effect by itself.
 */
export async function transferCovers(
  uow: UnitOfWork, ctx: CoverContext, policyId: number, input: { toPolicyId: number; effectiveDate?: string | undefined },
): Promise<Result<TransferResult, CoverError>> {
  const source = await findPolicy(uow.tx, uow.tenant.id, policyId);
  if (!source) return err({ code: 'POLICY_FORBIDDEN' });
  const target = await findPolicy(uow.tx, uow.tenant.id, input.toPolicyId);
  if (!target || target.customerId !== source.customerId || target.policyId === source.policyId || target.currency !== source.currency) {
    return err({ code: 'INVALID_VALUE', field: 'toPolicyId', detail: 'toPolicyId must be another policy of the same customer in the same currency' });
  }
  const today = todayOf(uow, ctx);
  if (!policyIsLive(target, today)) return err({ code: 'POLICY_NOT_LIVE' });
  const date = checkEffectFromDate(input.effectiveDate, today);
  if (!date.ok) return err({ code: 'INVALID_DATE', field: 'effectiveDate' });
  const live = await uow.tx.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, uow.tenant.id), eq(coverVersions.policyId, policyId), isNull(coverVersions.historicCode)))
    .orderBy(asc(coverVersions.buyerCountry), asc(coverVersions.buyerRegistryId), asc(coverVersions.coverId)).for('update');
  const withOpenIncrease = new Set(live.filter((version) => version.openSupersede).map((version) => version.buyerId));
  const result: TransferResult = { transferred: [], scheduled: [], skipped: [] };
  for (const version of live) {
    if (withOpenIncrease.has(version.buyerId) || !actionAllowed('transfer', positionOf(factsOf(version)))) {
      result.skipped.push(version.coverId);
    } else if (date.value === today) {
      const outcome = await transferVersion(uow, ctx, version, target.policyId);
      if ('moved' in outcome) result.transferred.push(outcome.moved.coverId);
      else result.skipped.push(version.coverId);
    } else {
      const pending = await scheduleNext(uow, ctx, await updateVersion(uow.tx, version.coverId, {
        pendingProcess: 'T', pendingEffectiveDate: date.value, pendingPolicyId: target.policyId, updatedAt: uow.now,
      }));
      await recordChange(uow, 'cover.changed', 'cover.transfer_scheduled', pending, { toPolicyId: String(target.policyId), effectiveDate: date.value });
      result.scheduled.push(pending.coverId);
    }
  }
  await recordAudit(uow, { action: 'cover.policy_covers_transferred', entityType: 'cover_policy', entityId: String(policyId), details: { ...result, toPolicyId: target.policyId, effectiveDate: date.value } });
  return ok(result);
}
