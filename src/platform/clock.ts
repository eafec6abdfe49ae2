/**
 * The only way code reads the time. Production tenants use the system clock; sandbox tenants run on a
 * test clock that is the system time shifted by an offset the integrator advances (Stripe test-clock style).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock shifted by a fixed offset from a base clock. */
export function offsetClock(base: Clock, offsetMs: number): Clock {
  if (offsetMs === 0) return base;
  return { now: () => new Date(base.now().getTime() + offsetMs) };
}

/** A clock that stands still until moved; for tests of time-dependent domain code. */
export class ManualClock implements Clock {
  #current: number;

  constructor(start: Date | string) {
    this.#current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#current);
  }

  advance(ms: number): void {
    this.#current += ms;
  }

  set(to: Date | string): void {
    this.#current = new Date(to).getTime();
  }
}

/** The calendar date (YYYY-MM-DD) of an instant in a business time zone. */
export function businessDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
