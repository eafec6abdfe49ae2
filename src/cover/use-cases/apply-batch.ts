// POST /covers/batch: the batch's applications decided together in its one transaction, set-based: one statement reads
// every snapshot, the domain decides each application in the batch's order (a buyer's applications on the exposure
// its earlier ones leave), and one statement writes them all, buyer by buyer under a compare-and-set of the buyer's
// exposure row (see writeFirstApplications). Whatever that cannot decide goes through applyBatchItem, one at a time.
import { auditRow } from '../../platform/audit/record.js';
import { eventRows } from '../../platform/events/append.js';
import type { Result } from '../../platform/result.js';
import { ok } from '../../platform/result.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { bookFor } from '../../risk/api.js';
import type { CoverContext } from '../context.js';
import type { CoverError } from '../domain/errors.js';
import { type ApplicationSnapshot, type BuyerGuard, type CoverVersionRow, type FirstApplicationWrite, readApplicationSnapshots, writeFirstApplications } from '../store.js';
import { applyBatchItem } from './apply-batch-item.js';
import type { NewApplication } from './apply-for-cover.js';
import { planOnSnapshot } from './apply-for-cover-in-one-statement.js';
import { changeRecords, eventTypeOf } from './shared.js';

export type BatchItemOutcome = Result<Pick<CoverVersionRow, 'coverId' | 'coverStatus'>, CoverError>;

/** Set-based rounds before the applications still undecided (their buyer's row changed or was locked meanwhile) go one at a time. */
const SET_BASED_ROUNDS = 2;

/** The outcome of each application, in their order; each as if the batch's applications had been made one after another. */
export async function applyBatch(uow: UnitOfWork, ctx: CoverContext, inputs: readonly NewApplication[]): Promise<BatchItemOutcome[]> {
  const outcomes = new Map<number, BatchItemOutcome>();
  let pending = inputs.map((_, index) => index);
  for (let round = 0; round < SET_BASED_ROUNDS && pending.length > 0; round += 1) {
    const { retry, oneByOne } = await decideSetBased(uow, ctx, inputs, pending, outcomes);
    for (const index of oneByOne) outcomes.set(index, await applyBatchItem(uow, ctx, inputs[index]!));
    pending = retry;
  }
  for (const index of pending) outcomes.set(index, await applyBatchItem(uow, ctx, inputs[index]!));
  return inputs.map((_, index) => outcomes.get(index)!);
}

/** A buyer's applications in one round: the guard of its exposure row and the applications decided on it. */
interface BuyerRound {
  readonly guard: Omit<BuyerGuard, 'delta'> & { delta: number };
  readonly indexes: number[];
  readonly writes: Omit<FirstApplicationWrite, 'guard'>[];
  readonly policies: Set<number>;
  /** From the first application the snapshot cannot decide on, the buyer's applications go one at a time, in order. */
  blocked: boolean;
}

interface RoundResult {
  /** Applications of buyers whose guard failed: the next round decides them on a fresh snapshot. */
  readonly retry: number[];
  /** Applications to apply one at a time now (after their buyer's written ones), in order. */
  readonly oneByOne: number[];
}

async function decideSetBased(
  uow: UnitOfWork, ctx: CoverContext, inputs: readonly NewApplication[], pending: readonly number[], outcomes: Map<number, BatchItemOutcome>,
): Promise<RoundResult> {
  const bookId = bookFor(uow.tenant);
  const snapshots = await readApplicationSnapshots(uow.tx, pending.map((index) => ({ tenantId: uow.tenant.id, policyId: inputs[index]!.policyId, buyerId: inputs[index]!.buyerId, bookId })));
  const buyers = new Map<string, BuyerRound>();
  pending.forEach((index, n) => decideOne(uow, ctx, bookId, buyers, index, inputs[index]!, snapshots[n]!));
  const rounds = [...buyers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, round]) => round);
  const writing = rounds.filter((round) => round.writes.length > 0);
  const held = writing.length === 0 ? new Set<number>() : await writeInSavepoint(uow, writing);
  if (held === null) return { retry: [], oneByOne: [...pending] };
  const retry: number[] = [];
  const oneByOne: number[] = [];
  writing.forEach((round, k) => {
    if (!held.has(k)) return retry.push(...round.indexes);
    round.writes.forEach((write, n) => outcomes.set(round.indexes[n]!, ok({ coverId: write.coverId, coverStatus: write.values.coverStatus })));
    oneByOne.push(...round.indexes.slice(round.writes.length));
  });
  for (const round of rounds) if (round.writes.length === 0) oneByOne.push(...round.indexes);
  return { retry: retry.sort((a, b) => a - b), oneByOne: oneByOne.sort((a, b) => a - b) };
}

function decideOne(uow: UnitOfWork, ctx: CoverContext, bookId: string, buyers: Map<string, BuyerRound>, index: number, input: NewApplication, snapshot: ApplicationSnapshot): void {
  const key = snapshot.buyer ? `${snapshot.buyer.country}:${snapshot.buyer.registryId}` : `#${input.buyerId}`;
  let round = buyers.get(key);
  if (!round) {
    round = {
      guard: { bookId, country: snapshot.buyer?.country ?? '', registryId: snapshot.buyer?.registryId ?? '', read: snapshot.exposure, rating: snapshot.buyer?.rating ?? 0, delta: 0 },
      indexes: [], writes: [], policies: new Set(), blocked: false,
    };
    buyers.set(key, round);
  }
  round.indexes.push(index);
  if (round.blocked) return;
  const read = round.guard.read ?? { exposure: 0, openClaims: 0 };
  const plan = round.policies.has(input.policyId)
    ? null
    : planOnSnapshot(uow, ctx, input, snapshot, { exposure: read.exposure + round.guard.delta, openClaims: read.openClaims });
  if (!plan) {
    round.blocked = true;
    return;
  }
  round.policies.add(input.policyId);
  round.guard.delta += plan.held;
  const { event, audit } = changeRecords(eventTypeOf(plan.version), 'cover.applied', plan.version, { requestedAmount: plan.values.requestedAmount });
  // The audit row is marked on a copy: whether the unit wrote one is known only once the round's write is in.
  round.writes.push({ coverId: snapshot.coverId, values: plan.values, event: eventRows(uow, [event])[0]!, audit: auditRow({ ...uow }, audit) });
}

/** The round's write in a savepoint: null when it failed as a whole (a concurrent application on a position: unique violation). */
async function writeInSavepoint(uow: UnitOfWork, rounds: readonly BuyerRound[]): Promise<Set<number> | null> {
  const guards = rounds.map((round) => round.guard);
  const writes = rounds.flatMap((round, guard) => round.writes.map((write) => ({ ...write, guard })));
  try {
    return await uow.tx.transaction((savepoint) => writeFirstApplications(savepoint, guards, writes));
  } catch (error) {
    if (isStatementFailure(error)) return null;
    throw error;
  }
}

/** A failure of the statement itself (constraint, deadlock), not of the connection. */
function isStatementFailure(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { code?: unknown } };
  const sqlState = typeof code === 'string' ? code : typeof cause?.code === 'string' ? cause.code : '';
  return /^(23|40)/.test(sqlState);
}
