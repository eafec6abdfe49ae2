// Decision: SE accepts 10 digits (optional "-" or "+" before the last four) or 12 digits with a 16/19/20 century
// prefix, normalised to 10 digits; digits 3-4 must be ≥ 20 (legal entity) or a valid month/day (sole trader's personnummer).
// Decision: other countries (generic rule) are normalised by dropping spaces, "-", "." and "/" and uppercasing.
import { type Result, err, ok } from '../../platform/result.js';

export type IdentifierError =
  | { readonly code: 'blank' }
  | { readonly code: 'invalid_country'; readonly country: string }
  | { readonly code: 'invalid_format'; readonly country: string; readonly expected: string }
  | { readonly code: 'invalid_check_digit'; readonly country: string };

export interface RegistryIdentifier {
  readonly country: string;
  /** Canonical form: SE `5567104046`, NO `923609016`, DK `10150817`, FI `0112038-9`, others uppercase alphanumerics. */
  readonly registryId: string;
}

const MAX_INPUT_LENGTH = 64;

/** Validates `raw` against the rule of `country` and returns its canonical form. */
export function normaliseRegistryId(country: string, raw: string): Result<RegistryIdentifier, IdentifierError> {
  if (!/^[A-Z]{2}$/.test(country)) return err({ code: 'invalid_country', country });
  const trimmed = raw.trim();
  if (trimmed === '') return err({ code: 'blank' });
  if (trimmed.length > MAX_INPUT_LENGTH) return err({ code: 'invalid_format', country, expected: RULES.generic.expected });
  const rule = RULES[country] ?? RULES.generic;
  const result = rule.normalise(trimmed, country);
  return result.ok ? ok({ country, registryId: result.value }) : result;
}

export function isValidRegistryId(country: string, raw: string): boolean {
  return normaliseRegistryId(country, raw).ok;
}

interface CountryRule {
  readonly expected: string;
  normalise(input: string, country: string): Result<string, IdentifierError>;
}

const RULES: Record<string, CountryRule> & { generic: CountryRule } = {
  SE: { expected: '10-digit organisation number (NNNNNN-NNNN)', normalise: normaliseSwedish },
  NO: { expected: '9-digit organisasjonsnummer', normalise: normaliseNorwegian },
  DK: { expected: '8-digit CVR number', normalise: normaliseDanish },
  FI: { expected: 'Y-tunnus NNNNNNN-N', normalise: normaliseFinnish },
  generic: { expected: '3 to 20 letters or digits', normalise: normaliseGeneric },
};

function formatError(country: string): Result<never, IdentifierError> {
  const rule = RULES[country] ?? RULES.generic;
  return err({ code: 'invalid_format', country, expected: rule.expected });
}

function checkDigitError(country: string): Result<never, IdentifierError> {
  return err({ code: 'invalid_check_digit', country });
}

function digitsOf(text: string): number[] {
  return [...text].map(Number);
}

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0);
}

// --- Sweden -------------------------------------------------------------------------------------------------

const SE_TEN_DIGITS = /^(\d{6})[-+]?(\d{4})$/;
const SE_TWELVE_DIGITS = /^(16|19|20)(\d{6})-?(\d{4})$/;

function normaliseSwedish(input: string, country: string): Result<string, IdentifierError> {
  const ten = SE_TEN_DIGITS.exec(input);
  const twelve = SE_TWELVE_DIGITS.exec(input);
  const digits = ten ? `${ten[1]}${ten[2]}` : twelve ? `${twelve[2]}${twelve[3]}` : null;
  if (digits === null || !isSwedishStructure(digits)) return formatError(country);
  return luhnValid(digits) ? ok(digits) : checkDigitError(country);
}

/** Organisations have a "month" of 20 or more; sole traders use a personnummer (month 01-12, day 01-31 or 61-91). */
function isSwedishStructure(digits: string): boolean {
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  if (month >= 20) return true;
  const validDay = (day >= 1 && day <= 31) || (day >= 61 && day <= 91);
  return month >= 1 && month <= 12 && validDay;
}

/** `body` followed by its Luhn check digit (Swedish organisation and personal numbers end in one). */
export function withLuhnCheckDigit(body: string): string {
  const digit = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].find((candidate) => luhnValid(`${body}${candidate}`));
  return `${body}${digit}`;
}

/** Luhn (mod 10) over all digits, the last one being the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  [...digits].reverse().forEach((char, index) => {
    const doubled = index % 2 === 1 ? Number(char) * 2 : Number(char);
    sum += doubled > 9 ? doubled - 9 : doubled;
  });
  return sum % 10 === 0;
}

// --- Norway --------------------------------------------------------------------------------------------------

const NO_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

function normaliseNorwegian(input: string, country: string): Result<string, IdentifierError> {
  const digits = input.replace(/\s+/g, '');
  if (!/^\d{9}$/.test(digits)) return formatError(country);
  const check = mod11CheckDigit(digitsOf(digits), NO_WEIGHTS);
  return check === Number(digits[8]) ? ok(digits) : checkDigitError(country);
}

/** 11 − (Σ weight·digit mod 11); 11 → 0; 10 → no valid check digit (null). */
function mod11CheckDigit(digits: readonly number[], weights: readonly number[]): number | null {
  const remainder = weightedSum(digits, weights) % 11;
  if (remainder === 0) return 0;
  return remainder === 1 ? null : 11 - remainder;
}

// --- Denmark -------------------------------------------------------------------------------------------------

const DK_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

function normaliseDanish(input: string, country: string): Result<string, IdentifierError> {
  const digits = input.replace(/\s+/g, '');
  if (!/^[1-9]\d{7}$/.test(digits)) return formatError(country);
  return weightedSum(digitsOf(digits), DK_WEIGHTS) % 11 === 0 ? ok(digits) : checkDigitError(country);
}

// --- Finland -------------------------------------------------------------------------------------------------

const FI_WEIGHTS = [7, 9, 10, 5, 8, 4, 2] as const;
const FI_FORMAT = /^(\d{6,7})-?(\d)$/;

function normaliseFinnish(input: string, country: string): Result<string, IdentifierError> {
  const match = FI_FORMAT.exec(input);
  if (!match || (match[1]?.length === 6 && !input.includes('-'))) return formatError(country);
  const body = (match[1] ?? '').padStart(7, '0');
  const check = mod11CheckDigit(digitsOf(body), FI_WEIGHTS);
  return check === Number(match[2]) ? ok(`${body}-${match[2]}`) : checkDigitError(country);
}

// --- Everyone else -------------------------------------------------------------------------------------------

function normaliseGeneric(input: string, country: string): Result<string, IdentifierError> {
  const compact = input.replace(/[\s\-./]+/g, '').toUpperCase();
  return /^[A-Z0-9]{3,20}$/.test(compact) ? ok(compact) : formatError(country);
}
