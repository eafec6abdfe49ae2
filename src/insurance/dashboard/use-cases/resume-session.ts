// Every dashboard page starts here: the cookie's session id, checked against its idle and absolute ends on the
// tenant's clock, and its last activity moved to now (at most once a minute).
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { communicationLanguage } from '../../domain/connect-request.js';
import { sessionIsOpen, sessionNeedsTouch } from '../rules.js';
import { hashSecret, isWellFormedSecret } from '../secrets.js';
import type { SellerSession } from '../session.js';
import { findSession, touchSession } from '../store.js';

/** The open session behind the cookie's value; null when there is none (never was, signed out, timed out). */
export async function resumeSession(platform: Platform, sessionId: string | undefined): Promise<SellerSession | null> {
  if (sessionId === undefined || !isWellFormedSecret(sessionId)) return null;
  const idHash = hashSecret(sessionId);
  const session = await findSession(platform.db, idHash);
  const tenant = session ? await findTenant(platform.db, session.tenantId) : undefined;
  if (!session || !tenant) return null;
  const now = clockFor(platform, tenant).now();
  if (!sessionIsOpen(session, now)) return null;
  if (sessionNeedsTouch(session, now)) await touchSession(platform.db, idHash, now);
  return {
    idHash, tenantId: session.tenantId, sellerCountry: session.sellerCountry, sellerIdentifier: session.sellerIdentifier,
    email: session.email, language: communicationLanguage(session.language), now,
  };
}
