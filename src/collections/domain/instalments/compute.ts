import { Decimal } from 'decimal.js';
import { addDays, compareDates, type BusinessDate } from '../../../platform/dates.js';
import { addMinor, multiplyByRate, type MinorUnits, type RoundingRule } from '../../../platform/money.js';
import { err, ok, type Result } from '../../../platform/result.js';
import { debtorRecordError, type DebtorRecordError } from '../debtor-record-errors.js';
import { dueDateOf, type InstalmentInterval } from './schedule-dates.js';

/*
 * The instalment schedule of a programmatic plan, as a pure function with exact integer money (collections.md §5):
 * an optional fee or interest is added to the total, an optional down payment is due first, and the rest is split
 * into equal instalments with the remainder on the last, so the instalments always sum to the total. The count is
 * the largest one not above the definition's (or the debtor's chosen) count that keeps every regular instalment at
 * or above the minimum and the last due date within the maximum duration.
 */

/** What a plan costs on top of the balance: nothing, a flat fee, or a rate of the balance with an explicit rounding. */
export type InstalmentFeeRule =
  | { type: 'none' }
  | { type: 'flat'; amount: MinorUnits }
  | { type: 'percentage'; rate: string; rounding: RoundingRule };

export type DownPayment = { type: 'none' } | { type: 'amount'; amount: MinorUnits } | { type: 'percentage'; rate: string };

export interface ProgrammaticTerms {
  /** The most instalments (the down payment not counted). */
  instalments: number;
  interval: InstalmentInterval;
  minimumInstalment: MinorUnits;
  /** The last due date is at most this many days after the start. */
  maximumDurationDays: number;
  downPayment: DownPayment;
  fee: InstalmentFeeRule;
}

export interface ScheduledInstalment {
  /** 0-based position; the down payment, when there is one, is 0. */
  index: number;
  dueDate: BusinessDate;
  amount: MinorUnits;
  downPayment: boolean;
}

export interface InstalmentSchedule {
  principal: MinorUnits;
  fee: MinorUnits;
  /** principal + fee = Σ instalments. */
  totalAmount: MinorUnits;
  instalments: ScheduledInstalment[];
}

export interface ComputeInput {
  total: MinorUnits;
  startDate: BusinessDate;
  terms: ProgrammaticTerms;
  /** The debtor's choice of count (never above the terms' count). */
  requestedCount?: number;
}

/** The fee or interest a plan adds to `total`. */
export function planFee(total: MinorUnits, rule: InstalmentFeeRule): MinorUnits {
  switch (rule.type) {
    case 'none':
      return 0;
    case 'flat':
      return rule.amount;
    case 'percentage':
      return multiplyByRate(total, rule.rate, rule.rounding);
  }
}

function downPaymentAmount(grandTotal: MinorUnits, downPayment: DownPayment): MinorUnits {
  switch (downPayment.type) {
    case 'none':
      return 0;
    case 'amount':
      return Math.min(grandTotal, downPayment.amount);
    case 'percentage':
      return Math.min(grandTotal, multiplyByRate(grandTotal, downPayment.rate, 'down'));
  }
}

/** How many regular instalments fit: at most `wanted`, each ≥ minimum, the last within the duration; at least 1. */
function regularCount(rest: MinorUnits, wanted: number, terms: ProgrammaticTerms, firstRegular: number, startDate: BusinessDate): number {
  const lastAllowed = addDays(startDate, terms.maximumDurationDays);
  let count = Math.max(1, wanted);
  while (count > 1 && compareDates(dueDateOf(startDate, terms.interval, firstRegular + count - 1), lastAllowed) > 0) count -= 1;
  if (terms.minimumInstalment > 0) count = Math.max(1, Math.min(count, Math.floor(rest / terms.minimumInstalment)));
  return count;
}

/** Equal parts of `rest`, rounded down, the remainder on the last. */
function split(rest: MinorUnits, count: number): MinorUnits[] {
  const base = Math.floor(rest / count);
  return Array.from({ length: count }, (_, index) => (index === count - 1 ? rest - base * (count - 1) : base));
}

export function computeInstalmentPlan(input: ComputeInput): Result<InstalmentSchedule, DebtorRecordError> {
  const { total, startDate, terms } = input;
  if (!Number.isSafeInteger(total) || total <= 0) return err(debtorRecordError('NOTHING_TO_PAY', 'There is no outstanding balance to split into instalments'));
  const fee = planFee(total, terms.fee);
  const totalAmount = addMinor(total, fee);
  const down = downPaymentAmount(totalAmount, terms.downPayment);
  const rest = totalAmount - down;
  const instalments: ScheduledInstalment[] = [];
  if (down > 0) instalments.push({ index: 0, dueDate: startDate, amount: down, downPayment: true });
  if (rest > 0) {
    const wanted = Math.min(terms.instalments, input.requestedCount ?? terms.instalments);
    const first = instalments.length;
    const amounts = split(rest, regularCount(rest, wanted, terms, first, startDate));
    amounts.forEach((amount, offset) => instalments.push({
      index: first + offset, dueDate: dueDateOf(startDate, terms.interval, first + offset), amount, downPayment: false,
    }));
  }
  return ok({ principal: total, fee, totalAmount, instalments });
}

/** Amounts that are parts of `total` given as percentages (rounded down, the remainder on the last). */
export function amountsFromPercentages(total: MinorUnits, percentages: readonly number[]): MinorUnits[] {
  const amounts = percentages.map((percentage) => multiplyByRate(total, new Decimal(percentage).dividedBy(100), 'down'));
  const allButLast = amounts.slice(0, -1).reduce((sum, amount) => sum + amount, 0);
  return [...amounts.slice(0, -1), total - allButLast];
}

/** Fixed amounts adjusted so that they sum to `total`: the last takes the difference (spec #37), never below 0. */
export function amountsAdjustedToTotal(total: MinorUnits, amounts: readonly MinorUnits[]): MinorUnits[] {
  const kept: MinorUnits[] = [];
  let left = total;
  for (const amount of amounts.slice(0, -1)) {
    const taken = Math.min(left, amount);
    if (taken > 0) kept.push(taken);
    left -= taken;
  }
  if (left > 0 || kept.length === 0) kept.push(left);
  return kept;
}
