// `POST /covers` without a transaction (runOptimisticMutation): one unlocked read of everything the application
// rests on, the same decision applyForCover takes, and one statement writing the version, the capacity it takes,
// its event and audit row, guarded by a compare-and-set on the buyer's exposure row as read (exposure, open claims,
// rating). The unique index on a live position refuses a concurrent application on the same (policy, buyer).
import { fastGuardedWriteAll } from '../../platform/db/fast-query.js';
import { businessDateAt } from '../../platform/dates.js';
import type { SingleStatementWork, WriteOrigin } from '../../platform/unit-of-work.js';
import { bookFor, exposureUnchangedGuard, isRating, type NumberedBuyer, openExposure } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import { checkApplication } from '../domain/application.js';
import { readSnapshotInBatch } from '../application-batches.js';
import { type ApplicationSnapshot, readApplicationSnapshot, insertVersionWrite, type NewCoverVersion, type SnapshotRequest } from '../store.js';
import type { NewApplication } from './apply-for-cover.js';
import { type ChangedVersion, changeWrites, eventTypeOf, heldOnBook, outcomeColumns, policyIsLive } from './shared.js';
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
  // Outside a transaction, the snapshot is read in one statement with the other applications of the moment.
  return applyInOneStatement(work, ctx, input, readSnapshotInBatch).catch((error: unknown) => {
    if (isUniqueViolation(error)) return null;
    throw error;
  });
}

/**
 * tryApplyForCoverInOneStatement, but a concurrent application on the same position fails it with the unique
 * violation (isUniqueViolation), for a caller inside a transaction, whose savepoint must then be rolled back.
 */
export async function applyInOneStatement(
  work: SingleStatementWork, ctx: CoverContext, input: NewApplication, readSnapshot: SnapshotReader = readOneSnapshot,
): Promise<WrittenApplication | null> {
  const bookId = bookFor(work.tenant);
  const snapshot = await readSnapshot(work.db, { tenantId: work.tenant.id, policyId: input.policyId, buyerId: input.buyerId, bookId });
  const plan = planOnSnapshot(work, ctx, input, snapshot);
  if (!plan) return null;
  if (!snapshot.exposure) await openExposure(work.db, bookId, plan.buyer.country, plan.buyer.registryId);
  const exposure = snapshot.exposure ?? { exposure: 0, openClaims: 0 };
  const guard = exposureUnchangedGuard({ bookId, country: plan.buyer.country, registryId: plan.buyer.registryId, ...exposure, rating: plan.buyer.rating }, plan.held);
  const written = await fastGuardedWriteAll(work.db, guard, [
    insertVersionWrite(snapshot.coverId, plan.values),
    ...changeWrites(work, eventTypeOf(plan.version), 'cover.applied', plan.version, { requestedAmount: plan.values.requestedAmount }),
  ]);
  return written ? { coverId: snapshot.coverId, coverStatus: plan.values.coverStatus } : null;
}

/** A first application decided on a snapshot: the version to write, what it holds on the book, and its buyer. */
export interface ApplicationPlan {
  readonly values: NewCoverVersion;
  readonly held: number;
  readonly buyer: NumberedBuyer;
  /** The written version as its event and audit row tell it. */
  readonly version: ChangedVersion;
}

/**
 * The decision applyForCover takes, on a snapshot (with `exposure` in place of the snapshot's when earlier applications
 * of the same batch moved it), or null when the application must take the transaction: any refusal (which applyForCover
 * words), a live cover on the position, an unknown or unrated buyer, a sandbox insurer notice.
 */
export function planOnSnapshot(
  origin: WriteOrigin, ctx: CoverContext, input: NewApplication, snapshot: ApplicationSnapshot,
  exposure: { exposure: number; openClaims: number } = snapshot.exposure ?? { exposure: 0, openClaims: 0 },
): ApplicationPlan | null {
  const { policy, livePosition } = snapshot;
  const bookId = bookFor(origin.tenant);
  const today = businessDateAt(origin.now, ctx.timeZone);
  if (!policy || policy.customerId !== input.customerId || !policyIsLive(policy, today) || livePosition) return null;
  if (!snapshot.buyer || !isRating(snapshot.buyer.rating)) return null;
  const buyer: NumberedBuyer = { ...snapshot.buyer, rating: snapshot.buyer.rating, buyerId: input.buyerId };
  const application = checkApplication(input, policy, today);
  if (!application.ok) return null;
  const decision = decideOnExposure(origin.tenant.mode === 'sandbox', bookId, exposure, buyer, policy, application.value.coverType, application.value.requested);
  if (decision.reductionNotice) return null;
  const columns = outcomeColumns(decision.outcome, origin.now);
  const held = heldOnBook(columns, application.value.coverType, application.value.currency);
  const values: NewCoverVersion = {
    tenantId: origin.tenant.id, customerId: input.customerId, policyId: input.policyId, buyerId: input.buyerId,
    buyerCountry: buyer.country, buyerRegistryId: buyer.registryId, bookId, buyerRatingAtApplication: buyer.rating,
    coverType: application.value.coverType, currency: application.value.currency, requestedAmount: application.value.requested,
    customerRefNumber: application.value.customerRefNumber, applicationDate: origin.now, effectFromDate: application.value.effectFromDate,
    updatedAt: origin.now, ...columns, exposureHeld: held,
  };
  const version: ChangedVersion = {
    coverId: snapshot.coverId, customerId: values.customerId, policyId: values.policyId, buyerId: values.buyerId, coverType: values.coverType,
    coverStatus: values.coverStatus, decisionCode: values.decisionCode ?? null, neutralCode: values.neutralCode, historicCode: null,
    pendingProcess: null, firstAmount: values.firstAmount ?? 0, secondAmount: values.secondAmount ?? 0, currency: values.currency,
  };
  return { values, held, buyer, version };
}

type SnapshotReader = (executor: SingleStatementWork['db'], request: SnapshotRequest) => Promise<ApplicationSnapshot>;

function readOneSnapshot(executor: SingleStatementWork['db'], request: SnapshotRequest): Promise<ApplicationSnapshot> {
  return readApplicationSnapshot(executor, request.tenantId, request.policyId, request.buyerId, request.bookId);
}

/** A unique violation: another application on the same position went first; the transaction answers COVER_EXISTS. */
export function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  return code === '23505' || cause?.code === '23505';
}
