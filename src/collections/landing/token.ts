import { createHash, randomBytes } from 'node:crypto';

/*
 * The landing page's link token and the debtor's session value: 192 random bits each, URL-safe (base64url, 32
 * characters). Only their sha256 is stored, so a read of the database opens no page.
 */

const TOKEN_BYTES = 24;
const WELL_FORMED = /^[A-Za-z0-9_-]{32}$/;

export function newLandingToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function isWellFormedLandingToken(token: string): boolean {
  return WELL_FORMED.test(token);
}

export function hashLandingToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** `<PUBLIC_BASE_URL>/c/<token>` (the base without its trailing slash). */
export function landingPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/c/${token}`;
}

/** Default life of a link (collections.md §4: 30 days). */
export const LANDING_LINK_LIFE_MS = 30 * 24 * 60 * 60 * 1000;

/** Life of a debtor's session after a right second-factor answer (never past the link's own end). */
export const LANDING_SESSION_LIFE_MS = 60 * 60 * 1000;
