import { ApiError } from '../../platform/http/api-error.js';
import { formatDecimalAmount } from '../../platform/money.js';
import { clockFor, type Platform } from '../../platform/services.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { type ConnectStatus, dueConnectTimer, flagsOf } from '../domain/connect-state.js';
import type { InsuranceContext } from '../service.js';
import { applyConnectTimers, timerRules } from './status.js';
import { type ConnectRequestRow, findConnectRequest, lockConnectRequest } from './store.js';

const notFound = () => new ApiError('not_found', 'Not Found.');

/** GET /connect/v1/quote-requests/{id}: the request as it stands now (a due timer is applied and persisted first). */
export async function readConnectRequest(
  platform: Platform, tenant: Tenant, id: string, ctx: InsuranceContext, requestId?: string,
): Promise<ConnectRequestRow> {
  if (id.length > 64) throw notFound();
  const row = await findConnectRequest(platform.db, tenant.id, id);
  if (!row) throw notFound();
  const clock = clockFor(platform, tenant);
  const now = clock.now();
  if (dueConnectTimer({ ...row, status: row.status as ConnectStatus }, now, timerRules(ctx)) === null) return row;
  return platform.db.transaction(async (tx) => {
    const locked = await lockConnectRequest(tx, tenant.id, id);
    if (!locked) throw notFound();
    const uow: UnitOfWork = { tx, tenant, clock, now, actor: { type: 'system', id: 'connect-timers' }, requestId, audited: false };
    return applyConnectTimers(uow, locked, ctx);
  });
}

/** The quote-request object of spec §4.3, in the seed's field order; absent optionals are null, amounts have 2 decimals. */
export function renderConnectRequest(row: ConnectRequestRow): Record<string, unknown> {
  const flags = flagsOf(row.status as ConnectStatus);
  return {
    id: row.id,
    seller_identifier: row.sellerIdentifier,
    seller_country: row.sellerCountry,
    seller_email: row.sellerEmail,
    seller_language: row.sellerLanguage,
    seller_first_name: row.sellerFirstName,
    seller_last_name: row.sellerLastName,
    buyer_identifier: row.buyerIdentifier,
    buyer_country: row.buyerCountry,
    invoice_amount: formatDecimalAmount(row.invoiceAmount, row.invoiceCurrency),
    invoice_amount_currency: row.invoiceCurrency,
    invoice_payment_terms: row.invoicePaymentTerms,
    invoice_number: row.invoiceNumber,
    invoice_issue_date: row.invoiceIssueDate,
    invoice_due_date: row.invoiceDueDate,
    discount_code: row.discountCode,
    pending: flags.pending,
    success: flags.success,
    new_user: row.newUser,
  };
}
