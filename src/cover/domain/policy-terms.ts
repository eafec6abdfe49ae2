import type { MinorUnits } from '../../platform/money.js';
import { type Result, err, ok } from '../../platform/result.js';
import type { CoverError } from './errors.js';

export interface PolicyTermsInput {
  readonly currency: string;
  readonly startDate: string;
  readonly expiryDate: string;
  readonly insuredPercentage: number;
  readonly discretionaryLimit: MinorUnits;
  readonly maxExtensionDays: number;
  readonly creditCheckAmount: MinorUnits;
  readonly autoDecisionMax: MinorUnits;
  readonly allowedBuyerCountries: readonly string[] | null;
}

/** Decision: the demo policy follows spec §5.10 (credit check 7 000, automatic decisions up to 50 000) in EUR. */
export function demoPolicyTerms(today: string, expiry: string): PolicyTermsInput {
  return {
    currency: 'EUR', startDate: today, expiryDate: expiry, insuredPercentage: 90, discretionaryLimit: 500_000,
    maxExtensionDays: 60, creditCheckAmount: 700_000, autoDecisionMax: 5_000_000, allowedBuyerCountries: null,
  };
}

/**
 * Decision: the second demo policy insures the SEK invoices Credable quotes (so a Credable claim on the demo tenant
 * opens a case): the EUR terms with every amount ten times larger (discretionary limit 50 000, credit check 70 000,
 * automatic decisions up to 500 000 SEK).
 */
export function demoSekPolicyTerms(today: string, expiry: string): PolicyTermsInput {
  return {
    ...demoPolicyTerms(today, expiry), currency: 'SEK', discretionaryLimit: 5_000_000, creditCheckAmount: 7_000_000, autoDecisionMax: 50_000_000,
  };
}

/** What staff may change on a live policy; its currency, start date and customer stay. */
export type PolicyChanges = Partial<Pick<PolicyTermsInput,
  'expiryDate' | 'insuredPercentage' | 'discretionaryLimit' | 'maxExtensionDays' | 'creditCheckAmount' | 'autoDecisionMax' | 'allowedBuyerCountries'>>;

/** Decision: staff-created policies default to the demo policy's terms, in the policy's own currency. */
export const STAFF_POLICY_DEFAULTS = { insuredPercentage: 90, discretionaryLimit: '5000', maxExtensionDays: 60, creditCheckAmount: '7000', autoDecisionMax: '50000' } as const;

export function checkPolicyTerms(terms: PolicyTermsInput, knownCurrencies: readonly string[]): Result<PolicyTermsInput, CoverError> {
  if (!knownCurrencies.includes(terms.currency)) return err({ code: 'INVALID_VALUE', field: 'currency', detail: `currency must be one of ${knownCurrencies.join(', ')}` });
  if (terms.expiryDate <= terms.startDate) return err({ code: 'INVALID_DATE', field: 'expiryDate' });
  if (terms.insuredPercentage < 1 || terms.insuredPercentage > 100) return err({ code: 'INVALID_VALUE', field: 'insuredPercentage', detail: 'insuredPercentage must be 1 to 100' });
  return ok(terms);
}
