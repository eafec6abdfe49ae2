// The policy a seller signs, as both signing pages show it (the Connect purchase page's signature step and the Insure
// sign-policy page): its version and the terms in the page's language. Every language states the same terms under
// one version number (policy.ts), so the signature records the version whatever language was read.
import type { ConnectLanguage } from '../domain/connect-request.js';
import type { PolicyDocument } from '../policy.js';
import { escapeHtml } from './html.js';

export function policyTerms(policy: PolicyDocument, language: ConnectLanguage, versionLabel: string): string {
  const terms = policy.texts[language];
  return `<p>${escapeHtml(versionLabel)} <strong id="policy-version">${escapeHtml(policy.version)}</strong>: ${escapeHtml(terms.title)}</p>`
    + `<section id="policy">${terms.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`;
}
