import type { Platform } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import type { InsuranceContext } from '../context.js';
import { type QuoteRow, findQuoteOwner } from '../store.js';
import { readQuote } from './read-quote.js';

/**
 * The Insure quote behind a sign-policy link, as it stands now (due timers applied), with its tenant: the link names
 * only the quote. Null for an id that names no Insure quote.
 */
export async function readQuoteToSign(platform: Platform, id: string, ctx: InsuranceContext): Promise<{ row: QuoteRow; tenant: Tenant } | null> {
  if (id.length > 64) return null;
  const owner = await findQuoteOwner(platform.db, id);
  if (!owner || owner.product !== 'insure') return null;
  const tenant = await findTenant(platform.db, owner.tenantId);
  if (!tenant) return null;
  return { row: await readQuote(platform, tenant, 'insure', id, ctx), tenant };
}
