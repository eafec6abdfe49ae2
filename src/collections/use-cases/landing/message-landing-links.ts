import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { MAX_SECOND_FACTOR_ATTEMPTS } from '../../landing/second-factor.js';
import { insertLandingLinks, type NewLandingLinkRow, openMessageLinks } from '../../landing/store.js';
import { LANDING_LINK_LIFE_MS, landingPageUrl } from '../../landing/token.js';
import { newLandingLink } from './issue-landing-page-url.js';

/**
 * A message's link must open the page for at least this long after it is sent; an older link is left to run out
 * (the debtor's earlier messages keep working) and the message gets a fresh one.
 */
export const MESSAGE_LINK_MIN_REMAINING_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * The landing-page URL each claim's messages carry: one link per claim reused by every message while it stays open
 * (not revoked or locked, valid two more weeks), so every reminder the debtor kept opens the same page; a new link
 * (issued as get_landing_page_url issues one, 30 days) otherwise. Set-based: one query for the claims' open links,
 * one multi-row insert for the new ones, in the caller's transaction.
 */
export async function messageLandingUrls(
  uow: UnitOfWork, publicBaseUrl: string, claims: readonly { claimReference: string; accountReference: string | null }[],
): Promise<Map<string, string>> {
  const planned = await planMessageLandingLinks(uow, publicBaseUrl, claims);
  await insertLandingLinks(uow.tx, planned.fresh);
  return planned.urls;
}

/** As messageLandingUrls, the new links' rows handed back for the caller to write (a batch's one round trip). */
export async function planMessageLandingLinks(
  uow: UnitOfWork, publicBaseUrl: string, claims: readonly { claimReference: string; accountReference: string | null }[],
): Promise<{ urls: Map<string, string>; fresh: NewLandingLinkRow[] }> {
  const tokens = new Map<string, string>();
  const open = await openMessageLinks(uow.tx, uow.tenant.id, [...new Set(claims.map((claim) => claim.claimReference))],
    new Date(uow.now.getTime() + MESSAGE_LINK_MIN_REMAINING_MS), MAX_SECOND_FACTOR_ATTEMPTS);
  for (const link of open) {
    if (link.messageToken !== null && !tokens.has(link.claimReference)) tokens.set(link.claimReference, link.messageToken);
  }
  const fresh: NewLandingLinkRow[] = [];
  for (const claim of claims) {
    if (tokens.has(claim.claimReference)) continue;
    const { token, row } = newLandingLink(uow, claim, { lifeMs: LANDING_LINK_LIFE_MS, keepToken: true });
    tokens.set(claim.claimReference, token);
    fresh.push(row);
  }
  return { urls: new Map([...tokens].map(([reference, token]) => [reference, landingPageUrl(publicBaseUrl, token)])), fresh };
}
