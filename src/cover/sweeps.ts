import type { Sweep } from '../platform/sweeper/sweeper.js';
import { claimDueRows, tenantRowSweep } from '../platform/sweeper/tenant-sweeps.js';
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
    claimDue: claimDueRows<DueCover>({ from: 'cover_versions v', alias: 'v', columns: 'v.cover_id, v.tenant_id', deadline: 'v.deadline_at' }),
    async fireRow(uow, row) {
      await applyDueChange(uow, ctx, Number(row.cover_id));
    },
  });
}
