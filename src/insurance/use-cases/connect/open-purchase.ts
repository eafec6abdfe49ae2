// The seller's side of a Connect quote, behind the e-mailed link: identity confirmation (new sellers), signing the
// current policy (new sellers, and returning ones when a newer version exists), then payment. Each step is one
// transaction holding the request's row lock, so two tabs or a double click can never buy twice.
import { retryOnConflict } from '../../../platform/db/retry-on-conflict.js';
import { clockFor, type Platform } from '../../../platform/services.js';
import { findTenant } from '../../../platform/tenants/service.js';
import { systemActor, type UnitOfWork, unitOfWork } from '../../../platform/unit-of-work.js';
import { applyConnectTimers } from '../../connect/status.js';
import { type ConnectRequestRow, findConnectLanguageByToken, findConnectSeller, lockConnectRequestByToken } from '../../connect/store.js';
import { hashPurchaseToken, isWellFormedToken } from '../../connect/token.js';
import type { ConnectContext } from '../../context.js';
import { type ConnectLanguage, communicationLanguage } from '../../domain/connect-request.js';
import { currentPolicy } from '../../policy.js';
import { isSellerSigned } from '../../store.js';

export type PurchaseStep = 'kyc' | 'sign' | 'pay';

/** Runs `work` on the request behind `token`, locked and with due timers applied; null for an unknown token. */
export async function withPurchase<T>(
  platform: Platform, token: string, ctx: ConnectContext, work: (uow: UnitOfWork, row: ConnectRequestRow) => Promise<T>,
): Promise<T | null> {
  if (!isWellFormedToken(token)) return null;
  return retryOnConflict(() => platform.db.transaction(async (tx) => {
    const locked = await lockConnectRequestByToken(tx, hashPurchaseToken(token));
    if (!locked) return null;
    const tenant = await findTenant(tx, locked.tenantId);
    if (!tenant) return null;
    const uow = unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('connect-purchase-page') });
    return work(uow, await applyConnectTimers(uow, locked, ctx));
  }));
}

/** The language of the request behind `token`; null for an unknown token. */
export async function purchaseLanguage(platform: Platform, token: string): Promise<ConnectLanguage | null> {
  if (!isWellFormedToken(token)) return null;
  const language = await findConnectLanguageByToken(platform.db, hashPurchaseToken(token));
  return language === undefined ? null : communicationLanguage(language);
}

/** What the seller has to do next on a priced request. */
export async function nextStep(uow: UnitOfWork, row: ConnectRequestRow): Promise<PurchaseStep> {
  if (!(await findConnectSeller(uow.tx, uow.tenant.id, row.sellerCountry, row.sellerIdentifier))) return 'kyc';
  const signed = await isSellerSigned(uow.tx, uow.tenant.id, row.sellerCountry, row.sellerIdentifier, currentPolicy().version);
  return signed ? 'pay' : 'sign';
}
