// Decision: the offer is valid for 24 h from the moment it was offered and expires at exactly offeredAt + 24 h (also
// in activation.pending); an activated cover settles automatically on the first business date after due + 30 days.
import { type BusinessDate, businessDateAt, compareDates } from '../../platform/dates.js';
import type { Product } from './products.js';
import { type QuoteState, type SystemEvent, claimWindowLastDay, transition } from './quote-state.js';

export interface TimerConfig {
  readonly offerValidityHours: number;
  readonly claimWindowDays: number;
  /** Business dates are read in this zone. */
  readonly timeZone: string;
}

export const DEFAULT_TIMER_CONFIG: TimerConfig = {
  offerValidityHours: 24,
  claimWindowDays: 30,
  timeZone: 'Europe/Stockholm',
};

export interface TimedQuote extends QuoteState {
  readonly product: Product;
  /** When the quote entered quote.offered; null before that. */
  readonly offeredAt: Date | null;
  readonly invoiceDueDate: BusinessDate;
}

export type Deadline =
  | { readonly kind: 'offer_validity'; readonly event: 'offer_expired'; readonly expiresAt: Date }
  | { readonly kind: 'claim_window'; readonly event: 'claim_window_closed'; readonly lastDay: BusinessDate };

const MS_PER_HOUR = 3_600_000;

export function offerExpiresAt(offeredAt: Date, config: TimerConfig = DEFAULT_TIMER_CONFIG): Date {
  return new Date(offeredAt.getTime() + config.offerValidityHours * MS_PER_HOUR);
}

/** The deadline running in the quote's current status, if any. */
export function deadlineFor(quote: TimedQuote, config: TimerConfig = DEFAULT_TIMER_CONFIG): Deadline | null {
  const awaitingActivation = quote.status === 'quote.offered' || quote.status === 'activation.pending';
  if (awaitingActivation && quote.offeredAt !== null) {
    return { kind: 'offer_validity', event: 'offer_expired', expiresAt: offerExpiresAt(quote.offeredAt, config) };
  }
  if (quote.status === 'cover.activated') {
    return {
      kind: 'claim_window', event: 'claim_window_closed',
      lastDay: claimWindowLastDay(quote.invoiceDueDate, config.claimWindowDays),
    };
  }
  return null;
}

export function hasPassed(deadline: Deadline, now: Date, config: TimerConfig = DEFAULT_TIMER_CONFIG): boolean {
  if (deadline.kind === 'offer_validity') return now.getTime() >= deadline.expiresAt.getTime();
  return compareDates(businessDateAt(now, config.timeZone), deadline.lastDay) > 0;
}

export interface TimerEvaluation<Q extends TimedQuote> {
  /** The quote as a read at `now` must show it. */
  readonly quote: Q;
  /** The timer event that fired, for the event log; null when nothing was due. */
  readonly fired: SystemEvent | null;
  readonly deadline: Deadline | null;
}

/** Lazily applies any timer that is due at `now`. Idempotent: evaluating the result again changes nothing. */
export function evaluateTimers<Q extends TimedQuote>(
  quote: Q,
  now: Date,
  config: TimerConfig = DEFAULT_TIMER_CONFIG,
): TimerEvaluation<Q> {
  const deadline = deadlineFor(quote, config);
  if (deadline === null || !hasPassed(deadline, now, config)) return { quote, fired: null, deadline };
  const next = transition(quote, deadline.event, {
    product: quote.product,
    sellerSigned: false,
    today: businessDateAt(now, config.timeZone),
    invoiceDueDate: quote.invoiceDueDate,
    claimWindowDays: config.claimWindowDays,
  });
  if (!next.ok) return { quote, fired: null, deadline };
  return { quote: { ...quote, ...next.value }, fired: deadline.event, deadline };
}
