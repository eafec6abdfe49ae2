import { randomUUID } from 'node:crypto';
import { appendEvent } from '../../../platform/events/append.js';
import type { Platform } from '../../../platform/services.js';
import { LANDING_PAGE_VISITED } from '../../landing/events.js';
import { MAX_SECOND_FACTOR_ATTEMPTS } from '../../landing/second-factor.js';
import { hasLiveSession, insertLandingVisit } from '../../landing/store.js';
import { hashLandingToken } from '../../landing/token.js';
import { type LinkStanding, linkStanding, withLandingLink } from './landing-link.js';
import { type LandingAccount, type LandingArrangements, readArrangements, readLandingAccount } from './read-landing-account.js';

export interface LandingVisitInput {
  token: string;
  /** The session cookie's value, when the browser sent one. */
  sessionValue?: string;
  userAgent?: string;
}

export type LandingVisit =
  | { standing: Exclude<LinkStanding, 'open'> }
  | { standing: 'open'; verified: false; attemptsLeft: number; account: LandingAccount }
  | { standing: 'open'; verified: true; account: LandingAccount; arrangements: LandingArrangements; now: Date };

/**
 * A request for the page behind a link: recorded as a visit and appended as `landing_page.visited` (in the same
 * transaction), then answered with what the visitor may see. Null for an unknown token, or a link whose claim is gone.
 */
export async function visitLandingPage(platform: Platform, input: LandingVisitInput): Promise<LandingVisit | null> {
  return withLandingLink(platform, input.token, async (uow, link) => {
    const standing = linkStanding(link, uow.now);
    const account = standing === 'open' ? await readLandingAccount(uow.tx, link) : undefined;
    if (standing === 'open' && !account) return null;
    const verified = standing === 'open' && input.sessionValue !== undefined
      && await hasLiveSession(uow.tx, link, hashLandingToken(input.sessionValue), uow.now);
    await insertLandingVisit(uow.tx, {
      tenantId: link.tenantId, id: randomUUID(), linkId: link.id, claimReference: link.claimReference, visitedAt: uow.now,
      verified, userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await appendEvent(uow, {
      type: LANDING_PAGE_VISITED, entityType: 'claim', entityId: link.claimReference,
      data: { claimReference: link.claimReference, accountReference: link.accountReference, linkId: link.id, verified, standing },
    });
    if (standing !== 'open' || !account) return { standing: standing === 'open' ? 'revoked' : standing };
    if (verified) return { standing, verified: true, account, arrangements: await readArrangements(uow.tx, uow.tenant.id, account), now: uow.now };
    return { standing, verified: false, attemptsLeft: MAX_SECOND_FACTOR_ATTEMPTS - link.failedAttempts, account };
  });
}
