// The seller presses "Sign in" on the link page: the link is spent and a session begins, in one transaction holding
// the link's row lock, so two presses (two tabs, a replayed request) open at most one session.
import { recordAudit } from '../../../platform/audit/record.js';
import { retryOnConflict } from '../../../platform/db/retry-on-conflict.js';
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { systemActor, unitOfWork } from '../../../platform/unit-of-work.js';
import { type ConnectLanguage, communicationLanguage } from '../../domain/connect-request.js';
import { linkState, SESSION_LIFETIME_MS } from '../rules.js';
import { hashSecret, isWellFormedSecret, newSecret } from '../secrets.js';
import { insertSession, lockSignInLink, markSignInLinkUsed } from '../store.js';

export type Redemption =
  | { readonly kind: 'signed_in'; readonly sessionId: string; readonly language: ConnectLanguage }
  | { readonly kind: 'used' | 'expired'; readonly language: ConnectLanguage }
  | { readonly kind: 'unknown' };

export async function redeemSignInLink(platform: Platform, token: string): Promise<Redemption> {
  if (!isWellFormedSecret(token)) return { kind: 'unknown' };
  return retryOnConflict(() => platform.db.transaction(async (tx): Promise<Redemption> => {
    const link = await lockSignInLink(tx, hashSecret(token));
    const tenant = link ? await findTenant(tx, link.tenantId) : undefined;
    if (!link || !tenant) return { kind: 'unknown' };
    const uow = unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('seller-dashboard') });
    const language = communicationLanguage(link.language);
    const state = linkState(link, uow.now);
    if (state !== 'valid') return { kind: state, language };
    await markSignInLinkUsed(tx, link.id, uow.now);
    const sessionId = newSecret();
    await insertSession(tx, {
      idHash: hashSecret(sessionId), tenantId: tenant.id, sellerCountry: link.sellerCountry, sellerIdentifier: link.sellerIdentifier,
      email: link.email, language, createdAt: uow.now, lastSeenAt: uow.now, expiresAt: new Date(uow.now.getTime() + SESSION_LIFETIME_MS),
    });
    await recordAudit(uow, {
      action: 'seller_dashboard.signed_in', entityType: 'seller_sign_in_link', entityId: link.id,
      details: { seller_country: link.sellerCountry, seller_identifier: link.sellerIdentifier },
    });
    return { kind: 'signed_in', sessionId, language };
  }));
}
