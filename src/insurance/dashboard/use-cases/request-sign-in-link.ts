// A seller asks for a sign-in link. The address is counted against its limit whether or not it is known, and the
// answer is the same either way; a known address gets one e-mail per seller it belongs to, each in that seller's
// tenant (stored `.eml`, sent by the mail job), all in one transaction.
import { randomUUID } from 'node:crypto';
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { recordAudit } from '../../../platform/audit/record.js';
import { retryOnConflict } from '../../../platform/db/retry-on-conflict.js';
import type { Transaction } from '../../../platform/db/database.js';
import { systemActor, unitOfWork } from '../../../platform/unit-of-work.js';
import type { ConnectContext } from '../../context.js';
import { communicationLanguage } from '../../domain/connect-request.js';
import { LINK_LIFETIME_MS, MAX_SELLERS_PER_ADDRESS, REQUEST_WINDOW_MS, REQUESTS_PER_ADDRESS } from '../rules.js';
import { hashSecret, newSecret } from '../secrets.js';
import { queueSignInMail } from '../sign-in-mail.js';
import {
  type SellerRef, findSellersByEmail, insertSignInLink, latestSellerLanguage, lockAddress, recordSignInRequest,
} from '../store.js';

export type SignInLinkRequest = 'accepted' | 'rate_limited';

/** `email` is already normalised (rules.ts). */
export async function requestSignInLink(platform: Platform, ctx: ConnectContext, email: string): Promise<SignInLinkRequest> {
  const emailHash = hashSecret(email);
  return retryOnConflict(() => platform.db.transaction(async (tx) => {
    await lockAddress(tx, emailHash);
    const now = platform.clock.now();
    const recent = await recordSignInRequest(tx, emailHash, now, new Date(now.getTime() - REQUEST_WINDOW_MS));
    if (recent > REQUESTS_PER_ADDRESS) return 'rate_limited';
    for (const seller of await findSellersByEmail(tx, email, MAX_SELLERS_PER_ADDRESS)) {
      await issueLink(platform, ctx, tx, seller, email);
    }
    return 'accepted';
  }));
}

async function issueLink(platform: Platform, ctx: ConnectContext, tx: Transaction, seller: SellerRef, email: string): Promise<void> {
  const tenant = await findTenant(tx, seller.tenantId);
  if (!tenant) return;
  const uow = unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('seller-dashboard') });
  const token = newSecret();
  const id = randomUUID();
  const language = communicationLanguage((await latestSellerLanguage(tx, seller)) ?? null);
  await insertSignInLink(tx, {
    id, tenantId: tenant.id, tokenHash: hashSecret(token), sellerCountry: seller.sellerCountry, sellerIdentifier: seller.sellerIdentifier,
    email, language, expiresAt: new Date(uow.now.getTime() + LINK_LIFETIME_MS), createdAt: uow.now,
  });
  await queueSignInMail(uow, { linkId: id, to: email, token, seller: seller.sellerIdentifier, language }, ctx);
  await recordAudit(uow, {
    action: 'seller_dashboard.link_sent', entityType: 'seller_sign_in_link', entityId: id,
    details: { seller_country: seller.sellerCountry, seller_identifier: seller.sellerIdentifier },
  });
}
