import { and, asc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { checkEffectFromDate } from '../domain/application.js';
import type { Condition } from '../domain/codes.js';
import { actionAllowed, positionOf } from '../domain/cover-state.js';
import type { CoverError } from '../domain/errors.js';
import { coverVersions } from '../schema.js';
import { findPolicy, updateVersion } from '../store.js';
import { reviseVersionTerms } from './scheduled-effects.js';
import { factsOf, recordChange, scheduleNext, todayOf } from './shared.js';

export interface RevisedTerms {
  readonly conditions: readonly Condition[];
  /** Today (or none): at once; a later date: pending process B until then. */
  readonly effectiveDate?: string | undefined;
}

export interface RevisionResult {
  /** The new DC10 versions (revised at once). */
  readonly revised: number[];
  /** Covers showing the batch change (B) until its date. */
  readonly scheduled: number[];
  /** Live covers left as they are: referred, zero decisions, or with another scheduled change. */
  readonly skipped: number[];
}

/**
 * Back office: a batch change of conditions on a policy (revised terms of cover, DC10, amounts unchanged) for every
 * decided cover on it that grants an amount and has no other scheduled change; with a later date each shows pending
 * process B until the change takes effect by itself.
 */
export async function reviseCoverTerms(uow: UnitOfWork, ctx: CoverContext, policyId: number, terms: RevisedTerms): Promise<Result<RevisionResult, CoverError>> {
  const policy = await findPolicy(uow.tx, uow.tenant.id, policyId);
  if (!policy) return err({ code: 'POLICY_FORBIDDEN' });
  if (policy.status !== 'live') return err({ code: 'POLICY_NOT_LIVE' });
  const today = todayOf(uow, ctx);
  const date = checkEffectFromDate(terms.effectiveDate, today);
  if (!date.ok) return err({ code: 'INVALID_DATE', field: 'effectiveDate' });
  const live = await uow.tx.select().from(coverVersions)
    .where(and(eq(coverVersions.tenantId, uow.tenant.id), eq(coverVersions.policyId, policyId), isNull(coverVersions.historicCode)))
    .orderBy(asc(coverVersions.coverId)).for('update');
  const result: RevisionResult = { revised: [], scheduled: [], skipped: [] };
  for (const version of live) {
    if (version.openSupersede || !actionAllowed('revise-terms', positionOf(factsOf(version)))) {
      result.skipped.push(version.coverId);
    } else if (date.value === today) {
      result.revised.push((await reviseVersionTerms(uow, ctx, version, terms.conditions)).coverId);
    } else {
      const pending = await scheduleNext(uow, ctx, await updateVersion(uow.tx, version.coverId, {
        pendingProcess: 'B', pendingEffectiveDate: date.value, pendingConditions: [...terms.conditions], updatedAt: uow.now,
      }));
      await recordChange(uow, 'cover.changed', 'cover.terms_revision_scheduled', pending, { effectiveDate: date.value });
      result.scheduled.push(pending.coverId);
    }
  }
  await recordAudit(uow, { action: 'cover.policy_terms_revised', entityType: 'cover_policy', entityId: String(policyId), details: { ...result, effectiveDate: date.value } });
  return ok(result);
}
