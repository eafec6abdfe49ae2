import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/record.js';
import { addDays, businessDateAt, startOfBusinessDay } from '../../../platform/dates.js';
import { appendEvents, type NewEvent } from '../../../platform/events/append.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { readClaimBalances } from '../../../servicing/api.js';
import { debtorRecordError } from '../../domain/debtor-record-errors.js';
import { checkPromise, type PromiseRequest } from '../../domain/promises/promise.js';
import { PROMISE_CREATED } from '../../events.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import { insertPromise, replaceOpenPromise } from '../../store/promises.js';
import { itemFailed, itemSucceeded, type ItemOutcome } from '../support/item-results.js';

/*
 * #30 create_promises_to_pay: per claim, a promise within the tenant's bounds on an ACTIVE claim of the same
 * currency replaces the claim's open promise (collections.md §5). The promise remembers the claim's balance, so
 * the sweep on the day after its date can tell whether the promised amount was paid (kept) or not (broken).
 */
export async function createPromisesToPay(
  uow: UnitOfWork, ctx: { timeZone: string }, body: Readonly<Record<string, PromiseRequest>>,
): Promise<Record<string, ItemOutcome>> {
  const references = Object.keys(body);
  const claims = await readClaimBalances(uow.tx, uow.tenant.id, references);
  const { promise: bounds } = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
  const today = businessDateAt(uow.now, ctx.timeZone);
  const results: Record<string, ItemOutcome> = {};
  const events: NewEvent[] = [];
  for (const [claimReference, request] of Object.entries(body)) {
    const claim = claims.get(claimReference);
    if (!claim) {
      results[claimReference] = itemFailed(debtorRecordError('CLAIM_NOT_FOUND', `Claim ${claimReference} not found`));
      continue;
    }
    const checked = checkPromise(claim, request, today, bounds);
    if (!checked.ok) {
      results[claimReference] = itemFailed(checked.error);
      continue;
    }
    const id = randomUUID();
    await replaceOpenPromise(uow.tx, uow.tenant.id, claimReference, uow.now);
    await insertPromise(uow.tx, {
      tenantId: uow.tenant.id, id, claimReference, accountReference: claim.accountReference, amount: request.amount, currency: request.currency,
      dueDate: request.dueDate, status: 'open', baselineOutstanding: claim.outstanding,
      deadlineAt: startOfBusinessDay(addDays(request.dueDate, 1), ctx.timeZone), createdAt: uow.now, resolvedAt: null,
    });
    events.push({
      type: PROMISE_CREATED, entityType: 'promise', entityId: id,
      data: { promiseId: id, claimReference, accountReference: claim.accountReference, amount: request.amount, currency: request.currency, dueDate: request.dueDate },
    });
    results[claimReference] = itemSucceeded({ amount: request.amount, currency: request.currency, dueDate: request.dueDate });
  }
  await appendEvents(uow, events);
  await recordAudit(uow, {
    action: 'collections.create_promises_to_pay', entityType: 'promise_batch', entityId: uow.requestId ?? 'create_promises_to_pay',
    details: { items: references.length, succeeded: Object.values(results).filter((result) => result.success).length },
  });
  return results;
}
