import type { ClaimFacts } from '../strategy/document.js';

/*
 * The typed facts a strategy reads (ClaimFacts), from what servicing tells of a claim. Decisions where the Receeve
 * data says nothing: the debtor's language is `contactInformation.language` when sent, else the country's main
 * language (DE/AT/CH de, SE sv, NL/BE nl, else en); the time zone is `contactInformation.timeZone` when it names a
 * real zone, else the country's zone, else the tenant's business zone. An insured receivable is one whose claim
 * meta carries `policyReportingDeadline` (YYYY-MM-DD) or `insured: true` (§6).
 */

export interface ClaimRecord {
  claimReference: string;
  accountReference: string | null;
  currency: string;
  amount: number;
  totalFees: number;
  currentDueDate: string;
  debtor: Record<string, unknown> | null;
  meta: Record<string, unknown>;
  scores: Record<string, unknown>[];
}

const LANGUAGE_BY_COUNTRY: Record<string, string> = { DE: 'de', AT: 'de', CH: 'de', SE: 'sv', NL: 'nl', BE: 'nl' };
const ZONE_BY_COUNTRY: Record<string, string> = {
  DE: 'Europe/Berlin', AT: 'Europe/Vienna', CH: 'Europe/Zurich', SE: 'Europe/Stockholm', NL: 'Europe/Amsterdam', BE: 'Europe/Brussels',
  GB: 'Europe/London', IE: 'Europe/Dublin', FR: 'Europe/Paris', ES: 'Europe/Madrid', IT: 'Europe/Rome', DK: 'Europe/Copenhagen',
  NO: 'Europe/Oslo', FI: 'Europe/Helsinki', PL: 'Europe/Warsaw', US: 'America/New_York',
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function claimFactsOf(claim: ClaimRecord): ClaimFacts {
  const contact = (claim.debtor?.contactInformation ?? {}) as Record<string, unknown>;
  const country = text(contact.country)?.toUpperCase() ?? null;
  const ownZone = text(contact.timeZone);
  const outstanding = claim.amount + claim.totalFees;
  return {
    claimReference: claim.claimReference,
    accountReference: claim.accountReference ?? '',
    currency: claim.currency,
    amount: claim.amount,
    outstanding: Math.max(0, outstanding),
    dueDate: claim.currentDueDate,
    daysPastDue: 0,
    debtorCountry: country,
    debtorLanguage: text(contact.language)?.toLowerCase() ?? (country ? LANGUAGE_BY_COUNTRY[country] ?? 'en' : null),
    debtorTimeZone: ownZone !== undefined && isZone(ownZone) ? ownZone : (country ? ZONE_BY_COUNTRY[country] ?? null : null),
    hasEmail: text(contact.email) !== undefined,
    hasPhone: text(contact.mobileNumber) !== undefined,
    hasPostalAddress: text(contact.addressLine1) !== undefined && (text(contact.postalCode) !== undefined || typeof contact.postalCode === 'number'),
    scores: scoresOf(claim.scores),
    promise: 'none',
    instalmentPlan: 'none',
    disputeOpen: false,
    lastMessageOpened: false,
    insured: claim.meta.insured === true || insuranceOf(claim) !== undefined,
  };
}

/** Account scores `{type, score}` as `{type: score}`. */
function scoresOf(scores: readonly Record<string, unknown>[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const entry of scores) {
    const type = text(entry.type);
    const value = Number(entry.score);
    if (type !== undefined && Number.isFinite(value)) result[type] = value;
  }
  return result;
}

/** Days before the reporting deadline that `policy.deadline.approaching` is announced. */
export const POLICY_NOTICE_DAYS = 14;

/** §6: the insured claim's reporting deadline for a non-payment case, from its meta. */
export function insuranceOf(claim: Pick<ClaimRecord, 'meta'>): { reportingDeadline: string; noticeDays: number } | undefined {
  const deadline = text(claim.meta.policyReportingDeadline);
  return deadline !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(deadline) ? { reportingDeadline: deadline, noticeDays: POLICY_NOTICE_DAYS } : undefined;
}

/** The debtor the weekly contact cap counts for. */
export function debtorKeyOf(claim: Pick<ClaimRecord, 'accountReference' | 'debtor' | 'claimReference'>): string {
  const reference = text(claim.debtor?.debtorReference);
  return reference !== undefined ? `${claim.accountReference ?? ''}/${reference}` : `claim/${claim.claimReference}`;
}
