import { executeRaw } from '../platform/db/database.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { dueInTenantTimeSql, tenantRowSweep } from '../platform/sweeper/tenant-sweeps.js';
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
  return tenantRowSweep<DueCover>({
    name: 'cover-deadlines',
    batchSize,
    actorId: 'cover-deadlines',
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT v.cover_id, v.tenant_id FROM cover_versions v JOIN tenants t ON t.id = v.tenant_id
        WHERE v.deadline_at IS NOT NULL AND ${dueInTenantTimeSql('v.deadline_at', 't', '$1')}
        ORDER BY v.deadline_at LIMIT $2
        FOR UPDATE OF v SKIP LOCKED`, [now.toISOString(), limit]) as DueCover[];
    },
    async fireRow(uow, row) {
      await applyDueChange(uow, ctx, Number(row.cover_id));
    },
  });
}
