import { formatDecimalAmount, type MinorUnits } from '../../platform/money.js';
import { isIsoCalendarDate, type BusinessDate } from '../../platform/dates.js';

/*
 * How a letter writes amounts, dates and percentages in each language. Amounts are formatted from their integer
 * minor units (never through a float): English "SEK 12,100.00", Swedish "12 100,00 SEK" (no-break spaces between
 * digit groups, as Swedish typography has them). Dates: "1 July 2025" / "1 juli 2025".
 */

export type LetterLanguage = 'en' | 'sv';

export const LETTER_LANGUAGES: readonly LetterLanguage[] = ['en', 'sv'];

const NO_BREAK_SPACE = '\u00a0';

const MONTHS: Record<LetterLanguage, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  sv: ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'],
};

function groupDigits(digits: string, separator: string): string {
  let grouped = '';
  for (let index = 0; index < digits.length; index += 1) {
    if (index > 0 && (digits.length - index) % 3 === 0) grouped += separator;
    grouped += digits[index];
  }
  return grouped;
}

export function formatMoney(amount: MinorUnits, currency: string, language: LetterLanguage): string {
  const plain = formatDecimalAmount(amount, currency);
  const sign = plain.startsWith('-') ? '-' : '';
  const [whole = '0', fraction] = plain.replace('-', '').split('.');
  if (language === 'sv') {
    const number = groupDigits(whole, NO_BREAK_SPACE) + (fraction === undefined ? '' : `,${fraction}`);
    return `${sign}${number}${NO_BREAK_SPACE}${currency}`;
  }
  return `${sign}${currency}${NO_BREAK_SPACE}${groupDigits(whole, ',')}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function formatDate(date: BusinessDate, language: LetterLanguage): string {
  if (!isIsoCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date}`);
  const day = Number(date.slice(8, 10));
  const month = MONTHS[language][Number(date.slice(5, 7)) - 1];
  return `${day} ${month} ${date.slice(0, 4)}`;
}

/** A percentage given in percent as a decimal string ("90", "92.5"): "92.5%" / "92,5 %". */
export function formatPercent(percent: string, language: LetterLanguage): string {
  return language === 'sv' ? `${percent.replace('.', ',')}${NO_BREAK_SPACE}%` : `${percent}%`;
}

/**
 * The standard PDF fonts write Windows-1252 (WinAnsi). Every Swedish letter is in it; anything else a user typed
 * (a buyer name in Polish, a typographic minus) is reduced to its base letter where Unicode has one, else "?".
 */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '\u2212': '-', '\u202f': NO_BREAK_SPACE, '\u2009': ' ', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ı': 'i' };

export function toWinAnsi(text: string): string {
  let safe = '';
  for (const character of text) {
    safe += winAnsiCharacter(character);
  }
  return safe;
}

function winAnsiCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0x3f;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(character)) return character;
  if (character === '\n' || character === '\t') return ' ';
  const replacement = REPLACEMENTS[character];
  if (replacement !== undefined) return replacement;
  const base = character.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return base.length > 0 && [...base].every((part) => part.codePointAt(0)! >= 0x20 && part.codePointAt(0)! <= 0x7e) ? base : '?';
}
