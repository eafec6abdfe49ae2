import { eq } from 'drizzle-orm';
import { executeRaw } from '../../platform/db/database.js';
import { dueInTenantTimeSql, orphanedJobSweep, tenantRowSweep } from '../../platform/sweeper/tenant-sweeps.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';
import { CONNECT_PRICING_QUEUE, type ConnectContext, type InsuranceContext } from '../context.js';
import { declineUnpriceable } from '../use-cases/connect/decline-unpriceable-request.js';
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
  return tenantRowSweep<DueRequest>({
    name: 'connect-quote-request-timers',
    batchSize,
    actorId: 'connect-timers',
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT q.id, q.tenant_id FROM connect_quote_requests q JOIN tenants t ON t.id = q.tenant_id
        WHERE q.deadline_at IS NOT NULL
          AND ${dueInTenantTimeSql('q.deadline_at', 't', '$1')}
        ORDER BY q.deadline_at
        LIMIT $2
        FOR UPDATE OF q SKIP LOCKED`, [now.toISOString(), limit]) as DueRequest[];
    },
    async fireRow(uow, due) {
      const [row] = await uow.tx.select().from(connectQuoteRequests).where(eq(connectQuoteRequests.id, due.id));
      if (!row) return;
      const after = await applyConnectTimers(uow, row, ctx);
      // Not due after all (a changed setting moved it): keep the row out of the next claim until its new deadline.
      if (after === row && row.deadlineAt !== null && row.deadlineAt.getTime() <= uow.now.getTime()) {
        await uow.tx.update(connectQuoteRequests).set({ deadlineAt: null }).where(eq(connectQuoteRequests.id, row.id));
      }
    },
  });
}

/**
 * A quote request whose pricing job ended without an outcome would stay pending for ever: this sweep declines pending
 * requests with no live pricing job left, as the handler does after a failed last attempt.
 */
export function unpricedRequestSweep(ctx: ConnectContext, batchSize = 100): Sweep<DueRequest> {
  return orphanedJobSweep<DueRequest>({
    name: 'connect-unpriced-requests',
    batchSize,
    actorId: 'connect-pricing',
    from: 'connect_quote_requests q',
    alias: 'q',
    columns: 'q.id, q.tenant_id',
    waiting: `q.status = 'pending'`,
    queue: CONNECT_PRICING_QUEUE,
    dataKey: 'id',
    idSql: 'q.id',
    orderBy: 'q.created_at',
    fireRow: async (uow, row) => {
      await declineUnpriceable(uow, row.id, ctx);
    },
  });
}
