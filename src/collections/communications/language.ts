/*
 * The languages messages are written in, and how a debtor's language is chosen (collections.md §3): the language
 * asked for, else the debtor's own (`language` on the Debtor, carried through by servicing), else the language of the
 * debtor's country, else English.
 */
export const LANGUAGES = ['en', 'de', 'sv', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The locale each language formats amounts and dates in. */
export const LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', de: 'de-DE', sv: 'sv-SE', nl: 'nl-NL' };

const COUNTRY_LANGUAGES: Readonly<Record<string, Language>> = {
  DE: 'de', AT: 'de', CH: 'de', LI: 'de', LU: 'de',
  SE: 'sv', AX: 'sv',
  NL: 'nl', BE: 'nl', SR: 'nl',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** `de`, `de-AT`, `DE` → `de`; anything we have no templates for → undefined. */
function languageOf(tag: unknown): Language | undefined {
  if (typeof tag !== 'string') return undefined;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(primary) ? primary : undefined;
}

export function pickLanguage(requested: string | undefined, debtor: Readonly<Record<string, unknown>> | null): Language {
  const contact = (debtor?.contactInformation ?? {}) as Record<string, unknown>;
  const country = typeof contact.country === 'string' ? COUNTRY_LANGUAGES[contact.country.toUpperCase()] : undefined;
  return languageOf(requested) ?? languageOf(debtor?.language) ?? languageOf(contact.language) ?? country ?? 'en';
}
