// One application of POST /covers/batch, in a savepoint of the batch's transaction: first as one snapshot read and
// one guarded write (as POST /covers without a transaction), else, or after losing its position to a concurrent
// application, with locks. A refusal rolls back only the item's savepoint.
import { err, ok, type Result } from '../../platform/result.js';
import { singleStatementWork, type UnitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import type { CoverError } from '../domain/errors.js';
import type { CoverVersionRow } from '../store.js';
import { applyForCover, type NewApplication } from './apply-for-cover.js';
import { applyInOneStatement, isUniqueViolation } from './apply-for-cover-in-one-statement.js';

type AppliedItem = Pick<CoverVersionRow, 'coverId' | 'coverStatus'>;

/** Carries a refusal out of its savepoint, so the savepoint rolls back. */
class ItemRefused extends Error {
  constructor(readonly coverError: CoverError) {
    super(coverError.code);
  }
}

export async function applyBatchItem(uow: UnitOfWork, ctx: CoverContext, input: NewApplication): Promise<Result<AppliedItem, CoverError>> {
  const withLocks = async (savepoint: UnitOfWork['tx']): Promise<AppliedItem> => {
    const result = await applyForCover({ ...uow, tx: savepoint }, ctx, input);
    if (!result.ok) throw new ItemRefused(result.error);
    return result.value;
  };
  const oneStatementOrLocks = async (savepoint: UnitOfWork['tx']): Promise<AppliedItem> => {
    const work = singleStatementWork({ db: savepoint, tenant: uow.tenant, clock: uow.clock, now: uow.now, actor: uow.actor, requestId: uow.requestId });
    return (await applyInOneStatement(work, ctx, input)) ?? withLocks(savepoint);
  };
  return refusalsAsResult(async () => {
    try {
      return await uow.tx.transaction(oneStatementOrLocks);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return uow.tx.transaction(withLocks);
    }
  });
}

async function refusalsAsResult(work: () => Promise<AppliedItem>): Promise<Result<AppliedItem, CoverError>> {
  try {
    return ok(await work());
  } catch (error) {
    if (error instanceof ItemRefused) return err(error.coverError);
    throw error;
  }
}
