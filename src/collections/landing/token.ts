import { createHash, randomFillSync } from 'node:crypto';

/*
 * The landing page's link token and the debtor's session value: 192 random bits each, URL-safe (base64url, 32
 * characters). Only their sha256 is stored, so a read of the database opens no page.
 */

const TOKEN_BYTES = 24;
const WELL_FORMED = /^[A-Za-z0-9_-]{32}$/;

/**
 * Random bytes for the next 256 tokens, drawn from the same CSPRNG in one call and each used once: a runs sweep issues
 * a link per message, and `randomBytes` per token was a call into OpenSSL and a new buffer each.
 */
const pool = Buffer.alloc(TOKEN_BYTES * 256);
let poolOffset = pool.length;

export function newLandingToken(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const token = pool.toString('base64url', poolOffset, poolOffset + TOKEN_BYTES);
  poolOffset += TOKEN_BYTES;
  return token;
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
