import { describe, expect, it } from 'vitest';
import { formatCoverAmount, parseApplicationAmount } from '../../src/cover/domain/amounts.js';
import { actionAllowed, type CoverAction, type Position, positionOf } from '../../src/cover/domain/cover-state.js';
import { neutralCodeOf } from '../../src/cover/domain/codes.js';
import { underwrite, type UnderwritingInput } from '../../src/cover/domain/underwriting.js';

const input = (overrides: Partial<UnderwritingInput> = {}): UnderwritingInput => ({
  coverType: 'credit-limit', requested: 2_000_000, currency: 'EUR', rating: 4, buyerCountry: 'SE',
  policy: { autoDecisionMax: 5_000_000, allowedBuyerCountries: null }, openClaims: 0,
  toBase: (amount) => amount * 11.5, remainingCapacity: 100_000_000, scenario: null, ...overrides,
});

describe('cover underwriting (spec §5.10 on the risk book)', () => {
  it('decides by rating: ≤5 DC01, 6-7 DC04 at half, 8 DC02 with PT60, ≥9 DC03', () => {
    expect(underwrite(input({ rating: 5 }))).toMatchObject({ outcome: 'decided', code: 'DC01', first: 2_000_000 });
    expect(underwrite(input({ rating: 7 }))).toMatchObject({ code: 'DC04', first: 1_000_000 });
    expect(underwrite(input({ rating: 8 }))).toMatchObject({ code: 'DC02', first: 2_000_000, conditions: [{ code: 'PT60' }] });
    expect(underwrite(input({ rating: 9 }))).toMatchObject({ code: 'DC03', first: 0 });
  });

  it('refers above the automatic limit, when capacity would be exceeded and when the buyer has an open claim', () => {
    expect(underwrite(input({ requested: 5_100_000 }))).toEqual({ outcome: 'referred', reason: 'above_automatic_limit' });
    expect(underwrite(input({ remainingCapacity: 22_999_999 }))).toEqual({ outcome: 'referred', reason: 'capacity' });
    expect(underwrite(input({ remainingCapacity: 23_000_000 }))).toMatchObject({ code: 'DC01' });
    expect(underwrite(input({ openClaims: 1 }))).toEqual({ outcome: 'referred', reason: 'open_claims' });
  });

  it('answers a credit check yes or no, never referred; an indication ignores capacity', () => {
    expect(underwrite(input({ coverType: 'credit-check', rating: 6 }))).toMatchObject({ code: 'DC01' });
    expect(underwrite(input({ coverType: 'credit-check', rating: 7 }))).toMatchObject({ code: 'DC03', first: 0 });
    expect(underwrite(input({ coverType: 'credit-check', remainingCapacity: 0 }))).toMatchObject({ code: 'DC03' });
    expect(underwrite(input({ coverType: 'indication', remainingCapacity: 0, toBase: () => null }))).toMatchObject({ code: 'DC01' });
  });

  it('refuses buyers outside the policy\'s countries', () => {
    expect(underwrite(input({ policy: { autoDecisionMax: 5_000_000, allowedBuyerCountries: ['NO'] } }))).toMatchObject({ code: 'DC03' });
  });

  it('maps decisions to neutral EDIFACT responses', () => {
    expect([null, 'DC01', 'DC02', 'DC03', 'DC04', 'DC09', 'DC08'].map((code) => neutralCodeOf(code as never))).toEqual([
      'STILL_INVESTIGATING', 'APPROVED', 'CONDITIONAL', 'NOT_APPROVED', 'PARTLY_APPROVED', 'REDUCTION', 'CANCELLATION',
    ]);
  });
});

describe('cover amounts', () => {
  it('accepts positive multiples of 1000 as numbers or strings and renders numeric strings', () => {
    expect(parseApplicationAmount('150000', 'EUR')).toBe(15_000_000);
    expect(parseApplicationAmount(2000, 'EUR')).toBe(200_000);
    expect(parseApplicationAmount('2000.00', 'EUR')).toBe(200_000);
    for (const bad of ['0', '-1000', '1500', '1000.5', '', 'x', null, {}, 1e30]) expect(parseApplicationAmount(bad, 'EUR')).toBeNull();
    expect(formatCoverAmount(15_000_000, 'EUR')).toBe('150000');
    expect(formatCoverAmount(1_210_050, 'EUR')).toBe('12100.50');
    expect(formatCoverAmount(0, 'EUR')).toBe('0');
  });

  it('renders whole and fractional amounts of every exponent as the decimal text without a zero fraction', () => {
    const cases: [number, string, string][] = [
      [15_000_000, 'SEK', '150000'], [-500_000, 'EUR', '-5000'], [-1_210_050, 'EUR', '-12100.50'], [5, 'EUR', '0.05'], [-0, 'EUR', '0'],
      [1_500, 'JPY', '1500'], [-7, 'JPY', '-7'], [5_000_000, 'KWD', '5000'], [5_000_010, 'KWD', '5000.010'], [1, 'KWD', '0.001'],
      [Number.MAX_SAFE_INTEGER, 'EUR', '90071992547409.91'], [9_007_199_254_740_900, 'EUR', '90071992547409'],
    ];
    for (const [amount, currency, text] of cases) expect(formatCoverAmount(amount, currency), `${amount} ${currency}`).toBe(text);
    expect(() => formatCoverAmount(0.5, 'EUR')).toThrow();
  });
});

describe('cover position (spec §5.9)', () => {
  const facts = (overrides: Partial<Parameters<typeof positionOf>[0]>) => ({
    coverType: 'credit-limit' as const, coverStatus: 'DECISION' as const, historicCode: null, pendingProcess: null, granted: 100, ...overrides,
  });
  it('derives the position from a version', () => {
    expect(positionOf(facts({ coverStatus: 'REFERRED', granted: 0 }))).toBe('REFERRED');
    expect(positionOf(facts({}))).toBe('LIVE');
    expect(positionOf(facts({ granted: 0 }))).toBe('ZERO');
    expect(positionOf(facts({ pendingProcess: 'W' }))).toBe('LIVE_PENDING');
    expect(positionOf(facts({ historicCode: 'SCLD' }))).toBe('ENDED');
  });

  it('allows exactly the transitions of the table', () => {
    const allowed: Record<CoverAction, Position[]> = {
      supersede: ['LIVE', 'ZERO'], reduce: ['LIVE'], cancel: ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING'],
      'update-reference': ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING'], convert: ['LIVE'], decide: ['REFERRED'], 'insurer-notice': ['LIVE'],
      'postpone-notice': ['LIVE_PENDING'], 'revise-terms': ['LIVE'], transfer: ['REFERRED', 'LIVE', 'ZERO'], reactivate: ['ENDED'],
    };
    const positions: Position[] = ['REFERRED', 'LIVE', 'ZERO', 'LIVE_PENDING', 'ENDED'];
    for (const [action, yes] of Object.entries(allowed) as [CoverAction, Position[]][]) {
      for (const position of positions) expect(actionAllowed(action, position), `${action} from ${position}`).toBe(yes.includes(position));
    }
  });
});
