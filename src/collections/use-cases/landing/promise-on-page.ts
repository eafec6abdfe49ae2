import { addDays, businessDateAt, isBusinessDate } from '../../../platform/dates.js';
import { MoneyError, parseDecimalAmount } from '../../../platform/money.js';
import type { Platform } from '../../../platform/services.js';
import type { PromiseBounds } from '../../domain/promises/promise.js';
import { readDebtorRecordSettings } from '../../store/debtor-settings.js';
import { createPromisesToPay } from '../promises/create-promises-to-pay.js';
import { withVerifiedSession } from './landing-link.js';
import { readLandingAccount } from './read-landing-account.js';

export interface PagePromiseInput {
  claimReference: string;
  /** As the debtor typed it: `150`, `150.5`, `150,50` (a comma or a point before the cents). */
  amount: string;
  dueDate: string;
}

export interface PromiseTerms {
  bounds: PromiseBounds;
  today: string;
  latest: string;
}

export type PagePromiseOutcome =
  | { kind: 'promised'; amount: number; currency: string; dueDate: string }
  | { kind: 'refused'; terms: PromiseTerms };

/** A typed amount in minor units, or undefined when it is not a plain positive decimal. */
export function typedAmount(text: string, currency: string): number | undefined {
  const compact = text.replace(/[\s\u00a0']/g, '');
  if (!/^\d{1,12}([.,]\d{1,2})?$/.test(compact)) return undefined;
  try {
    return parseDecimalAmount(compact.replace(',', '.'), currency);
  } catch (error) {
    if (error instanceof MoneyError) return undefined;
    throw error;
  }
}

/** The tenant's promise bounds as of today in the business time zone (the form's hints). */
export async function promiseTermsOnPage(platform: Platform, token: string, sessionValue: string | undefined): Promise<PromiseTerms | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow) => {
    const { promise: bounds } = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
    const today = businessDateAt(uow.now, platform.config.BUSINESS_TIME_ZONE);
    return { bounds, today, latest: addDays(today, bounds.maximumDaysAhead) };
  });
}

/**
 * The debtor promises to pay an open claim of the link's account by a date: the same create_promises_to_pay use case
 * as #30 (the tenant's bounds, a new promise replacing an open one). Null when the visitor has no session.
 */
export async function promiseOnPage(
  platform: Platform, token: string, sessionValue: string | undefined, input: PagePromiseInput,
): Promise<PagePromiseOutcome | null> {
  return withVerifiedSession(platform, token, sessionValue, async (uow, link) => {
    const timeZone = platform.config.BUSINESS_TIME_ZONE;
    const { promise: bounds } = await readDebtorRecordSettings(uow.tx, uow.tenant.id);
    const today = businessDateAt(uow.now, timeZone);
    const refused = { kind: 'refused' as const, terms: { bounds, today, latest: addDays(today, bounds.maximumDaysAhead) } };
    const claim = (await readLandingAccount(uow.tx, link))?.claims.find((candidate) => candidate.claimReference === input.claimReference);
    const amount = claim ? typedAmount(input.amount, claim.currency) : undefined;
    if (!claim || amount === undefined || !isBusinessDate(input.dueDate)) return refused;
    const request = { amount, currency: claim.currency, dueDate: input.dueDate };
    const results = await createPromisesToPay(uow, { timeZone }, { [claim.claimReference]: request });
    return results[claim.claimReference]?.success ? { kind: 'promised', ...request } : refused;
  });
}
