import { addDays, compareDates, type BusinessDate } from '../../../platform/dates.js';
import type { MinorUnits } from '../../../platform/money.js';

/*
 * An instalment plan's payments and standing (spec #39, collections.md §5). Money paid toward the plan is spread
 * over the instalments in due-date order; an instalment still not fully paid the day after its due date is missed
 * (`instalment.missed`, once), and one still unpaid `graceDays` later breaks the plan.
 */

export type InstalmentStatus = 'CREATED' | 'STARTED' | 'RESOLVED' | 'INVALIDATED' | 'CANCELLED';

export interface PlanInstalment {
  id: string;
  dueDate: BusinessDate;
  startDate?: BusinessDate;
  amount: MinorUnits;
  paidAmount: MinorUnits;
  status: InstalmentStatus;
}

export type Standing = 'in_good_standing' | 'missed' | 'broken';

/** Spreads `paid` over the instalments in due-date order and sets each one's paidAmount and status (spec #39). */
export function allocatePayments<T extends PlanInstalment>(instalments: readonly T[], paid: MinorUnits, today: BusinessDate): T[] {
  let left = Math.max(0, paid);
  const order = instalments.map((instalment, position) => ({ instalment, position }))
    .sort((a, b) => compareDates(a.instalment.dueDate, b.instalment.dueDate) || a.position - b.position);
  const allocated = new Array<T>(instalments.length);
  for (const { instalment, position } of order) {
    const paidAmount = Math.min(left, instalment.amount);
    left -= paidAmount;
    allocated[position] = { ...instalment, paidAmount, status: statusOf(instalment, paidAmount, today) };
  }
  return allocated;
}

function statusOf(instalment: PlanInstalment, paidAmount: MinorUnits, today: BusinessDate): InstalmentStatus {
  if (instalment.status === 'CANCELLED' || instalment.status === 'INVALIDATED') return instalment.status;
  if (paidAmount >= instalment.amount) return 'RESOLVED';
  const started = instalment.startDate !== undefined && compareDates(instalment.startDate, today) <= 0;
  return paidAmount > 0 || started ? 'STARTED' : 'CREATED';
}

function unpaid(instalment: PlanInstalment): boolean {
  return instalment.paidAmount < instalment.amount && instalment.status !== 'CANCELLED' && instalment.status !== 'INVALIDATED';
}

export interface StandingReview {
  standing: Standing;
  /** Instalments missed now whose miss was not announced before. */
  newlyMissed: PlanInstalment[];
  /** Every instalment missed and still unpaid. */
  missed: PlanInstalment[];
  /** The next business date on which the standing can change without a payment (none when nothing is left unpaid). */
  nextReviewDate: BusinessDate | undefined;
  /** Every instalment is paid. */
  paidInFull: boolean;
}

/** Reviews a plan's standing on `today` (instalments already allocated), given the misses already announced. */
export function reviewStanding(
  instalments: readonly PlanInstalment[], today: BusinessDate, graceDays: number, announced: readonly string[],
): StandingReview {
  const open = instalments.filter(unpaid);
  const missed = open.filter((instalment) => compareDates(instalment.dueDate, today) < 0);
  const broken = missed.some((instalment) => compareDates(addDays(instalment.dueDate, graceDays), today) < 0);
  const candidates = open.flatMap((instalment) => {
    const missDay = addDays(instalment.dueDate, 1);
    const breakDay = addDays(instalment.dueDate, graceDays + 1);
    return [missDay, breakDay].filter((day) => compareDates(day, today) > 0);
  }).sort(compareDates);
  return {
    standing: broken ? 'broken' : missed.length > 0 ? 'missed' : 'in_good_standing',
    newlyMissed: missed.filter((instalment) => !announced.includes(instalment.id)),
    missed,
    nextReviewDate: broken ? undefined : candidates[0],
    paidInFull: open.length === 0 && instalments.length > 0,
  };
}
