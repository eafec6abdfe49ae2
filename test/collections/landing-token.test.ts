import { describe, expect, it } from 'vitest';
import { hashLandingToken, isWellFormedLandingToken, newLandingToken } from '../../src/collections/landing/token.js';

/*
 * Landing tokens come from a pool of random bytes refilled every 256 tokens: across refills every token is 192 bits
 * (32 base64url characters), well formed and never repeated.
 */
describe('landing tokens', () => {
  it('are well formed and distinct across the random pool\'s refills', () => {
    const tokens = Array.from({ length: 1000 }, () => newLandingToken());
    for (const token of tokens) {
      expect(isWellFormedLandingToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
    }
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are stored as their sha256', () => {
    expect(hashLandingToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
