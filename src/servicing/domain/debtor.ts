import type { DebtorError } from './errors.js';
/*
 * Debtor rules enforced wherever a Debtor is written (spec §6.2 Debtor, A31): contactInformation with an ISO
 * country code; a natural person (the default type) needs firstName and lastName, a legal one companyName.
 */

/** The wire `Debtor`; fields this domain does not interpret are carried through unchanged. */
export interface Debtor {
  readonly debtorReference?: string;
  readonly type?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  readonly companyName?: string;
  readonly contactInformation?: { readonly country?: string; readonly [field: string]: unknown };
  readonly [field: string]: unknown;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;
/** No problems (shared: most debtors have none, and a batch checks a thousand). */
const NONE: readonly string[] = Object.freeze([]);
const NATURAL_NAME_FIELDS = ['firstName', 'lastName'] as const;

/** Decides what, if anything, makes a debtor unacceptable (all problems at once). */
export function checkDebtor(debtor: Debtor): DebtorError | undefined {
  const contact = contactProblems(debtor);
  const names = nameProblems(debtor);
  if (contact === NONE && names === NONE) return undefined;
  const problems = [...contact, ...names];
  return { code: 'INVALID_DEBTOR', problems, message: `Invalid primaryDebtor: ${problems.join('; ')}` };
}

function contactProblems(debtor: Debtor): readonly string[] {
  if (typeof debtor.contactInformation !== 'object' || debtor.contactInformation === null) {
    return ['contactInformation is required'];
  }
  const country = debtor.contactInformation.country;
  return typeof country === 'string' && COUNTRY_CODE.test(country)
    ? NONE
    : ['contactInformation.country must be an ISO 3166-1 alpha-2 code'];
}

function nameProblems(debtor: Debtor): readonly string[] {
  const type = debtor.type ?? 'natural';
  if (type === 'legal') return present(debtor.companyName) ? NONE : ['companyName is required for a legal debtor'];
  if (type !== 'natural') return [`type must be natural or legal, not ${String(type)}`];
  if (present(debtor.firstName) && present(debtor.lastName)) return NONE;
  const missing = NATURAL_NAME_FIELDS.filter((field) => !present(debtor[field]));
  return missing.map((field) => `${field} is required for a natural debtor`);
}

function present(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}
