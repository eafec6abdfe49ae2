import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidRegistryId, luhnValid, normaliseRegistryId, withLuhnCheckDigit } from '../../src/risk/domain/identifiers.js';

const canonical = (country: string, raw: string): string | null => {
  const result = normaliseRegistryId(country, raw);
  return result.ok ? result.value.registryId : null;
};
const errorCode = (country: string, raw: string): string | null => {
  const result = normaliseRegistryId(country, raw);
  return result.ok ? null : result.error.code;
};

describe('Swedish organisation numbers', () => {
  it('accepts the seed identifiers', () => {
    for (const id of ['5591293013', '5567104046', '5567549125']) expect(canonical('SE', id)).toBe(id);
  });

  it('strips the hyphen, a 16 century prefix and surrounding spaces', () => {
    expect(canonical('SE', '556710-4046')).toBe('5567104046');
    expect(canonical('SE', '165567104046')).toBe('5567104046');
    expect(canonical('SE', '16556710-4046')).toBe('5567104046');
    expect(canonical('SE', '  5567104046 ')).toBe('5567104046');
  });

  it('refuses a wrong Luhn check digit', () => {
    expect(errorCode('SE', '5567104047')).toBe('invalid_check_digit');
    expect(errorCode('SE', '5567104045')).toBe('invalid_check_digit');
  });

  it('accepts sole traders personnummer and samordningsnummer, including the "+" separator', () => {
    expect(canonical('SE', '811228-9874')).toBe('8112289874');
    expect(canonical('SE', '19811228-9874')).toBe('8112289874');
    expect(canonical('SE', '811228+9874')).toBe('8112289874');
    expect(canonical('SE', '8112619872')).toBe('8112619872');
  });

  it('refuses numbers that are neither an organisation nor a personal number', () => {
    expect(errorCode('SE', '0000000000')).toBe('invalid_format');
    expect(errorCode('SE', '5513000009')).toBe('invalid_format');
    expect(errorCode('SE', '556710404')).toBe('invalid_format');
    expect(errorCode('SE', '55671040461')).toBe('invalid_format');
    expect(errorCode('SE', '5567l04046')).toBe('invalid_format');
    expect(errorCode('SE', '175567104046')).toBe('invalid_format');
  });

  it('implements Luhn', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it('accepts exactly one check digit for every 9-digit organisation prefix', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
      const prefix = `55${String(n).padStart(8, '0')}`.slice(0, 9).replace(/^(\d\d)[01]/, '$12');
      const valid = [...'0123456789'].filter((d) => isValidRegistryId('SE', prefix + d));
      expect(valid).toHaveLength(1);
    }));
  });
});

describe('Norwegian organisasjonsnummer', () => {
  it('accepts valid numbers, with spaces', () => {
    expect(canonical('NO', '923609016')).toBe('923609016');
    expect(canonical('NO', '923 609 016')).toBe('923609016');
    expect(canonical('NO', '923609040')).toBe('923609040');
  });

  it('refuses a wrong check digit and the remainder-1 case that has no check digit', () => {
    expect(errorCode('NO', '923609017')).toBe('invalid_check_digit');
    for (const d of '0123456789') expect(errorCode('NO', `92360913${d}`)).toBe('invalid_check_digit');
  });

  it('refuses wrong lengths', () => {
    expect(errorCode('NO', '92360901')).toBe('invalid_format');
    expect(errorCode('NO', '9236090160')).toBe('invalid_format');
  });
});

describe('Danish CVR', () => {
  it('accepts valid numbers', () => {
    expect(canonical('DK', '10150817')).toBe('10150817');
    expect(canonical('DK', '2425 6790')).toBe('24256790');
  });

  it('refuses a wrong check digit, a leading zero and wrong lengths', () => {
    expect(errorCode('DK', '10150818')).toBe('invalid_check_digit');
    expect(errorCode('DK', '01234567')).toBe('invalid_format');
    expect(errorCode('DK', '1015081')).toBe('invalid_format');
    expect(errorCode('DK', '101508170')).toBe('invalid_format');
  });
});

describe('Finnish Y-tunnus', () => {
  it('accepts valid numbers and normalises to NNNNNNN-N', () => {
    expect(canonical('FI', '0112038-9')).toBe('0112038-9');
    expect(canonical('FI', '01120389')).toBe('0112038-9');
    expect(canonical('FI', '112038-9')).toBe('0112038-9');
    expect(canonical('FI', '1120303-0')).toBe('1120303-0');
  });

  it('refuses a wrong check digit and the remainder-1 case', () => {
    expect(errorCode('FI', '0112038-8')).toBe('invalid_check_digit');
    for (const d of '0123456789') expect(errorCode('FI', `1120309-${d}`)).toBe('invalid_check_digit');
  });

  it('refuses other shapes', () => {
    expect(errorCode('FI', '1120389')).toBe('invalid_format');
    expect(errorCode('FI', '0112038-')).toBe('invalid_format');
    expect(errorCode('FI', '00112038-9')).toBe('invalid_format');
  });
});

describe('generic rule and country', () => {
  it('accepts 3 to 20 letters or digits after dropping separators', () => {
    expect(canonical('GB', '09446231')).toBe('09446231');
    expect(canonical('DE', 'hrb 12345')).toBe('HRB12345');
    expect(canonical('GB', 'abc')).toBe('ABC');
    expect(canonical('GB', 'A'.repeat(20))).toBe('A'.repeat(20));
  });

  it('refuses too short, too long and non-alphanumeric identifiers', () => {
    expect(errorCode('GB', 'ab')).toBe('invalid_format');
    expect(errorCode('GB', 'A'.repeat(21))).toBe('invalid_format');
    expect(errorCode('GB', 'AB#123')).toBe('invalid_format');
    expect(errorCode('GB', 'x'.repeat(65))).toBe('invalid_format');
  });

  it('refuses a blank identifier and a malformed country', () => {
    expect(errorCode('SE', '   ')).toBe('blank');
    expect(errorCode('se', '5567104046')).toBe('invalid_country');
    expect(errorCode('SWE', '5567104046')).toBe('invalid_country');
  });

  it('returns the country with the canonical id', () => {
    expect(normaliseRegistryId('SE', '556710-4046')).toEqual({ ok: true, value: { country: 'SE', registryId: '5567104046' } });
    expect(normaliseRegistryId('FI', '0112038-8')).toEqual({ ok: false, error: { code: 'invalid_check_digit', country: 'FI' } });
  });

  it('normalisation is idempotent for every country rule', () => {
    fc.assert(fc.property(fc.constantFrom('SE', 'NO', 'DK', 'FI', 'GB'), fc.stringMatching(/^[0-9A-Z -]{1,14}$/), (country, raw) => {
      const first = canonical(country, raw);
      if (first !== null) expect(canonical(country, first)).toBe(first);
    }));
  });
});

describe('withLuhnCheckDigit', () => {
  it('appends the one digit that makes the number Luhn-valid', () => {
    expect(withLuhnCheckDigit('556710404')).toBe('5567104046');
    fc.assert(fc.property(fc.stringMatching(/^[0-9]{9}$/), (body) => {
      const number = withLuhnCheckDigit(body);
      expect(number.slice(0, 9)).toBe(body);
      expect(luhnValid(number)).toBe(true);
      expect(luhnValid(`${body}${(Number(number[9]) + 1) % 10}`)).toBe(false);
    }), { numRuns: 500 });
  });
});
