// A quote request whose pricing job ended without an outcome (the worker was killed during the last attempt: pg-boss
// fails the job without calling our handler) would stay pending for ever. This sweep declines pending requests
// that have no live pricing job left (created, retry or active), as the handler does after a failed last attempt.
import { executeRaw } from '../../platform/db/database.js';
import { noLiveJobSql } from '../../platform/jobs/live-jobs.js';
import { systemUnitOfWork } from '../../platform/services.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';
import { findTenant } from '../../platform/tenants/service.js';
import { CONNECT_PRICING_QUEUE, type ConnectContext } from './context.js';
import { declineUnpriceable } from './price.js';

interface UnpricedRequest {
  id: string;
  tenant_id: string;
}

export function unpricedRequestSweep(ctx: ConnectContext, batchSize = 100): Sweep<UnpricedRequest> {
  return {
    name: 'connect-unpriced-requests',
    batchSize,
    async claimDue(tx, _now, limit) {
      return await executeRaw(tx, `
        SELECT q.id, q.tenant_id FROM connect_quote_requests q
        WHERE q.status = 'pending' AND ${noLiveJobSql('$1', 'id', 'q.id')}
        ORDER BY q.created_at
        LIMIT $2
        FOR UPDATE OF q SKIP LOCKED`, [CONNECT_PRICING_QUEUE, limit]) as UnpricedRequest[];
    },
    async fire(tx, rows, systemNow) {
      for (const row of rows) {
        const tenant = await findTenant(tx, row.tenant_id);
        if (!tenant) continue;
        const uow = systemUnitOfWork(tx, tenant, systemNow, 'connect-pricing');
        await declineUnpriceable(uow, row.id, ctx);
      }
    },
  };
}
