// The scheduled-report sweep: subscriptions whose next report date has closed in tenant time (a sandbox's test
// clock drives it), claimed FOR UPDATE SKIP LOCKED in bounded batches and moved on in the same transaction.
import { eq } from 'drizzle-orm';
import { executeRaw } from '../../platform/db/database.js';
import type { Platform } from '../../platform/services.js';
import type { Sweep } from '../../platform/sweeper/sweeper.js';
import { dueInTenantTimeSql, tenantRowSweep } from '../../platform/sweeper/tenant-sweeps.js';
import { reportSubscriptions } from './schema.js';
import { deliverDueReports } from './use-cases/deliver-due-reports.js';

interface DueSubscription {
  id: string;
  tenant_id: string;
}

export function reportDeliverySweep(platform: Platform, batchSize = 20): Sweep<DueSubscription> {
  return tenantRowSweep<DueSubscription>({
    name: 'report-deliveries',
    batchSize,
    actorId: 'report-deliveries',
    async claimDue(tx, now, limit) {
      return await executeRaw(tx, `
        SELECT s.id, s.tenant_id FROM report_subscriptions s JOIN tenants t ON t.id = s.tenant_id
        WHERE s.next_due_at IS NOT NULL AND ${dueInTenantTimeSql('s.next_due_at', 't', '$1')}
        ORDER BY s.next_due_at LIMIT $2
        FOR UPDATE OF s SKIP LOCKED`, [now.toISOString(), limit]) as DueSubscription[];
    },
    async fireRow(uow, row) {
      const [subscription] = await uow.tx.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, row.id));
      if (!subscription) return;
      await deliverDueReports(uow, subscription, {
        timeZone: platform.config.BUSINESS_TIME_ZONE, jobs: platform.jobs, mailFrom: platform.config.MAIL_FROM,
      });
    },
  });
}
