// The seller dashboard's limits and the pure rules of its links and sessions. Decisions: a link lives 15 minutes and
// works once; a session ends after 30 minutes without a request and 12 hours after it began, whichever comes first;
// an address may ask for 5 links an hour (known or not, so the limit tells nothing); one address reaches at most 5
// sellers (one link e-mailed for each).
export const LINK_LIFETIME_MS = 15 * 60_000;
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** A session's last activity is written at most once a minute (a page view is otherwise a read). */
export const TOUCH_INTERVAL_MS = 60_000;
export const REQUESTS_PER_ADDRESS = 5;
export const REQUEST_WINDOW_MS = 3_600_000;
export const MAX_SELLERS_PER_ADDRESS = 5;
/** The longest address accepted (RFC 5321's path limit). */
export const MAX_EMAIL_LENGTH = 254;
/** How many insured invoices a page lists. */
export const MAX_COVERS_LISTED = 200;

/** The form's address as compared: trimmed and lower-cased; null when it is not an address. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length === 0 || email.length > MAX_EMAIL_LENGTH) return null;
  return /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/.test(email) ? email : null;
}

export type LinkState = 'valid' | 'used' | 'expired';

export function linkState(link: { usedAt: Date | null; expiresAt: Date }, now: Date): LinkState {
  if (link.usedAt !== null) return 'used';
  return now.getTime() >= link.expiresAt.getTime() ? 'expired' : 'valid';
}

export function sessionIsOpen(session: { endedAt: Date | null; lastSeenAt: Date; expiresAt: Date }, now: Date): boolean {
  if (session.endedAt !== null) return false;
  if (now.getTime() >= session.expiresAt.getTime()) return false;
  return now.getTime() < session.lastSeenAt.getTime() + IDLE_TIMEOUT_MS;
}

export function sessionNeedsTouch(session: { lastSeenAt: Date }, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS;
}
