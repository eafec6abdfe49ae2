import { appendEvent } from '../../../platform/events/append.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { readClaimBalances } from '../../../servicing/api.js';
import { isKept } from '../../domain/promises/promise.js';
import { PROMISE_BROKEN, PROMISE_KEPT } from '../../events.js';
import { loadPromise, resolvePromise } from '../../store/promises.js';

/*
 * The day after a promise's date (its deadline, swept once): kept when the claim's balance came down by the
 * promised amount since it was made (or the claim was paid off), else broken. A payment on the claim before then
 * settles it as kept at once (`onlyIfKept`, from the payment reaction), and leaves it open otherwise. Decision: the balance is read when
 * the sweep runs, so a payment booked after the date but before the sweep still keeps the promise.
 */
export async function settlePromise(uow: UnitOfWork, promiseId: string, options: { onlyIfKept?: boolean } = {}): Promise<'kept' | 'broken' | undefined> {
  const promise = await loadPromise(uow.tx, uow.tenant.id, promiseId);
  if (!promise || promise.status !== 'open') return undefined;
  const claim = (await readClaimBalances(uow.tx, uow.tenant.id, [promise.claimReference])).get(promise.claimReference);
  const outcome = isKept(promise, claim) ? 'kept' : 'broken';
  if (outcome === 'broken' && options.onlyIfKept) return undefined;
  await resolvePromise(uow.tx, uow.tenant.id, promise.id, outcome, uow.now);
  await appendEvent(uow, {
    type: outcome === 'kept' ? PROMISE_KEPT : PROMISE_BROKEN, entityType: 'promise', entityId: promise.id,
    data: {
      promiseId: promise.id, claimReference: promise.claimReference, accountReference: promise.accountReference, amount: promise.amount,
      currency: promise.currency, dueDate: promise.dueDate, paid: Math.max(0, promise.baselineOutstanding - (claim?.outstanding ?? promise.baselineOutstanding)),
    },
  });
  return outcome;
}
