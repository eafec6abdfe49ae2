// `POST /covers` without a transaction (runOptimisticMutation): one unlocked read of everything the application
// rests on, the same decision applyForCover takes, and one statement writing the version, the capacity it takes,
// its event and audit row, guarded by a compare-and-set on the buyer's exposure row as read (exposure, open claims,
// rating). The unique index on a live position refuses a concurrent application on the same (policy, buyer).
import { fastGuardedWriteAll } from '../../platform/db/fast-query.js';
import { businessDateAt } from '../../platform/dates.js';
import type { SingleStatementWork } from '../../platform/unit-of-work.js';
import { bookFor, exposureUnchangedGuard, isRating, type NumberedBuyer, openExposure } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { checkApplication } from '../domain/application.js';
import { readApplicationSnapshot, insertVersionWrite, type NewCoverVersion } from '../store.js';
import type { NewApplication } from './apply-for-cover.js';
import { changeWrites, eventTypeOf, heldOnBook, outcomeColumns, policyIsLive } from './shared.js';
import { decideOnExposure } from './underwrite-on-book.js';

export interface WrittenApplication {
  readonly coverId: number;
  readonly coverStatus: NewCoverVersion['coverStatus'];
}

/**
 * The application written in one statement, or null when it must take the transaction (applyForCover): any refusal
 * (which applyForCover words), a live cover on the position, a sandbox insurer notice, a changed exposure row or
 * rating, or a concurrent application on the same position. Null means nothing was written.
 */
export async function tryApplyForCoverInOneStatement(work: SingleStatementWork, ctx: CoverContext, input: NewApplication): Promise<WrittenApplication | null> {
  return applyInOneStatement(work, ctx, input).catch((error: unknown) => {
    if (isUniqueViolation(error)) return null;
    throw error;
  });
}

/**
 * tryApplyForCoverInOneStatement, but a concurrent application on the same position fails it with the unique
 * violation (isUniqueViolation), for a caller inside a transaction, whose savepoint must then be rolled back.
 */
export async function applyInOneStatement(work: SingleStatementWork, ctx: CoverContext, input: NewApplication): Promise<WrittenApplication | null> {
  const bookId = bookFor(work.tenant);
  const snapshot = await readApplicationSnapshot(work.db, work.tenant.id, input.policyId, input.buyerId, bookId);
  const { policy, livePosition } = snapshot;
  const today = businessDateAt(work.now, ctx.timeZone);
  if (!policy || policy.customerId !== input.customerId || !policyIsLive(policy, today) || livePosition) return null;
  if (!snapshot.buyer || !isRating(snapshot.buyer.rating)) return null;
  const buyer: NumberedBuyer = { ...snapshot.buyer, rating: snapshot.buyer.rating, buyerId: input.buyerId };
  const application = checkApplication(input, policy, today);
  if (!application.ok) return null;
  const exposure = snapshot.exposure ?? { exposure: 0, openClaims: 0 };
  const decision = decideOnExposure(work.tenant.mode === 'sandbox', bookId, exposure, buyer, policy, application.value.coverType, application.value.requested);
  if (decision.reductionNotice) return null;
  if (!snapshot.exposure) await openExposure(work.db, bookId, buyer.country, buyer.registryId);
  const columns = outcomeColumns(decision.outcome, work.now);
  const held = heldOnBook(columns, application.value.coverType, application.value.currency);
  const values: NewCoverVersion = {
    tenantId: work.tenant.id, customerId: input.customerId, policyId: input.policyId, buyerId: input.buyerId,
    buyerCountry: buyer.country, buyerRegistryId: buyer.registryId, bookId, buyerRatingAtApplication: buyer.rating,
    coverType: application.value.coverType, currency: application.value.currency, requestedAmount: application.value.requested,
    customerRefNumber: application.value.customerRefNumber, applicationDate: work.now, effectFromDate: application.value.effectFromDate,
    updatedAt: work.now, ...columns, exposureHeld: held,
  };
  const version = {
    coverId: snapshot.coverId, customerId: values.customerId, policyId: values.policyId, buyerId: values.buyerId, coverType: values.coverType,
    coverStatus: values.coverStatus, decisionCode: values.decisionCode ?? null, neutralCode: values.neutralCode, historicCode: null,
    pendingProcess: null, firstAmount: values.firstAmount ?? 0, secondAmount: values.secondAmount ?? 0, currency: values.currency,
  };
  const guard = exposureUnchangedGuard({ bookId, country: buyer.country, registryId: buyer.registryId, ...exposure, rating: buyer.rating }, held);
  const written = await fastGuardedWriteAll(work.db, guard, [
    insertVersionWrite(snapshot.coverId, values),
    ...changeWrites(work, eventTypeOf(version), 'cover.applied', version, { requestedAmount: values.requestedAmount }),
  ]);
  return written ? { coverId: snapshot.coverId, coverStatus: values.coverStatus } : null;
}

/** A unique violation: another application on the same position went first; the transaction answers COVER_EXISTS. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return code === '23505' || cause?.code === '23505';
}
