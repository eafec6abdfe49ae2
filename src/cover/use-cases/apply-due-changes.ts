import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { retryOnConflict } from '../../platform/db/retry-on-conflict.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { systemActor, unitOfWork } from '../../platform/unit-of-work.js';
import type { CoverContext } from '../context.js';
import { coverVersions } from '../schema.js';
import { applyDueChange } from './apply-due-change.js';

/** Decision: at most this many due changes are applied before one read; the sweep applies the rest. */
const MAX_DUE_ON_READ = 100;

/**
 * Lazy evaluation on read: before a tenant reads its covers, the scheduled changes already due on its clock take
 * effect (each in its own transaction, exactly once like the sweep's), so a sandbox tenant that advanced its test
 * clock sees them at once whatever the sweep interval.
 */
export async function applyDueChangesFor(db: Database, tenant: Tenant, clock: Clock, ctx: CoverContext): Promise<number> {
  const now = clock.now();
  const due = await db.select({ coverId: coverVersions.coverId }).from(coverVersions)
    .where(and(eq(coverVersions.tenantId, tenant.id), isNotNull(coverVersions.deadlineAt), lte(coverVersions.deadlineAt, now)))
    .limit(MAX_DUE_ON_READ);
  for (const { coverId } of due) {
    await retryOnConflict(() => db.transaction(async (tx) => {
      const uow = unitOfWork({ tx, tenant, clock, actor: systemActor('cover-deadlines') });
      // Re-checked under the row lock inside: a sweep that fired it meanwhile leaves nothing to do.
      const version = await tx.select({ deadlineAt: coverVersions.deadlineAt }).from(coverVersions)
        .where(eq(coverVersions.coverId, coverId)).for('update');
      if (version[0]?.deadlineAt && version[0].deadlineAt <= uow.now) await applyDueChange(uow, ctx, coverId);
    }));
  }
  return due.length;
}
