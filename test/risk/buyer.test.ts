import { describe, expect, it } from 'vitest';
import { buyerKey, createBuyer, findBuyer, indexBuyers } from '../../src/risk/domain/buyer.js';
import { DEMO_BUYERS } from '../../src/risk/domain/demo-buyers.js';

describe('buyer', () => {
  it('creates a normalised buyer', () => {
    const result = createBuyer({ country: 'SE', registryId: '556710-4046', name: '  Exempel AB ', rating: 4 });
    expect(result).toEqual({ ok: true, value: { country: 'SE', registryId: '5567104046', name: 'Exempel AB', rating: 4 } });
  });

  it('reports every problem at once', () => {
    const result = createBuyer({ country: 'SE', registryId: '5567104047', name: ' ', rating: 11 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => `${e.field}:${e.error.code}`)).toEqual([
      'registry_id:invalid_check_digit', 'name:blank', 'rating:invalid_rating',
    ]);
  });

  it('limits names to 255 characters', () => {
    expect(createBuyer({ country: 'GB', registryId: 'ABC', name: 'n'.repeat(255), rating: 1 }).ok).toBe(true);
    const tooLong = createBuyer({ country: 'GB', registryId: 'ABC', name: 'n'.repeat(256), rating: 1 });
    expect(tooLong.ok ? [] : tooLong.error).toEqual([{ field: 'name', error: { code: 'too_long' } }]);
  });

  it('refuses ratings outside 1..10 and non-integers', () => {
    for (const rating of [0, 11, 2.5, '3', null]) {
      expect(createBuyer({ country: 'GB', registryId: 'ABC', name: 'X', rating }).ok).toBe(false);
    }
    for (const rating of [1, 10]) expect(createBuyer({ country: 'GB', registryId: 'ABC', name: 'X', rating }).ok).toBe(true);
  });

  it('finds a buyer by any accepted spelling of its identifier', () => {
    const index = indexBuyers(DEMO_BUYERS);
    expect(findBuyer(index, 'SE', '556710-4046')?.rating).toBe(4);
    expect(findBuyer(index, 'FI', '23456780')?.country).toBe('FI');
    expect(findBuyer(index, 'SE', '5567104047')).toBeNull();
    expect(findBuyer(index, 'NO', '5567104046')).toBeNull();
    expect(buyerKey('SE', '5567104046')).toBe('SE:5567104046');
  });

  it('lets a later entry replace an earlier one', () => {
    const first = { country: 'SE', registryId: '5567104046', name: 'Old', rating: 4 } as const;
    const index = indexBuyers([first, { ...first, name: 'New', rating: 5 }]);
    expect(index.size).toBe(1);
    expect(findBuyer(index, 'SE', '5567104046')?.name).toBe('New');
  });
});

describe('demo buyers', () => {
  it('has about ten buyers, each valid and already canonical, with unique keys', () => {
    expect(DEMO_BUYERS.length).toBeGreaterThanOrEqual(8);
    for (const buyer of DEMO_BUYERS) expect(createBuyer(buyer)).toEqual({ ok: true, value: buyer });
    expect(indexBuyers(DEMO_BUYERS).size).toBe(DEMO_BUYERS.length);
  });

  it('includes the seed buyer and sellers', () => {
    const keys = DEMO_BUYERS.map((b) => buyerKey(b.country, b.registryId));
    expect(keys).toEqual(expect.arrayContaining(['SE:5567104046', 'SE:5591293013', 'SE:5567549125']));
  });
});
