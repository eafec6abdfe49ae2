/** The first wait before a letter that failed to render is tried again; each further failure doubles it. */
export const FIRST_LETTER_RETRY_MS = 60_000;
/** The longest wait between two tries of one letter: a letter that keeps failing is still tried a few times a day. */
export const LONGEST_LETTER_RETRY_MS = 6 * 3_600_000;

/**
 * When a letter that has now failed to render `failures` times (1 after its first failure) is tried again: one minute
 * after the first failure, doubling with each further one up to six hours, so a letter that cannot be rendered (until
 * someone fixes its cause) costs a few renders a day instead of one every sweep pass, and never holds up the others.
 */
export function nextLetterRenderAt(failedAt: Date, failures: number): Date {
  const doublings = Math.min(Math.max(0, Math.trunc(failures) - 1), 30);
  const wait = Math.min(FIRST_LETTER_RETRY_MS * 2 ** doublings, LONGEST_LETTER_RETRY_MS);
  return new Date(failedAt.getTime() + wait);
}
