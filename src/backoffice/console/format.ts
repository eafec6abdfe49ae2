// How the console writes amounts, instants and waits: one place, so every screen reads alike.
import { formatDecimalAmount } from '../../platform/money.js';
import type { ConsoleTexts, Language } from './texts.js';

export function money(minor: number | null | undefined, currency: string): string {
  return minor === null || minor === undefined ? '' : `${formatDecimalAmount(minor, currency)} ${currency}`;
}

/** An instant in UTC, to the minute: staff in several countries read one time line. */
export function instant(at: Date | null | undefined): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
}

/** A duration as days, hours and minutes ("3 d 4 h"; "12 min" under an hour). */
export function duration(ms: number, language: Language): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} ${language === 'sv' ? 'dgr' : 'd'}${hours > 0 ? ` ${hours} h` : ''}`;
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

export interface Wait {
  waited: string;
  deadline: string;
  /** "5 d left", "overdue by 2 h", or the word for none. */
  remaining: string;
  overdue: boolean;
}

/** How long an item has waited since `since`, against `deadline` (none when the module sets none). */
export function waitOf(since: Date, deadline: Date | null, now: Date, t: ConsoleTexts, language: Language): Wait {
  const waited = duration(Math.max(0, now.getTime() - since.getTime()), language);
  if (!deadline) return { waited, deadline: t.time.none, remaining: '', overdue: false };
  const left = deadline.getTime() - now.getTime();
  return {
    waited, deadline: instant(deadline), overdue: left < 0,
    remaining: left < 0 ? `${t.time.overdueBy} ${duration(-left, language)}` : `${duration(left, language)} ${t.time.left}`,
  };
}
