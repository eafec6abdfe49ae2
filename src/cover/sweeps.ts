import { executeRaw } from '../platform/db/database.js';
import { systemUnitOfWork } from '../platform/services.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { findTenant } from '../platform/tenants/service.js';
import type { CoverContext } from './context.js';
import { applyDueChange } from './use-cases/apply-due-change.js';

interface DueCover {
  cover_id: string | number;
  tenant_id: string;
}

/**
 * Scheduled cover changes (cancellation on a future date, insurer reduction or withdrawal after its notice period).
 * `deadline_at` is in tenant time: a row is due at system time plus its tenant's test-clock offset, so a sandbox
 * tenant that advances its clock sees the change take effect by itself.
 */
export function coverDeadlineSweep(ctx: CoverContext, batchSize = 500): Sweep<DueCover> {
  return {
    name: 'cover-deadlines',
    batchSize,
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT v.cover_id, v.tenant_id FROM cover_versions v JOIN tenants t ON t.id = v.tenant_id
        WHERE v.deadline_at IS NOT NULL
          AND v.deadline_at <= $1::timestamptz + (CASE WHEN t.mode = 'sandbox' THEN t.clock_offset_ms ELSE 0 END) * interval '1 millisecond'
        ORDER BY v.deadline_at LIMIT $2
        FOR UPDATE OF v SKIP LOCKED`, [now.toISOString(), limit]) as DueCover[];
    },
    async fire(tx, rows, now) {
      for (const row of rows) {
        const tenant = await findTenant(tx, row.tenant_id);
        if (!tenant) continue;
        await applyDueChange(systemUnitOfWork(tx, tenant, now, 'cover-deadlines'), ctx, Number(row.cover_id));
      }
    },
  };
}
