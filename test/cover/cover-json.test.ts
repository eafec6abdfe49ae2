import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCover } from '../../src/cover/http/atradius-cover.js';
import { coverJson, coverListJsonBytes } from '../../src/cover/http/cover-json.js';
import type { RenderedVersion } from '../../src/cover/live-portfolio-page.js';
import { jsonListBytes } from '../../src/platform/http/json-bytes.js';

const version = (overrides: Partial<RenderedVersion> = {}): RenderedVersion => ({
  coverId: 40_000_001, customerId: 7, policyId: 9_000_001, buyerId: 20_000_001, buyerCountry: 'SE', buyerRegistryId: '5590000017',
  coverType: 'credit-limit', coverStatus: 'DECISION', decisionCode: 'DC01', neutralCode: 'APPROVED', historicCode: null,
  pendingProcess: null, pendingEffectiveDate: null, pendingAmount: null, pendingConditions: null, pendingPolicyId: null,
  customerRefNumber: null, currency: 'EUR', requestedAmount: 500_000, firstAmount: 500_000, secondAmount: 0, secondExpiryDate: null,
  conditions: [], effectFromDate: '2026-12-06', effectiveToDate: null, withdrawalDate: null, notes: null, previousCoverId: null,
  applicationDate: '2026-12-06T10:00:00.000Z', decisionDate: '2026-12-06T10:00:01.000Z', ...overrides,
});

const CONDITION = { code: 'PT60', type: 'PAYMENT_TERMS', category: 'Maximum payment terms', description: 'Cover applies to "60" days.\n' };
const ODD_TEXT = ['', 'plain text', 'quote " and \\ backslash', 'tab\tnew\nline\u0001', 'Åkesson & Söner AB', 'emoji 😀', 'lone \ud800 surrogate', '</script>', 'a/b'];

const text = fc.oneof(fc.constantFrom(...ODD_TEXT), fc.string(), fc.string({ unit: 'binary' }));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });

const versions: fc.Arbitrary<RenderedVersion> = fc.record({
  coverId: fc.integer({ min: 1, max: 2 ** 40 }), customerId: fc.integer({ min: 1, max: 2 ** 40 }), policyId: fc.integer({ min: 1, max: 2 ** 40 }),
  buyerId: fc.integer({ min: 1, max: 2 ** 40 }), buyerCountry: fc.constantFrom('SE', 'DE', 'XX', 'N"O'), buyerRegistryId: text,
  coverType: fc.constantFrom('credit-limit', 'credit-check', 'indication'), coverStatus: fc.constantFrom('REFERRED', 'DECISION'),
  decisionCode: maybe(fc.constantFrom('DC01', 'DC02', 'DC04', 'DC21', 'DC99', '', 'constructor')), neutralCode: fc.constantFrom('APPROVED', 'STILL_INVESTIGATING'),
  historicCode: maybe(fc.constantFrom('SCLD', 'WCLD')), pendingProcess: maybe(fc.constantFrom('B', 'C', 'F', 'P', 'R', 'T', 'V', 'W', 'Z', '', 'toString')),
  pendingEffectiveDate: maybe(fc.constantFrom('2027-01-05', 'x"y')), pendingAmount: maybe(amount),
  pendingConditions: maybe(fc.constantFrom([], [CONDITION])), pendingPolicyId: maybe(fc.integer({ min: 1, max: 2 ** 40 })),
  customerRefNumber: maybe(text), currency: fc.constantFrom('EUR', 'SEK', 'JPY', 'KWD'), requestedAmount: amount, firstAmount: amount,
  secondAmount: fc.oneof(fc.constant(0), amount), secondExpiryDate: maybe(fc.constant('2027-03-01')), conditions: fc.constantFrom([], [CONDITION]),
  effectFromDate: fc.constantFrom('2026-12-06', '2026-12-06 '), effectiveToDate: maybe(fc.constant('2027-12-06')), withdrawalDate: maybe(fc.constant('2027-01-05')),
  notes: maybe(text), previousCoverId: maybe(fc.integer({ min: 1, max: 2 ** 40 })),
  applicationDate: fc.constant('2026-12-06T10:00:00.000Z'), decisionDate: maybe(fc.constant('2026-12-06T10:00:01.123Z')),
}) as fc.Arbitrary<RenderedVersion>;

const buyers = fc.option(fc.record({ name: text, rating: fc.integer({ min: 1, max: 10 }) }), { nil: undefined });
const changeTypes = fc.constantFrom('NEW', 'UPDATED', 'PENDING', null);

describe('a cover written as JSON text (the live portfolio pages)', () => {
  it('is JSON.stringify(renderCover(…)) byte for byte, for any version, buyer and change type', () => {
    fc.assert(fc.property(versions, buyers, changeTypes, (row, buyer, changeType) => {
      expect(coverJson(row, buyer as never, changeType)).toBe(JSON.stringify(renderCover(row, buyer as never, changeType)));
    }), { numRuns: 2000 });
  });

  it('renders each pending process, a second amount and conditions as renderCover does', () => {
    const buyer = { name: 'Bench buyer 1', rating: 6 as const };
    for (const pendingProcess of ['B', 'C', 'F', 'P', 'R', 'T', 'V', 'W']) {
      const row = version({
        pendingProcess, pendingEffectiveDate: '2027-01-05', pendingAmount: 250_000, pendingConditions: [CONDITION], pendingPolicyId: 9_000_002,
        secondAmount: 100_000, secondExpiryDate: '2027-03-01', conditions: [CONDITION], currency: 'SEK', firstAmount: 123_456,
      });
      expect(coverJson(row, buyer, 'UPDATED')).toBe(JSON.stringify(renderCover(row, buyer, 'UPDATED')));
    }
  });

  it('writes a page as jsonListBytes does: the covers under data, then the meta', () => {
    const rows = [version(), version({ coverId: 40_000_002, coverStatus: 'REFERRED', decisionCode: null, notes: 'Ölund "AB"' })];
    const meta = { page: 2, pageSize: 100, totalItems: 101, totalPages: 2 };
    const covers = rows.map((row) => ({ version: row, buyer: { name: 'Bench buyer', rating: 2 as const }, changeType: 'NEW' as const }));
    const expected = jsonListBytes('data', covers.map((cover) => renderCover(cover.version, cover.buyer, cover.changeType)), { meta });
    expect(coverListJsonBytes(covers, meta).equals(expected)).toBe(true);
    expect(coverListJsonBytes([], meta).toString()).toBe(jsonListBytes('data', [], { meta }).toString());
  });
});
