// Decision: the representative's Swedish personal identity number is accepted as YYMMDD-NNNN, YYMMDD+NNNN (100 years
// or older), YYMMDDNNNN or YYYYMMDD[-]NNNN; samordningsnummer (day + 60) are accepted too. The birth date must be a
// real date and the last digit the Luhn check digit over the ten digits. Stored as 12 digits.
import { isBusinessDate } from '../../platform/dates.js';
import { luhnValid } from '../../risk/api.js';
import { type Result, err, ok } from '../../platform/result.js';

const TEN = /^(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/;
const TWELVE = /^(\d{2})(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

export type PersonnummerError = 'format' | 'date' | 'check_digit';

/** `today` (YYYY-MM-DD) decides the century of a ten-digit number, as the Swedish tax agency does. */
export function parsePersonnummer(input: string, today: string): Result<string, PersonnummerError> {
  const text = input.trim().replace(/\s/g, '');
  const twelve = TWELVE.exec(text);
  const ten = twelve ? null : TEN.exec(text);
  if (!twelve && !ten) return err('format');
  const [yy, mm, dd, last] = twelve ? [twelve[2], twelve[3], twelve[4], twelve[5]] : [ten![1], ten![2], ten![3], ten![5]];
  const century = twelve ? (twelve[1] as string) : centuryOf(yy as string, ten![4] === '+', today);
  const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
  if (!isBusinessDate(`${century}${yy}-${mm}-${String(day).padStart(2, '0')}`)) return err('date');
  if (!luhnValid(`${yy}${mm}${dd}${last}`)) return err('check_digit');
  return ok(`${century}${yy}${mm}${dd}${last}`);
}

function centuryOf(yy: string, hundredOrOlder: boolean, today: string): string {
  const currentYear = Number(today.slice(0, 4));
  let year = Math.floor(currentYear / 100) * 100 + Number(yy);
  if (year > currentYear) year -= 100;
  if (hundredOrOlder) year -= 100;
  return String(Math.floor(year / 100));
}
