import { addDays, compareDates, type BusinessDate } from '../../../platform/dates.js';
import type { MinorUnits } from '../../../platform/money.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { debtorRecordError, type DebtorRecordError } from '../debtor-record-errors.js';

/*
 * Promises to pay (#30, collections.md §5): one open promise per claim, a new one replaces it. It is kept when
 * the claim's balance has come down by the promised amount since the promise was made, and broken the day after
 * its date otherwise. A tenant bounds the date and the amount.
 */

export type PromiseState = 'open' | 'kept' | 'broken' | 'replaced';

export interface PromiseBounds {
  /** The smallest amount a debtor may promise (a smaller balance may be promised whole). */
  minimumAmount: MinorUnits;
  /** The latest date a debtor may promise, in days from today. */
  maximumDaysAhead: number;
}

export const DEFAULT_PROMISE_BOUNDS: PromiseBounds = { minimumAmount: 100, maximumDaysAhead: 60 };

export interface PromiseRequest {
  amount: MinorUnits;
  currency: string;
  dueDate: BusinessDate;
}

export interface PromisedClaim {
  claimReference: string;
  status: 'ACTIVE' | 'RESOLVED';
  currency: string;
  outstanding: MinorUnits;
}

/** Decides whether a claim may take this promise today (spec #30 proposals, A35, and the tenant's bounds). */
export function checkPromise(
  claim: PromisedClaim, request: PromiseRequest, today: BusinessDate, bounds: PromiseBounds,
): Result<PromiseRequest, DebtorRecordError> {
  if (claim.status !== 'ACTIVE') return err(debtorRecordError('CLAIM_NOT_ACTIVE', `Claim ${claim.claimReference} is not ACTIVE`));
  if (claim.currency !== request.currency) {
    return err(debtorRecordError('CURRENCY_MISMATCH', `Currency ${request.currency} does not match the claim's currency ${claim.currency}`));
  }
  if (compareDates(request.dueDate, today) < 0) return err(debtorRecordError('PROMISE_OUT_OF_BOUNDS', `dueDate ${request.dueDate} is in the past`));
  const latest = addDays(today, bounds.maximumDaysAhead);
  if (compareDates(request.dueDate, latest) > 0) {
    return err(debtorRecordError('PROMISE_OUT_OF_BOUNDS', `dueDate ${request.dueDate} is later than ${latest} (at most ${bounds.maximumDaysAhead} days ahead)`));
  }
  if (request.amount > claim.outstanding) {
    return err(debtorRecordError('PROMISE_OUT_OF_BOUNDS', `amount ${request.amount} is more than the outstanding balance ${claim.outstanding}`));
  }
  const minimum = Math.min(bounds.minimumAmount, claim.outstanding);
  if (request.amount < Math.max(1, minimum)) {
    return err(debtorRecordError('PROMISE_OUT_OF_BOUNDS', `amount ${request.amount} is less than the minimum ${Math.max(1, minimum)}`));
  }
  return ok(request);
}

/** Decides whether the promise is kept: the balance came down by the promised amount, or the claim was paid off. */
export function isKept(
  promise: { amount: MinorUnits; baselineOutstanding: MinorUnits },
  claim: { outstanding: MinorUnits; status: 'ACTIVE' | 'RESOLVED'; resolutionReason: string | null } | undefined,
): boolean {
  if (!claim) return false;
  if (claim.status === 'RESOLVED' && claim.resolutionReason === 'CLAIM_PAID') return true;
  return promise.baselineOutstanding - claim.outstanding >= promise.amount;
}
