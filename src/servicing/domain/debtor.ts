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

export interface DebtorError {
  readonly code: 'INVALID_DEBTOR';
  readonly problems: readonly string[];
  readonly message: string;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;

/** Decides what, if anything, makes a debtor unacceptable (all problems at once). */
export function checkDebtor(debtor: Debtor): DebtorError | undefined {
  const problems = [...contactProblems(debtor), ...nameProblems(debtor)];
  if (problems.length === 0) return undefined;
  return { code: 'INVALID_DEBTOR', problems, message: `Invalid primaryDebtor: ${problems.join('; ')}` };
}

function contactProblems(debtor: Debtor): string[] {
  if (typeof debtor.contactInformation !== 'object' || debtor.contactInformation === null) {
    return ['contactInformation is required'];
  }
  const country = debtor.contactInformation.country;
  return typeof country === 'string' && COUNTRY_CODE.test(country)
    ? []
    : ['contactInformation.country must be an ISO 3166-1 alpha-2 code'];
}

function nameProblems(debtor: Debtor): string[] {
  const type = debtor.type ?? 'natural';
  if (type === 'legal') return present(debtor.companyName) ? [] : ['companyName is required for a legal debtor'];
  if (type !== 'natural') return [`type must be natural or legal, not ${String(type)}`];
  const missing = (['firstName', 'lastName'] as const).filter((field) => !present(debtor[field]));
  return missing.map((field) => `${field} is required for a natural debtor`);
}

function present(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}
