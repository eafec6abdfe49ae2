import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { getClaimForMessaging } from '../../../servicing/api.js';
import { insertLandingLinks, type NewLandingLinkRow } from '../../landing/store.js';
import { hashLandingToken, LANDING_LINK_LIFE_MS, landingPageUrl, newLandingToken } from '../../landing/token.js';

export interface IssueLandingPageUrlInput {
  claimReference: string;
  publicBaseUrl: string;
  /** How long the link opens the page; default 30 days. */
  lifeMs?: number;
}

export type IssuedLandingPageUrl = { found: true; url: string; expiresAt: Date } | { found: false };

/** A fresh link of a claim (its token and the row to store), as get_landing_page_url and the engine's messages issue it. */
export function newLandingLink(
  uow: UnitOfWork, claim: { claimReference: string; accountReference: string | null }, options: { lifeMs?: number; keepToken?: boolean } = {},
): { token: string; row: NewLandingLinkRow } {
  const token = newLandingToken();
  const row = {
    tenantId: uow.tenant.id, id: randomUUID(), tokenHash: hashLandingToken(token), messageToken: options.keepToken ? token : null,
    claimReference: claim.claimReference, accountReference: claim.accountReference,
    issuedAt: uow.now, expiresAt: new Date(uow.now.getTime() + (options.lifeMs ?? LANDING_LINK_LIFE_MS)),
  };
  return { token, row };
}

/**
 * get_landing_page_url (#26): a new link on every call for a claim of the tenant (RESOLVED claims too); links issued
 * before stay valid until they expire or are revoked. An unknown claim (or another tenant's) issues nothing.
 */
export async function issueLandingPageUrl(uow: UnitOfWork, input: IssueLandingPageUrlInput): Promise<IssuedLandingPageUrl> {
  const claim = await getClaimForMessaging(uow.tx, uow.tenant.id, input.claimReference);
  if (!claim) return { found: false };
  const { token, row } = newLandingLink(uow, claim, input.lifeMs === undefined ? {} : { lifeMs: input.lifeMs });
  await insertLandingLinks(uow.tx, [row]);
  return { found: true, url: landingPageUrl(input.publicBaseUrl, token), expiresAt: row.expiresAt };
}
