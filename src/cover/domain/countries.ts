// Decision: the Buyer search takes ISO 3166 alpha-3 codes (spec §2); the registry keys buyers by alpha-2. This table
// covers Europe, North America and the largest trading partners; other alpha-3 codes are answered as unknown values.
const ALPHA3_TO_ALPHA2: Readonly<Record<string, string>> = {
  SWE: 'SE', NOR: 'NO', DNK: 'DK', FIN: 'FI', ISL: 'IS', GBR: 'GB', IRL: 'IE', DEU: 'DE', FRA: 'FR', NLD: 'NL',
  BEL: 'BE', LUX: 'LU', AUT: 'AT', CHE: 'CH', LIE: 'LI', ITA: 'IT', ESP: 'ES', PRT: 'PT', POL: 'PL', CZE: 'CZ',
  SVK: 'SK', HUN: 'HU', SVN: 'SI', HRV: 'HR', ROU: 'RO', BGR: 'BG', GRC: 'GR', CYP: 'CY', MLT: 'MT', EST: 'EE',
  LVA: 'LV', LTU: 'LT', TUR: 'TR', UKR: 'UA', SRB: 'RS', USA: 'US', CAN: 'CA', MEX: 'MX', BRA: 'BR', CHN: 'CN',
  JPN: 'JP', KOR: 'KR', IND: 'IN', AUS: 'AU', NZL: 'NZ', SGP: 'SG', HKG: 'HK', ARE: 'AE', SAU: 'SA', ZAF: 'ZA',
};

const ALPHA2_TO_ALPHA3: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ALPHA3_TO_ALPHA2).map(([alpha3, alpha2]) => [alpha2, alpha3]),
);

export function alpha2Of(alpha3: string): string | null {
  return ALPHA3_TO_ALPHA2[alpha3] ?? null;
}

export function alpha3Of(alpha2: string): string {
  return ALPHA2_TO_ALPHA3[alpha2] ?? alpha2;
}

/** `uidType` values the real Buyer search accepts (spec §2); the registry resolves any of them to its identifier. */
export const UID_TYPES = {
  VAT: 'VAT number', NRN: 'National registration number', CR: 'Commercial register number', DB: 'D-U-N-S number',
  FC: 'Fiscal code', SN: 'SIREN number', TK: 'Trade register (KvK) number',
} as const;
export type UidType = keyof typeof UID_TYPES;
