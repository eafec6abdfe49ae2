// Property: jsonListBytes gives exactly the UTF-8 bytes of JSON.stringify({ [key]: items, ...rest }), for lists
// shorter and longer than one piece, empty ones, and text outside ASCII (two-byte and astral characters, lone
// surrogates, control characters that JSON escapes).
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { jsonListBytes } from '../../src/platform/http/json-bytes.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('Åbo Öl', '東京', '😀', '\ud800', '"\\\n\u0000'));
const item = fc.oneof(
  fc.record({ coverId: fc.integer(), buyerName: fc.option(text), amount: fc.string(), nested: fc.array(fc.record({ code: text })) }),
  text,
  fc.integer(),
  fc.constant(null),
);
const rest = fc.option(fc.record({ meta: fc.record({ page: fc.nat(), totalItems: fc.nat(), after: fc.option(fc.nat()) }) }), { nil: undefined });

it('renders the same bytes as JSON.stringify of the whole answer', () => {
  fc.assert(fc.property(fc.array(item, { maxLength: 80 }), rest, (items, others) => {
    const expected = Buffer.from(JSON.stringify({ data: items, ...others }));
    expect(jsonListBytes('data', items, others).equals(expected)).toBe(true);
  }), { numRuns: 300 });
});

it('renders an empty list and one of exactly a piece and one more', () => {
  for (const length of [0, 1, 24, 25, 26, 50, 51, 100]) {
    const items = Array.from({ length }, (_, i) => ({ coverId: i, name: i % 2 ? 'Ærø' : 'plain' }));
    expect(jsonListBytes('data', items, { meta: { page: 1 } }).toString()).toBe(JSON.stringify({ data: items, meta: { page: 1 } }));
    expect(jsonListBytes('data', items).toString()).toBe(JSON.stringify({ data: items }));
  }
});
