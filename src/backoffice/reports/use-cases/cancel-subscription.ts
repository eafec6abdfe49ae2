// Ends a subscription: nothing more is delivered; what was delivered stays listed.
import { recordAudit } from '../../../platform/audit/record.js';
import { appendEvent } from '../../../platform/events/append.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import type { ReportError } from '../domain/errors.js';
import { type Channel, type SubscriptionRow, lockSubscription, updateSubscription } from '../store.js';

export async function cancelSubscription(uow: UnitOfWork, channel: Channel, id: string): Promise<Result<SubscriptionRow, ReportError>> {
  const row = await lockSubscription(uow.tx, uow.tenant.id, channel, id);
  if (!row) return err({ kind: 'unknown_subscription', subscriptionId: id });
  await updateSubscription(uow.tx, id, { cancelledAt: uow.now, nextDueAt: null });
  await appendEvent(uow, { type: 'report.subscription_cancelled', entityType: 'report_subscription', entityId: id, data: { report: row.report } });
  await recordAudit(uow, { action: 'report.subscription_cancelled', entityType: 'report_subscription', entityId: id, details: { report: row.report } });
  return ok({ ...row, cancelledAt: uow.now, nextDueAt: null });
}
