import { Decimal } from 'decimal.js';
import { assertMinorUnits, type MinorUnits } from '../../platform/money.js';
import { err, ok, type Result } from '../../platform/result.js';
import { parseInsuredPercentage, type IndemnityError } from './indemnity.js';

/*
 * Recoveries after indemnity (issue 14 point 4; P-be "allocation of recoveries": after the date of loss, recoveries
 * are shared in proportion to each party's share of the loss). Money the debtor pays once the insurer has paid the
 * indemnity is split between insurer and insured by the insured percentage.
 *
 * The rule, in integer minor units:
 *   - The insurer's share of everything recovered after indemnity so far is the insured percentage of that total,
 *     rounded HALF-EVEN to a minor unit, and never more than the indemnity it paid (the insurer recovers at most
 *     what it paid out; the rest belongs to the insured).
 *   - One recovery's insurer share is that cumulative share after it minus the cumulative share before it; the
 *     insured gets the rest of the recovery. The two parts add up to the recovery exactly, and however a sum
 *     arrives (in one payment or in many) the parties end with the same totals: no rounding drift.
 */

export interface RecoveryInput {
  /** The recovery being split, in minor units (> 0). */
  readonly amount: MinorUnits;
  /** Everything recovered on the case after indemnity before this recovery. */
  readonly recoveredBefore: MinorUnits;
  readonly insuredPercentage: Decimal.Value;
  /** The indemnity the insurer paid on the case. */
  readonly indemnityPaid: MinorUnits;
}

export interface RecoverySplit {
  readonly amount: MinorUnits;
  readonly insurerShare: MinorUnits;
  readonly insuredShare: MinorUnits;
  /** The insurer's share of all recoveries after indemnity, this one included. */
  readonly insurerTotal: MinorUnits;
}

function insurerShareOfTotal(total: MinorUnits, percentage: Decimal, indemnityPaid: MinorUnits): MinorUnits {
  const proportional = new Decimal(total).times(percentage).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber();
  return assertMinorUnits(Math.min(proportional, indemnityPaid));
}

function isNonNegativeAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

export function splitRecovery(input: RecoveryInput): Result<RecoverySplit, IndemnityError> {
  const amounts = [input.amount, input.recoveredBefore, input.indemnityPaid, input.amount + input.recoveredBefore];
  if (!amounts.every(isNonNegativeAmount)) {
    return err({ code: 'INVALID_AMOUNT', message: 'Recovery amounts must be non-negative whole minor units' });
  }
  const percentage = parseInsuredPercentage(input.insuredPercentage);
  if (!percentage.ok) return percentage;
  const before = insurerShareOfTotal(input.recoveredBefore, percentage.value, input.indemnityPaid);
  const after = insurerShareOfTotal(input.recoveredBefore + input.amount, percentage.value, input.indemnityPaid);
  const insurerShare = after - before;
  return ok({ amount: input.amount, insurerShare, insuredShare: input.amount - insurerShare, insurerTotal: after });
}
