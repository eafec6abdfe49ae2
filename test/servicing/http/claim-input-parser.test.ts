import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBaseClaimInput, parseFullClaimInput } from '../../../src/servicing/http/claim-input-parser.js';
import { baseClaimInputSchema, fullClaimInputSchema } from '../../../src/servicing/http/schemas.js';

/** Values that are valid for some claim fields and invalid for others, strings at the length limits included. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'EUR', 'eur', '2025-01-15', '2023-02-29', '0099-01-01', 'natural', 'legal', 'x'.repeat(500), 'x'.repeat(501), 'x'.repeat(10_001)),
  fc.string(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(1e13, 1e13 + 1, 0.5, -0, 2 ** 60), fc.boolean(), fc.constant(null),
  fc.constant([]), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
);

/** Mostly values a field accepts, sometimes anything. */
const fieldValue = (valid: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: anyValue, weight: 1 });
const text = fc.oneof(fc.string(), fc.constantFrom('', 'x'.repeat(10_000)));
const ref = fc.oneof(fc.string({ minLength: 1 }), fc.constant('x'.repeat(500)));
const amount = fc.oneof(fc.integer({ min: 0, max: 1e13 }), fc.constant(0));
const date = fc.constantFrom('2025-01-15', '2024-02-29', '1999-12-31');

/** An object with a random subset of the given fields, in random order, plus sometimes unknown keys. */
function objectWith(fields: Record<string, fc.Arbitrary<unknown>>, options: { unknownKeys: number } = { unknownKeys: 2 }) {
  const entries = Object.entries(fields).map(([key, value]) => fc.option(value.map((v) => [key, v] as const), { nil: undefined, freq: 2 }));
  const unknown = fc.array(fc.tuple(fc.constantFrom('extra', 'toString', 'constructor', 'hasOwnProperty', 'zz'), anyValue), { maxLength: options.unknownKeys });
  return fc.tuple(fc.tuple(...entries), unknown, fc.integer()).map(([pairs, extra, seed]) => {
    const present = [...pairs.filter((pair): pair is readonly [string, unknown] => pair !== undefined), ...extra];
    const rotated = present.length > 0 ? [...present.slice(seed % present.length), ...present.slice(0, seed % present.length)] : present;
    return Object.fromEntries(rotated);
  });
}

const contact = objectWith({
  country: fieldValue(text), city: fieldValue(text), postalCode: fieldValue(fc.oneof(text, fc.integer())), houseNumber: fieldValue(text),
  email: fieldValue(text), landLine: fieldValue(text), additionalContactInformation: fieldValue(fc.constant([{ email: 'a' }])),
});
const debtor = objectWith({
  debtorReference: fieldValue(ref), firstName: fieldValue(text), lastName: fieldValue(text), birthday: fieldValue(date),
  type: fieldValue(fc.constantFrom('natural', 'legal')), SSN: fieldValue(text), companyName: fieldValue(text), contactInformation: fieldValue(contact),
});
const claim = objectWith({
  amount: fieldValue(amount), currency: fieldValue(fc.constantFrom('EUR', 'SEK')), product: fieldValue(fc.constant({ productReference: 'P' })),
  portfolioReference: fieldValue(text), productReference: fieldValue(ref), creditorReference: fieldValue(text), totalFees: fieldValue(amount),
  currentDueDate: fieldValue(date), originalDueDate: fieldValue(date), scores: fieldValue(fc.constant([])), reason: fieldValue(text),
  paymentReference: fieldValue(text), accountNumber: fieldValue(fc.oneof(text, fc.integer())), accountReference: fieldValue(ref),
  meta: fieldValue(fc.dictionary(fc.string(), anyValue, { maxKeys: 3 })), fees: fieldValue(fc.constant([{ name: 'F', amount: 1 }])),
  linkGroupId: fieldValue(fc.constantFrom(null, '6f1c1a5e-8a3c-4c1e-9f7e-2a1b3c4d5e6f')), primaryDebtor: fieldValue(debtor),
  options: fieldValue(fc.oneof(fc.record({ forceAmountCheck: fc.boolean() }), fc.record({ forceAmountCheck: fc.boolean(), other: fc.integer() }))),
});

/** Claims whose fields are all of the kinds the fast parser decides (with invalid values now and then). */
const commonFields = {
  amount: fieldValue(amount), currency: fieldValue(fc.constantFrom('EUR', 'SEK')), portfolioReference: fieldValue(text),
  productReference: fieldValue(ref), totalFees: fieldValue(amount), currentDueDate: fieldValue(date), originalDueDate: fieldValue(date),
  accountReference: fieldValue(ref), meta: fieldValue(fc.dictionary(fc.string(), anyValue, { maxKeys: 3 })),
  linkGroupId: fieldValue(fc.constant(null)), primaryDebtor: fieldValue(debtor), options: fieldValue(fc.record({ forceAmountCheck: fc.boolean() })),
};
const commonClaim = objectWith(commonFields, { unknownKeys: 0 });

/** A claim item as the bench and most clients send it: every field the fast parser decides. */
const TYPICAL = {
  amount: 1000, currency: 'EUR', currentDueDate: '2025-01-15', originalDueDate: '2025-01-15', accountReference: 'ACC_1',
  primaryDebtor: { debtorReference: 'D1', firstName: 'A', lastName: 'B', contactInformation: { country: 'DE', email: 'd@example.com' }, extra: { x: 1 } },
  totalFees: 100, meta: { batch: 'b' }, linkGroupId: null, options: { forceAmountCheck: true },
};

describe.each([
  ['baseClaimInputSchema', parseBaseClaimInput, baseClaimInputSchema],
  ['fullClaimInputSchema', parseFullClaimInput, fullClaimInputSchema],
] as const)('the hand-written claim parser against %s', (_name, fast, schema) => {
  it('gives the schema\'s result, key order included, or leaves the item to the schema', () => {
    fc.assert(fc.property(fc.oneof(claim, commonClaim), (input) => {
      const decided = fast(input);
      const reference = schema.safeParse(input);
      if (decided === undefined) return;
      expect(reference.success).toBe(true);
      expect(JSON.stringify(decided)).toBe(JSON.stringify(reference.data));
    }), { numRuns: 5_000 });
  });

  it('decides a typical claim item itself', () => {
    const decided = fast(TYPICAL);
    expect(decided).toBeDefined();
    expect(JSON.stringify(decided)).toBe(JSON.stringify(schema.parse(TYPICAL)));
  });
});
