import { eq } from 'drizzle-orm';
import { executeRaw } from '../../platform/db/database.js';
import { systemUnitOfWork } from '../../platform/services.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';
import { findTenant } from '../../platform/tenants/service.js';
import type { InsuranceContext } from '../service.js';
import { connectQuoteRequests } from './schema.js';
import { applyConnectTimers } from './status.js';

interface DueRequest {
  id: string;
  tenant_id: string;
}

/**
 * Closes purchase windows (releasing the offer's exposure) and ends covers, so the exposure is freed even when nobody
 * opens the request again. `deadline_at` is in tenant time: due when at or before system time + the tenant's clock
 * offset. Rows are claimed FOR UPDATE SKIP LOCKED and fired one by one through the same use case reads apply lazily.
 */
export function connectTimerSweep(ctx: InsuranceContext, batchSize = 200): Sweep<DueRequest> {
  return {
    name: 'connect-quote-request-timers',
    batchSize,
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT q.id, q.tenant_id FROM connect_quote_requests q JOIN tenants t ON t.id = q.tenant_id
        WHERE q.deadline_at IS NOT NULL
          AND q.deadline_at <= $1::timestamptz + (CASE WHEN t.mode = 'sandbox' THEN t.clock_offset_ms ELSE 0 END) * interval '1 millisecond'
        ORDER BY q.deadline_at
        LIMIT $2
        FOR UPDATE OF q SKIP LOCKED`, [now.toISOString(), limit]) as DueRequest[];
    },
    async fire(tx, rows, systemNow) {
      for (const due of rows) {
        const tenant = await findTenant(tx, due.tenant_id);
        const [row] = await tx.select().from(connectQuoteRequests).where(eq(connectQuoteRequests.id, due.id));
        if (!tenant || !row) continue;
        const uow = systemUnitOfWork(tx, tenant, systemNow, 'connect-timers');
        const after = await applyConnectTimers(uow, row, ctx);
        // Not due after all (a changed setting moved it): keep the row out of the next claim until its new deadline.
        if (after === row && row.deadlineAt !== null && row.deadlineAt.getTime() <= uow.now.getTime()) {
          await tx.update(connectQuoteRequests).set({ deadlineAt: null }).where(eq(connectQuoteRequests.id, row.id));
        }
      }
    },
  };
}
