// The seller's side of a Connect quote, behind the e-mailed link: identity confirmation (new sellers), signing the
// current policy (new sellers, and returning ones when a newer version exists), then payment. Each step is one
// transaction holding the request's row lock, so two tabs or a double click can never buy twice.
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../platform/audit/record.js';
import { retryOnConflict } from '../../platform/http/mutation.js';
import { clockFor, type Platform } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { businessDateAt } from '../../platform/dates.js';
import { coverWindow } from '../domain/connect-state.js';
import type { KycForm, SignatureForm } from '../domain/connect-kyc.js';
import { type ConnectLanguage, communicationLanguage } from '../domain/connect-request.js';
import type { PaymentProvider } from '../payments/provider.js';
import { currentPolicy } from '../policy.js';
import { isSellerSigned, recordPolicySignature } from '../store.js';
import type { ConnectContext } from './context.js';
import { queueReceiptMail } from './mail.js';
import { connectPayments, connectSellers } from './schema.js';
import { applyConnectTimers, changeConnectStatus } from './status.js';
import { type ConnectRequestRow, findConnectLanguageByToken, findConnectSeller, lockConnectRequestByToken } from './store.js';
import { hashPurchaseToken, isWellFormedToken } from './token.js';

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
    const clock = clockFor(platform, tenant);
    const uow: UnitOfWork = { tx, tenant, clock, now: clock.now(), actor: { type: 'system', id: 'connect-purchase-page' }, audited: false };
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

export async function completeKyc(uow: UnitOfWork, row: ConnectRequestRow, form: KycForm, ip: string | null): Promise<void> {
  await uow.tx.insert(connectSellers).values({
    tenantId: uow.tenant.id, sellerCountry: row.sellerCountry, sellerIdentifier: row.sellerIdentifier,
    representativeName: form.representativeName, personalNumber: form.personalNumber, email: form.email,
    authorityConfirmed: true, quoteRequestId: row.id, ip, kycCompletedAt: uow.now,
  }).onConflictDoNothing();
  await recordAudit(uow, {
    action: 'quote_request.kyc_completed', entityType: 'quote_request', entityId: row.id,
    details: { representative: form.representativeName, email: form.email, ip },
  });
}

export async function signConnectPolicy(uow: UnitOfWork, row: ConnectRequestRow, form: SignatureForm, ip: string | null): Promise<void> {
  const version = currentPolicy().version;
  await recordPolicySignature(uow.tx, {
    tenantId: uow.tenant.id, sellerCountry: row.sellerCountry, sellerIdentifier: row.sellerIdentifier, policyVersion: version,
    quoteId: row.id, name: form.name, email: form.email, ip, signedAt: uow.now,
  });
  await recordAudit(uow, {
    action: 'quote_request.policy_signed', entityType: 'quote_request', entityId: row.id,
    details: { policyVersion: version, name: form.name, email: form.email, ip },
  });
}

/**
 * Pays through `provider` and completes the purchase: the payment obligation is recorded, the request becomes a cover
 * for invoices sent within ±15 days of today (keeping the exposure its offer held) and the receipt is queued.
 */
export async function payConnectRequest(
  uow: UnitOfWork, row: ConnectRequestRow, provider: PaymentProvider, ctx: ConnectContext,
): Promise<ConnectRequestRow> {
  const today = businessDateAt(uow.now, ctx.config.timers.timeZone);
  const amount = row.premiumAmount ?? 0;
  const currency = row.premiumCurrency ?? row.invoiceCurrency;
  const payment = provider.start({ quoteRequestId: row.id, amount, currency, today });
  await uow.tx.insert(connectPayments).values({
    id: randomUUID(), tenantId: uow.tenant.id, quoteRequestId: row.id, provider: provider.id, status: payment.status,
    amount, currency, reference: payment.reference, dueDate: payment.dueDate, createdAt: uow.now,
  });
  const window = coverWindow(today);
  const purchased = await changeConnectStatus(uow, row, 'purchased', { purchasedAt: uow.now, coverFrom: window.from, coverTo: window.to }, ctx, {
    action: 'quote_request.purchased', details: { provider: provider.id, reference: payment.reference, amount },
  });
  await queueReceiptMail(uow, purchased, ctx);
  return purchased;
}
