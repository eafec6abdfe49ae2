import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: the purchase link's capability. Only its hash is stored. */
export function newPurchaseToken(): string {
  return randomBytes(32).toString('base64url');
}

export function isWellFormedToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function hashPurchaseToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
