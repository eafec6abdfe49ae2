// How a Connect seller's language writes money and time, shared by the e-mails and the purchase pages. Decision:
// amounts are written the local way (sv: "145,00 kr", en: "SEK 145.00"); instants in the business time zone.
import { type MinorUnits, formatDecimalAmount } from '../../platform/money.js';
import type { BusinessDate } from '../../platform/dates.js';
import { CONNECT_LANGUAGES, type ConnectLanguage } from './connect-request.js';

const LOCALES: Record<ConnectLanguage, string> = { sv: 'sv-SE', en: 'en-GB' };

export function formatMoney(amount: MinorUnits, currency: string, language: ConnectLanguage): string {
  const decimal = formatDecimalAmount(amount, currency);
  if (language === 'sv') {
    const [whole, fraction] = decimal.split('.');
    const grouped = (whole ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
    const symbol = currency === 'SEK' ? 'kr' : currency;
    return `${grouped}${fraction ? `,${fraction}` : ''} ${symbol}`;
  }
  return `${currency} ${decimal.replace(/\B(?=(\d{3})+(?!\d)(?=\.|$))/g, ',')}`;
}

// Building an Intl.DateTimeFormat costs far more than formatting with one (a page of 50 rows would build 100), so each
// language and time zone gets one, kept for the process's life (a handful: two languages, the configured zones).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: ConnectLanguage, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withTime}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** A moment in time with its date and clock time, e.g. "2 maj 2018 kl. 12:00" / "2 May 2018 at 12:00". */
export function formatInstant(instant: Date, language: ConnectLanguage, timeZone: string): string {
  return formatter(language, timeZone, true).format(instant);
}

/** A calendar date, e.g. "6 november 2026" / "6 November 2026". */
export function formatDate(date: BusinessDate, language: ConnectLanguage): string {
  // A business date has no time zone of its own: read and write it as a UTC midnight so the day never shifts.
  return formatter(language, 'UTC', false).format(new Date(`${date}T00:00:00Z`));
}

/** The first language of an Accept-Language header we have texts for (by its weight), else English. */
export function preferredLanguage(acceptLanguage: string | undefined): ConnectLanguage {
  const ranked = (acceptLanguage ?? '').split(',').map((entry, index) => {
    const [tag = '', ...params] = entry.trim().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((q) => q !== undefined);
    return { primary: tag.split('-')[0]!.toLowerCase(), weight: weight === undefined ? 1 : Number(weight), index };
  }).filter((entry) => entry.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index);
  const known = ranked.find((entry) => (CONNECT_LANGUAGES as readonly string[]).includes(entry.primary));
  return (known?.primary as ConnectLanguage | undefined) ?? 'en';
}
