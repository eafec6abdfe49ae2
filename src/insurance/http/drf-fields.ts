// Decision: each reader mirrors one DRF field class (CharField, ChoiceField, DecimalField, DateField, EmailField) in
// DRF's check order, so the first failing check decides the single error of a field. Decimals in exponent form are refused.
import { Decimal } from 'decimal.js';
import { type BusinessDate, isBusinessDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import { isEmailAddress } from '../domain/form-text.js';
import { DRF, type FieldError } from './drf-errors.js';

export type FieldResult<T> = Result<T, FieldError>;
export type Body = Readonly<Record<string, unknown>>;

export const MAX_STRING_LENGTH = 255;
const DRF_MAX_DECIMAL_INPUT = 1000;

/** Python's name for the JSON value's type, as DRF's "Expected a dictionary" message shows it. */
export function pythonTypeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}

export function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads `name` from the body: a missing required key is `required`, a missing optional key is `undefined`,
 * and `null` is refused (no field of these APIs allows null).
 */
export function readField<T>(
  body: Body,
  name: string,
  required: boolean,
  parse: (value: unknown) => FieldResult<T>,
): FieldResult<T | undefined> {
  if (!Object.hasOwn(body, name) || body[name] === undefined) return required ? err(DRF.required()) : ok(undefined);
  const value = body[name];
  if (value === null) return err(DRF.null());
  return parse(value);
}

/** DRF CharField: strings and numbers (not booleans) accepted, whitespace trimmed, blank refused, max length. */
export function parseChar(value: unknown, maxLength = MAX_STRING_LENGTH): FieldResult<string> {
  if (typeof value !== 'string' && typeof value !== 'number') return err(DRF.notAString());
  const text = String(value).trim();
  if (text === '') return err(DRF.blank());
  if (text.length > maxLength) return err(DRF.maxLength(maxLength));
  return ok(text);
}

/** DRF ChoiceField: exact (case-sensitive) match of the string form of the input. */
export function parseChoice<T extends string>(value: unknown, choices: ReadonlySet<string>): FieldResult<T> {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return choices.has(text) ? ok(text as T) : err(DRF.invalidChoice(text));
}

export interface DecimalRules {
  readonly maxDigits: number;
  readonly decimalPlaces: number;
  /** Exclusive lower bound, written as the message shows it (e.g. "1.0"). */
  readonly greaterThan?: string;
}

const PLAIN_DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;

/** DRF DecimalField: returns the canonical decimal text ("10010", "0.5"); counts digits like Python's Decimal. */
export function parseDecimal(value: unknown, rules: DecimalRules): FieldResult<string> {
  if (typeof value !== 'string' && typeof value !== 'number') return err(DRF.invalidNumber());
  const text = String(value).trim();
  if (text.length > DRF_MAX_DECIMAL_INPUT) return err(DRF.maxStringLength());
  if (!PLAIN_DECIMAL.test(text)) return err(DRF.invalidNumber());
  const precisionError = decimalPrecisionError(text, rules);
  if (precisionError) return err(precisionError);
  const decimal = new Decimal(text);
  if (rules.greaterThan !== undefined && !decimal.greaterThan(rules.greaterThan)) {
    return err(DRF.greaterThan(rules.greaterThan));
  }
  return ok(decimal.toFixed());
}

/** A decimal field's text as the client sent it (surrounding blanks removed), echoed where the seed echoes it. */
export function decimalAsSent(value: unknown): string {
  return String(value).trim();
}

/** DRF's validate_precision: total digits, then decimal places (trailing zeros count), then whole digits. */
function decimalPrecisionError(text: string, rules: DecimalRules): FieldError | null {
  const [whole = '', fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const significant = `${whole}${fraction}`.replace(/^0+/, '') || '0';
  const exponent = -fraction.length;
  let totalDigits: number;
  let decimalPlaces: number;
  if (exponent >= 0) {
    totalDigits = significant.length;
    decimalPlaces = 0;
  } else if (significant.length > fraction.length) {
    totalDigits = significant.length;
    decimalPlaces = fraction.length;
  } else {
    totalDigits = fraction.length;
    decimalPlaces = fraction.length;
  }
  const wholeDigits = totalDigits - decimalPlaces;
  if (totalDigits > rules.maxDigits) return DRF.maxDigits(rules.maxDigits);
  if (decimalPlaces > rules.decimalPlaces) return DRF.maxDecimalPlaces(rules.decimalPlaces);
  if (wholeDigits > rules.maxDigits - rules.decimalPlaces) return DRF.maxWholeDigits(rules.maxDigits - rules.decimalPlaces);
  return null;
}

/** DRF DateField with the ISO-8601 input format, restricted to `YYYY-MM-DD` and real calendar dates. */
export function parseDate(value: unknown): FieldResult<BusinessDate> {
  if (typeof value !== 'string') return err(DRF.invalidDate());
  const text = value.trim();
  return isBusinessDate(text) ? ok(text) : err(DRF.invalidDate());
}

/** DRF EmailField: a CharField plus Django's EmailValidator (dot-atom local part, dotted host name). */
export function parseEmail(value: unknown, maxLength = MAX_STRING_LENGTH): FieldResult<string> {
  const text = parseChar(value, maxLength);
  if (!text.ok) return text;
  return isEmailAddress(text.value) ? text : err(DRF.invalidEmail());
}
