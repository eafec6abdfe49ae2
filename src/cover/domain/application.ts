import type { MinorUnits } from '../../platform/money.js';
import { isIsoCalendarDate } from '../../platform/dates.js';
import { type Result, err, ok } from '../../platform/result.js';
import { parseApplicationAmount } from './amounts.js';
import type { CoverType } from './codes.js';
import type { CoverError } from './errors.js';

/** An application as the wire gives it (amount as number or string, dates as text). */
export interface ApplicationInput {
  readonly coverType: CoverType;
  readonly currencyCode?: string | undefined;
  readonly creditLimitAmount?: unknown;
  readonly effectFromDate?: string | undefined;
  readonly customerRefNumber?: string | undefined;
}

export interface CheckedApplication {
  readonly coverType: CoverType;
  readonly requested: MinorUnits;
  readonly currency: string;
  readonly effectFromDate: string;
  readonly customerRefNumber: string | null;
}

export interface PolicyTerms {
  readonly currency: string;
  readonly creditCheckAmount: MinorUnits;
}

/** Spec §5.3: amount > 0 and ×1000 in the policy currency; a credit check omits both and takes the policy's amount. */
export function checkApplication(input: ApplicationInput, policy: PolicyTerms, today: string): Result<CheckedApplication, CoverError> {
  const date = checkEffectFromDate(input.effectFromDate, today);
  if (!date.ok) return date;
  const reference = input.customerRefNumber ?? null;
  if (input.coverType === 'credit-check') {
    if (input.creditLimitAmount !== undefined && input.creditLimitAmount !== '' && input.creditLimitAmount !== null) {
      return err({ code: 'INVALID_VALUE', field: 'creditLimitAmount', detail: 'creditLimitAmount must be omitted for a credit-check' });
    }
    return ok({ coverType: 'credit-check', requested: policy.creditCheckAmount, currency: policy.currency, effectFromDate: date.value, customerRefNumber: reference });
  }
  if (input.currencyCode === undefined) return err({ code: 'REQUIRED', field: 'currencyCode' });
  if (input.currencyCode !== policy.currency) return err({ code: 'CURRENCY_NOT_ALLOWED', currency: input.currencyCode });
  if (input.creditLimitAmount === undefined || input.creditLimitAmount === null) return err({ code: 'REQUIRED', field: 'creditLimitAmount' });
  const requested = parseApplicationAmount(input.creditLimitAmount, policy.currency);
  if (requested === null) return err({ code: 'INVALID_AMOUNT', field: 'creditLimitAmount' });
  return ok({ coverType: input.coverType, requested, currency: policy.currency, effectFromDate: date.value, customerRefNumber: reference });
}

/** `effectFromDate` is today or later; without one the cover starts today. */
export function checkEffectFromDate(value: string | undefined, today: string): Result<string, CoverError> {
  if (value === undefined) return ok(today);
  if (!isIsoCalendarDate(value) || value < today) return err({ code: 'INVALID_DATE', field: 'effectFromDate' });
  return ok(value);
}
