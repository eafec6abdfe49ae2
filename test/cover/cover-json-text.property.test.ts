// Property: coverJsonText writes exactly JSON.stringify(renderCover(...)) for any version a listing may render: every
// pending process and unknown ones, decided and referred, second amounts or none, conditions, decimal currencies,
// text outside ASCII (two-byte and astral characters, lone surrogates, quotes, backslashes and control characters),
// codes that are not in the code tables (and names of Object.prototype's members), instants as text or as Date.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECISION_CODES, PENDING_PROCESSES } from '../../src/cover/domain/codes.js';
import { renderCover } from '../../src/cover/http/atradius-cover.js';
import { coverJsonText, type RenderableVersion } from '../../src/cover/http/cover-json-text.js';

const text = fc.oneof(
  fc.string(), fc.string({ unit: 'binary' }),
  fc.constantFrom('Åbo Öl', '東京', '😀', '\ud800', 'a\udc00b', '"\\\n\u0000\u001f', '\u2028\u2029', '\u007f', 'P12345', ''),
);
const prototypeNames = fc.constantFrom('constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf');
const condition = fc.record({ code: text, type: text, category: text, description: text });
const minor = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constantFrom(0, 500_000, 100_000_000, 123_456_789_012), fc.integer({ min: 0, max: 2 ** 50 }));
const instant = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }),
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString()),
);
const id = fc.oneof(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), fc.constant(Number.NaN));

const version: fc.Arbitrary<RenderableVersion> = fc.record({
  coverId: id, customerId: id, policyId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), buyerId: id,
  buyerCountry: fc.oneof(fc.constantFrom('SE', 'DE', 'US', 'XX'), prototypeNames, text),
  buyerRegistryId: text,
  coverType: fc.oneof(fc.constantFrom('credit-limit', 'credit-check', 'indication'), text) as fc.Arbitrary<RenderableVersion['coverType']>,
  coverStatus: fc.constantFrom('REFERRED', 'DECISION') as fc.Arbitrary<RenderableVersion['coverStatus']>,
  decisionCode: fc.option(fc.oneof(fc.constantFrom(...Object.keys(DECISION_CODES), 'DC99', ''), prototypeNames, text)),
  neutralCode: text,
  historicCode: fc.option(text),
  pendingProcess: fc.option(fc.oneof(fc.constantFrom(...Object.keys(PENDING_PROCESSES), 'X', ''), prototypeNames, text)),
  pendingEffectiveDate: fc.option(text),
  pendingAmount: fc.option(minor),
  pendingConditions: fc.option(fc.array(condition, { maxLength: 3 })),
  pendingPolicyId: fc.option(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  customerRefNumber: fc.option(text),
  currency: fc.constantFrom('EUR', 'SEK', 'JPY', 'KWD', 'XXX'),
  requestedAmount: minor, firstAmount: minor, secondAmount: minor,
  secondExpiryDate: fc.option(text),
  conditions: fc.array(condition, { maxLength: 3 }),
  effectFromDate: text, effectiveToDate: fc.option(text), withdrawalDate: fc.option(text),
  notes: fc.option(text),
  previousCoverId: fc.option(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  applicationDate: instant,
  decisionDate: fc.option(instant),
});
type Buyer = { name: string; rating: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 };
const buyer = fc.option(fc.record({ name: text, rating: fc.integer({ min: 1, max: 10 }) }) as fc.Arbitrary<Buyer>, { nil: undefined });
const changeType = fc.constantFrom(null, 'NEW', 'UPDATED', 'PENDING') as fc.Arbitrary<'NEW' | 'UPDATED' | 'PENDING' | null>;

describe('coverJsonText', () => {
  it('writes the bytes of JSON.stringify(renderCover(...)) for random versions', () => {
    fc.assert(fc.property(version, buyer, changeType, (row, owner, change) => {
      expect(coverJsonText(row, owner, change)).toBe(JSON.stringify(renderCover(row, owner, change)));
    }), { numRuns: 3000 });
  });

  it('writes every pending process, decided with and without a second amount, and referred', () => {
    const base = fc.sample(version, { numRuns: 1, seed: 13 })[0]!;
    for (const pendingProcess of [...Object.keys(PENDING_PROCESSES), null]) {
      for (const [coverStatus, secondAmount] of [['DECISION', 0], ['DECISION', 250_000], ['REFERRED', 0]] as const) {
        const row: RenderableVersion = {
          ...base, pendingProcess, coverStatus, secondAmount, firstAmount: 500_000, requestedAmount: 750_000, currency: 'EUR',
          pendingAmount: 100_000, pendingPolicyId: 77, pendingConditions: [{ code: 'C1', type: 'T', category: 'Cat', description: 'Pay in "30" days' }],
          decisionCode: 'DC02', conditions: [{ code: 'C2', type: 'T', category: 'Cat', description: 'Ærø\n' }],
        };
        for (const owner of [undefined, { name: 'Bench "buyer"', rating: 4 } as Buyer]) {
          expect(coverJsonText(row, owner, 'UPDATED')).toBe(JSON.stringify(renderCover(row, owner, 'UPDATED')));
        }
      }
    }
  });

  it('leaves out a description or status the code tables do not have, as JSON.stringify leaves out undefined', () => {
    const base = fc.sample(version, { numRuns: 1, seed: 7 })[0]!;
    const row: RenderableVersion = { ...base, decisionCode: 'DC99', pendingProcess: 'X', buyerCountry: 'toString' };
    const written = coverJsonText(row, undefined, null);
    expect(written).toBe(JSON.stringify(renderCover(row, undefined, null)));
    expect(written).not.toContain('decisionTypeDescription');
    expect(written).not.toContain('pendingProcessStatus');
    expect(written).not.toContain('buyerCountryCode');
  });
});
