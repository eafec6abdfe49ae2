import { clockFor, type Platform } from '../../platform/services.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { systemActor, unitOfWork } from '../../platform/unit-of-work.js';
import type { InsuranceContext } from '../context.js';
import { fail } from '../domain/errors.js';
import type { Product } from '../domain/products.js';
import { evaluateTimers } from '../domain/quote-timers.js';
import { applyDueTimers, timedOf } from '../quote-status.js';
import { type QuoteRow, findQuote, lockQuote } from '../store.js';

/** GET /quotes/{id}: the quote as it stands now; a due timer is applied (and persisted) before it is shown. */
export async function readQuote(
  platform: Platform, tenant: Tenant, product: Product, id: string, ctx: InsuranceContext, requestId?: string,
): Promise<QuoteRow> {
  const row = await findQuote(platform.db, tenant.id, product, id);
  if (!row) fail({ kind: 'not_found' });
  const clock = clockFor(platform, tenant);
  const now = clock.now();
  if (evaluateTimers(timedOf(row), now, ctx.config.timers).fired === null) return row;
  return platform.db.transaction(async (tx) => {
    const locked = await lockQuote(tx, tenant.id, id);
    if (!locked) fail({ kind: 'not_found' });
    return applyDueTimers(unitOfWork({ tx, tenant, clock, now, actor: systemActor('insurance-timers'), requestId }), locked, ctx);
  });
}
