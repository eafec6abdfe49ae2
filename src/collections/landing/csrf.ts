import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The page's CSRF token (synchroniser token bound to the session): HMAC-SHA256 of a fixed label keyed by the
 * session value in the debtor's HttpOnly cookie. Every form after the second factor carries it; a POST whose token
 * does not match its cookie's is refused. Another site can make a browser send the cookie (SameSite aside), but can
 * neither read the cookie nor the page that holds the token, so it cannot forge the field. Nothing is stored.
 */

export function csrfToken(sessionValue: string): string {
  return createHmac('sha256', sessionValue).update('tradecredit landing-page form').digest('base64url');
}

export function isValidCsrfToken(sessionValue: string | undefined, given: unknown): boolean {
  if (sessionValue === undefined || typeof given !== 'string' || given === '') return false;
  const expected = Buffer.from(csrfToken(sessionValue));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
