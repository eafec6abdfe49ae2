import { retryOnConflict } from '../../../platform/db/retry-on-conflict.js';
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { systemActor, type UnitOfWork, unitOfWork } from '../../../platform/unit-of-work.js';
import { findLandingLink, hasLiveSession, type LandingLinkRow } from '../../landing/store.js';
import { hashLandingToken, isWellFormedLandingToken } from '../../landing/token.js';
import { MAX_SECOND_FACTOR_ATTEMPTS } from '../../landing/second-factor.js';

/** What a link allows now: `open` links ask for (or have passed) the second factor. */
export type LinkStanding = 'open' | 'expired' | 'revoked' | 'locked';

export function linkStanding(link: LandingLinkRow, now: Date): LinkStanding {
  if (link.revokedAt !== null) return 'revoked';
  if (link.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (link.lockedAt !== null || link.failedAttempts >= MAX_SECOND_FACTOR_ATTEMPTS) return 'locked';
  return 'open';
}

/**
 * Runs `work` in one transaction of the link's tenant (the page has no credential: the system acts as
 * `landing-page`), the link row locked; null for a malformed or unknown token.
 */
export async function withLandingLink<T>(
  platform: Platform, token: string, work: (uow: UnitOfWork, link: LandingLinkRow) => Promise<T>,
): Promise<T | null> {
  if (!isWellFormedLandingToken(token)) return null;
  return retryOnConflict(() => platform.db.transaction(async (tx) => {
    const link = await findLandingLink(tx, hashLandingToken(token), true);
    if (!link) return null;
    const tenant = await findTenant(tx, link.tenantId);
    if (!tenant) return null;
    return work(unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('landing-page') }), link);
  }));
}

/** Runs `work` only for an open link whose session the visitor holds; null otherwise (the page asks again). */
export async function withVerifiedSession<T>(
  platform: Platform, token: string, sessionValue: string | undefined, work: (uow: UnitOfWork, link: LandingLinkRow) => Promise<T>,
): Promise<T | null> {
  if (sessionValue === undefined) return null;
  const outcome = await withLandingLink(platform, token, async (uow, link) => {
    if (linkStanding(link, uow.now) !== 'open') return { done: false as const };
    if (!(await hasLiveSession(uow.tx, link, hashLandingToken(sessionValue), uow.now))) return { done: false as const };
    return { done: true as const, value: await work(uow, link) };
  });
  return outcome?.done ? outcome.value : null;
}
