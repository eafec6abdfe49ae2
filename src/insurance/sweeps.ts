import { inArray } from 'drizzle-orm';
import { executeRaw } from '../platform/db/database.js';
import { tenants } from '../platform/db/schema.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import type { Tenant } from '../platform/tenants/tenant.js';
import { insuranceQuotes } from './schema.js';
import { type InsuranceContext, fireTimers } from './service.js';

/**
 * Offer expiry and automatic settlement. `deadline_at` is in tenant time, so a row is due when it is at or before
 * system time plus its tenant's test-clock offset (0 for live tenants); rows are claimed FOR UPDATE SKIP LOCKED.
 */
export function quoteTimerSweep(ctx: InsuranceContext, batchSize = 500): Sweep<{ id: string }> {
  return {
    name: 'insurance-quote-timers',
    batchSize,
    async claimDue(tx, now, limit) {
      const rows = await executeRaw(tx, `
        SELECT q.id FROM insurance_quotes q JOIN tenants t ON t.id = q.tenant_id
        WHERE q.deadline_at IS NOT NULL
          AND q.deadline_at <= $1::timestamptz + (CASE WHEN t.mode = 'sandbox' THEN t.clock_offset_ms ELSE 0 END) * interval '1 millisecond'
        ORDER BY q.deadline_at
        LIMIT $2
        FOR UPDATE OF q SKIP LOCKED`, [now.toISOString(), limit]);
      return rows as { id: string }[];
    },
    async fire(tx, rows, now) {
      const quotes = await tx.select().from(insuranceQuotes).where(inArray(insuranceQuotes.id, rows.map((row) => row.id)));
      const tenantIds = [...new Set(quotes.map((quote) => quote.tenantId))];
      const owners = await tx.select().from(tenants).where(inArray(tenants.id, tenantIds));
      await fireTimers(tx, quotes, new Map(owners.map((tenant) => [tenant.id, tenant as Tenant])), now, ctx);
    },
  };
}
