// The timers a live cover version can carry (spec §5.9 "Timers") and which of them is due. Pure: the caller passes the
// clock's instant and how a business date becomes an instant in the tenant's zone.
import { addDays, type BusinessDate } from '../../platform/dates.js';
import type { DecisionCode, PendingProcess } from './codes.js';

/** Spec §5.9 [X]: a preliminary decision (DC06/DC07) becomes final this many days after it was given. */
export const PRELIMINARY_TO_FINAL_DAYS = 14;

const FINAL_OF_PRELIMINARY = { DC06: 'DC04', DC07: 'DC03' } as const satisfies Partial<Record<DecisionCode, DecisionCode>>;
type PreliminaryCode = keyof typeof FINAL_OF_PRELIMINARY;

export function isPreliminary(code: string | null): code is PreliminaryCode {
  return code !== null && Object.hasOwn(FINAL_OF_PRELIMINARY, code);
}

/** Decision: with no other word from the underwriter, a preliminary decision stands as the final one of its kind. */
export function finalOfPreliminary(code: PreliminaryCode): DecisionCode {
  return FINAL_OF_PRELIMINARY[code];
}

export interface TimerFacts {
  readonly decisionCode: string | null;
  readonly decisionDate: Date | null;
  readonly secondAmount: number;
  readonly secondExpiryDate: BusinessDate | null;
  readonly pendingProcess: PendingProcess | null;
  readonly pendingEffectiveDate: BusinessDate | null;
}

/** A scheduled change takes effect on its date; the temporary part ends when its expiry date is over; a preliminary decision after 14 days. */
export type Timer = 'pending' | 'temporary-part' | 'preliminary';

/** The instant each of the version's timers falls due, in the order they are applied when several are. */
export function timersOf(facts: TimerFacts, startOfDay: (date: BusinessDate) => Date): { timer: Timer; at: Date }[] {
  const timers: { timer: Timer; at: Date }[] = [];
  if (facts.pendingProcess !== null && facts.pendingEffectiveDate !== null) timers.push({ timer: 'pending', at: startOfDay(facts.pendingEffectiveDate) });
  if (facts.secondAmount > 0 && facts.secondExpiryDate !== null) timers.push({ timer: 'temporary-part', at: startOfDay(addDays(facts.secondExpiryDate, 1)) });
  if (isPreliminary(facts.decisionCode) && facts.decisionDate !== null) {
    timers.push({ timer: 'preliminary', at: new Date(facts.decisionDate.getTime() + PRELIMINARY_TO_FINAL_DAYS * 86_400_000) });
  }
  return timers;
}

/** The version's next deadline (the sweep's `deadline_at`), or null when it has no timer. */
export function nextDeadline(facts: TimerFacts, startOfDay: (date: BusinessDate) => Date): Date | null {
  const times = timersOf(facts, startOfDay).map((entry) => entry.at.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/** The first timer due at `now`, or null. */
export function dueTimer(facts: TimerFacts, now: Date, startOfDay: (date: BusinessDate) => Date): Timer | null {
  return timersOf(facts, startOfDay).find((entry) => entry.at.getTime() <= now.getTime())?.timer ?? null;
}
