import { describe, expect, it } from 'vitest';
import { newQuoteId } from '../../../src/insurance/ids.js';

describe('newQuoteId', () => {
  it('is 14 base62 characters, like the seed’s ids, and never repeats', () => {
    const ids = Array.from({ length: 20_000 }, () => newQuoteId());
    for (const id of ids) expect(id).toMatch(/^[0-9A-Za-z]{14}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses every character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) for (const char of newQuoteId()) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const expected = (20_000 * 14) / 62;
    for (const count of counts.values()) expect(Math.abs(count - expected) / expected).toBeLessThan(0.1);
  });

  it('takes other lengths', () => {
    expect(newQuoteId(32)).toMatch(/^[0-9A-Za-z]{32}$/);
  });
});
