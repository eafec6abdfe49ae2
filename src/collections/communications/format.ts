import { formatDecimalAmount } from '../../platform/money.js';
import { LOCALES, type Language } from './language.js';

/*
 * Amounts and dates as a reader of the language writes them (Intl). Amounts arrive in minor units and reach Intl as
 * an exact decimal string, never as a float.
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<Language, Intl.DateTimeFormat>();

/*
 * Formatted values, remembered: a batch of messages repeats a few due dates and amounts, and Intl takes a few
 * microseconds a value (a sweep's messages spent 4 % of its CPU here). Bounded; cleared when full.
 */
const MAX_FORMATTED = 10_000;
const formatted = new Map<string, string>();

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    if (formatted.size >= MAX_FORMATTED) formatted.clear();
    text = format();
    formatted.set(key, text);
  }
  return text;
}

export function formatMoney(minor: number, currency: string, language: Language): string {
  return remembered(`money:${language}:${currency}:${minor}`, () => {
    const key = `${language}:${currency}`;
    let format = moneyFormats.get(key);
    if (!format) {
      format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency });
      moneyFormats.set(key, format);
    }
    return format.format(formatDecimalAmount(minor, currency) as Intl.StringNumericLiteral);
  });
}

/** A calendar date `YYYY-MM-DD` in the language's long form: 5 March 2026, 5. März 2026, 5 mars 2026, 5 maart 2026. */
export function formatDate(date: string, language: Language): string {
  return remembered(`date:${language}:${date}`, () => {
    let format = dateFormats.get(language);
    if (!format) {
      format = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' });
      dateFormats.set(language, format);
    }
    return format.format(new Date(`${date}T00:00:00Z`));
  });
}
