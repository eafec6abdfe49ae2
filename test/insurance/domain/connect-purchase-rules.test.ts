import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePersonnummer } from '../../../src/insurance/domain/personnummer.js';
import { validateKycForm, validateSignatureForm } from '../../../src/insurance/domain/connect-kyc.js';
import {
  connectDeadline, coverWindow, dueConnectTimer, flagsOf, holdsConnectExposure, purchaseExpiresAt,
} from '../../../src/insurance/domain/connect-state.js';
import { luhnValid } from '../../../src/risk/domain/identifiers.js';

const TODAY = '2026-11-21';
const RULES = { claimWindowDays: 30, timeZone: 'Europe/Stockholm' };

describe('personnummer', () => {
  it('accepts the ten- and twelve-digit forms, with or without separator, and stores twelve digits', () => {
    for (const input of ['811218-9876', '8112189876', '19811218-9876', '198112189876', ' 19811218 9876 ']) {
      expect(parsePersonnummer(input, TODAY), input).toEqual({ ok: true, value: '198112189876' });
    }
  });

  it('decides the century of a ten-digit number from today, and + means 100 years or older', () => {
    const check = (base: string) => `${base}${[...'0123456789'].find((d) => luhnValid(`${base}${d}`))}`;
    const young = check('101010123');
    expect(parsePersonnummer(`${young.slice(0, 6)}-${young.slice(6)}`, TODAY)).toEqual({ ok: true, value: `20${young}` });
    expect(parsePersonnummer(`${young.slice(0, 6)}+${young.slice(6)}`, TODAY)).toEqual({ ok: true, value: `19${young}` });
  });

  it('accepts samordningsnummer (day + 60) and refuses impossible dates, wrong check digits and other shapes', () => {
    const coordination = `811278987${[...'0123456789'].find((d) => luhnValid(`811278987${d}`))}`;
    expect(parsePersonnummer(coordination, TODAY).ok).toBe(true);
    expect(parsePersonnummer('19811218-9875', TODAY)).toEqual({ ok: false, error: 'check_digit' });
    const feb30 = `810230123${[...'0123456789'].find((d) => luhnValid(`810230123${d}`))}`;
    expect(parsePersonnummer(feb30, TODAY)).toEqual({ ok: false, error: 'date' });
    for (const bad of ['', '81121-89876', 'abcdefghij', '1981121898761', '19811218+9876']) {
      expect(parsePersonnummer(bad, TODAY), bad).toEqual({ ok: false, error: 'format' });
    }
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (text) => {
      parsePersonnummer(text, TODAY);
    }));
  });
});

describe('identity and signature forms', () => {
  const kyc = { representative_name: 'Hanna Credable', personal_number: '811218-9876', email: 'hanna@credable.se', authority: 'yes' };

  it('accepts a complete form and names every missing or wrong field', () => {
    expect(validateKycForm(kyc, TODAY)).toEqual({ ok: true, value: { representativeName: 'Hanna Credable', personalNumber: '198112189876', email: 'hanna@credable.se' } });
    const result = validateKycForm({ representative_name: '', personal_number: 'x', email: 'no', authority: 'on' }, TODAY);
    expect(result.ok ? [] : Object.keys(result.error).sort()).toEqual(['authority', 'email', 'personal_number', 'representative_name']);
    expect(validateKycForm({ ...kyc, representative_name: 'x'.repeat(201) }, TODAY).ok).toBe(false);
    expect(validateKycForm({ ...kyc, email: ['a@b.se'] }, TODAY).ok).toBe(false);
  });

  it('the signature needs a name, an e-mail and the acceptance', () => {
    expect(validateSignatureForm({ name: 'A B', email: 'a@b.se', accept: 'yes' })).toEqual({ ok: true, value: { name: 'A B', email: 'a@b.se' } });
    const result = validateSignatureForm({});
    expect(result.ok ? [] : Object.keys(result.error).sort()).toEqual(['accept', 'email', 'name']);
  });
});

describe('Connect request lifecycle rules', () => {
  it('flags: pending until priced or declined; success stays true once an e-mail went out', () => {
    expect(flagsOf('pending')).toEqual({ pending: true, success: false });
    expect(flagsOf('declined')).toEqual({ pending: false, success: false });
    for (const status of ['priced', 'purchased', 'expired', 'ended'] as const) expect(flagsOf(status)).toEqual({ pending: false, success: true });
  });

  it('exposure is held by the offer and by the cover only', () => {
    expect(['pending', 'priced', 'declined', 'purchased', 'expired', 'ended'].filter((s) => holdsConnectExposure(s as never))).toEqual(['priced', 'purchased']);
  });

  it('the purchase window closes exactly 24 h after pricing', () => {
    const pricedAt = new Date('2026-11-21T10:00:00Z');
    const expiresAt = purchaseExpiresAt(pricedAt);
    const request = { status: 'priced' as const, expiresAt, coverTo: null, invoicePaymentTerms: 30 };
    expect(expiresAt.toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(dueConnectTimer(request, new Date(expiresAt.getTime() - 1), RULES)).toBeNull();
    expect(dueConnectTimer(request, expiresAt, RULES)).toEqual({ timer: 'purchase_window_closed', next: 'expired' });
    expect(connectDeadline(request, RULES)).toEqual(expiresAt);
  });

  it('the cover covers ±15 days around the purchase and ends after the last invoice\'s claim window', () => {
    expect(coverWindow('2026-11-21')).toEqual({ from: '2026-11-06', to: '2026-12-06' });
    const request = { status: 'purchased' as const, expiresAt: null, coverTo: '2026-12-06', invoicePaymentTerms: 10 };
    expect(connectDeadline(request, RULES)?.toISOString()).toBe('2027-01-15T23:00:00.000Z');
    expect(dueConnectTimer(request, new Date('2027-01-15T22:59:59Z'), RULES)).toBeNull();
    expect(dueConnectTimer(request, new Date('2027-01-15T23:00:00Z'), RULES)).toEqual({ timer: 'cover_ended', next: 'ended' });
    expect(connectDeadline({ ...request, status: 'expired' }, RULES)).toBeNull();
  });
});
