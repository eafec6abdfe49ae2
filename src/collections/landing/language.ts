import { isLanguage, pickLanguage, type Language } from '../communications/language.js';

/*
 * The page's language (collections.md §4): the one the visitor chose with the switcher (`?lang=`), else the first
 * language of Accept-Language (by weight) that the page speaks, else the debtor's (their language, then their
 * country's), else English.
 */

function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header.split(',').map((part, index) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    return { tag: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
  }).filter((entry) => entry.weight > 0).sort((a, b) => b.weight - a.weight || a.index - b.index).map((entry) => entry.tag);
}

export function landingLanguage(chosen: unknown, acceptLanguage: string | undefined, debtor: Readonly<Record<string, unknown>> | null): Language {
  if (isLanguage(chosen)) return chosen;
  const fromBrowser = acceptedLanguages(acceptLanguage).find(isLanguage);
  return fromBrowser ?? pickLanguage(undefined, debtor);
}
