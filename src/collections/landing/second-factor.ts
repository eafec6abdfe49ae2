/*
 * The second fact a visitor gives before the page shows personal data (collections.md §4): the invoice number (the
 * reference of a claim on the link's account, as the creditor's invoice carries it) or the debtor's postcode.
 * Answers are compared without case, spaces or dashes ("ab-12 3" = "AB123"). After MAX_SECOND_FACTOR_ATTEMPTS wrong
 * answers the link locks for good: a brute force gets that many guesses per link, and the creditor issues a new one.
 */

export const MAX_SECOND_FACTOR_ATTEMPTS = 5;

export interface SecondFactorFacts {
  /** Claim references the visitor may give as the invoice number. */
  invoiceNumbers: readonly string[];
  /** The debtor's postcode, when the debtor has one. */
  postcode: string | null;
}

export function normaliseAnswer(answer: string): string {
  return answer.normalize('NFKC').replace(/[\s\-_.]/g, '').toUpperCase();
}

export function answersSecondFactor(answer: string, facts: SecondFactorFacts): boolean {
  const given = normaliseAnswer(answer);
  if (given === '') return false;
  const accepted = [...facts.invoiceNumbers, ...(facts.postcode === null ? [] : [facts.postcode])].map(normaliseAnswer);
  return accepted.some((candidate) => candidate !== '' && candidate === given);
}

export interface AttemptState {
  failedAttempts: number;
  locked: boolean;
}

export type AttemptOutcome =
  | { kind: 'passed'; state: AttemptState }
  | { kind: 'wrong'; state: AttemptState; attemptsLeft: number }
  | { kind: 'locked'; state: AttemptState };

/** One answer given on a link: a locked link refuses even the right answer; the last wrong answer locks it. */
export function decideAttempt(state: AttemptState, right: boolean, maxAttempts = MAX_SECOND_FACTOR_ATTEMPTS): AttemptOutcome {
  if (state.locked || state.failedAttempts >= maxAttempts) return { kind: 'locked', state: { ...state, locked: true } };
  if (right) return { kind: 'passed', state };
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts >= maxAttempts) return { kind: 'locked', state: { failedAttempts, locked: true } };
  return { kind: 'wrong', state: { failedAttempts, locked: false }, attemptsLeft: maxAttempts - failedAttempts };
}
