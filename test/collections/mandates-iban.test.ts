import fc from 'fast-check';
import { composeIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { checkMandate, validIban } from '../../src/collections/domain/mandates/mandate.js';

const KNOWN_VALID = [
  'DE89370400440532013000', 'GB82WEST12345698765432', 'NL91ABNA0417164300', 'SE4550000000058398257466', 'FR1420041010050500013M02606',
  'BE68539007547034', 'ES9121000418450200051332', 'IT60X0542811101000000123456', 'AT611904300234573201', 'CH9300762011623852957',
];

/** One digit of the IBAN (never of the country code) replaced by another digit. */
function corruptOneDigit(iban: string, position: number, shift: number): string {
  const digits = [...iban].map((char, index) => ({ char, index })).filter(({ char, index }) => index >= 2 && /\d/.test(char));
  const { char, index } = digits[position % digits.length]!;
  const replaced = String((Number(char) + 1 + (shift % 9)) % 10);
  return iban.slice(0, index) + replaced + iban.slice(index + 1);
}

const germanIban = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 })
  .map((digits) => composeIBAN({ countryCode: 'DE', bban: digits.join('') }) as string);
const anyValid = fc.oneof(fc.constantFrom(...KNOWN_VALID), germanIban);

describe('IBAN validation (ISO 13616 mod-97)', () => {
  it('accepts valid IBANs, also printed in groups and lower case', () => {
    fc.assert(fc.property(anyValid, (iban) => {
      expect(validIban(iban)).toBe(iban);
      expect(validIban(iban.toLowerCase().replace(/(.{4})/g, '$1 ').trim())).toBe(iban);
    }), { numRuns: 300 });
  });

  it('refuses every IBAN with one digit corrupted', () => {
    fc.assert(fc.property(anyValid, fc.nat(), fc.nat(), (iban, position, shift) => {
      const corrupted = corruptOneDigit(iban, position, shift);
      expect(corrupted).not.toBe(iban);
      expect(validIban(corrupted)).toBeUndefined();
    }), { numRuns: 500 });
  });

  it('refuses text that is no IBAN at all', () => {
    for (const text of ['', 'string', 'DE00', 'XX89370400440532013000', 'DE8937040044053201300']) expect(validIban(text)).toBeUndefined();
  });

  it('checks a bank mandate’s account number, not a card mandate’s representation', () => {
    const account = { debtorReferences: ['D1'], productReferences: ['P1'] };
    const base = { mandateId: 'M', accountReference: 'A', debtorReference: 'D1', productReferences: ['P1'] };
    const bank = (accountNumber: string) => checkMandate({ ...base, providerName: 'trustly', mandateRepresentation: { bankName: 'B', accountNumber } }, account);
    expect(bank('DE89 3704 0044 0532 0130 00').ok).toBe(true);
    expect(bank('DE89 3704 0044 0532 0130 01')).toMatchObject({ ok: false, error: { code: 'INVALID_IBAN' } });
    // The seed's get_account_mandates example: a trustly mandate showing the account number "string" (not an IBAN form).
    expect(bank('string').ok).toBe(true);
    expect(bank('XX00 1234 5678 9012 34')).toMatchObject({ ok: false, error: { code: 'INVALID_IBAN' } });
    const card = checkMandate({ ...base, providerName: 'ferratumCheckoutCreditCardV2', mandateRepresentation: { holderName: 'string', bankName: 'string', accountNumber: 'string' } }, account);
    expect(card.ok).toBe(true);
    expect(checkMandate({ ...base, providerName: 'trustly', debtorReference: 'D2' }, account)).toMatchObject({ ok: false, error: { code: 'DEBTOR_NOT_ON_ACCOUNT' } });
    expect(checkMandate({ ...base, providerName: 'trustly', productReferences: ['P9'] }, account)).toMatchObject({ ok: false, error: { code: 'PRODUCT_NOT_ON_ACCOUNT' } });
  });
});
