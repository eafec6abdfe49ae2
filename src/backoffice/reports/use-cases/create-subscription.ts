// Subscribes an address to a report on a schedule (staff through the back office, a cover customer through the
// management API). The first report date is today's period; it is delivered once that date has closed.
import { randomUUID } from 'node:crypto';
import { customerContact } from '../../../cover/api.js';
import { recordAudit } from '../../../platform/audit/record.js';
import { businessDateAt, startOfBusinessDay, addDays } from '../../../platform/dates.js';
import { appendEvent } from '../../../platform/events/append.js';
import { err, ok, type Result } from '../../../platform/result.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { findReport } from '../catalogue.js';
import { reportParameters } from '../draw-report.js';
import type { ReportError } from '../domain/errors.js';
import { firstReportDate, type Frequency } from '../domain/schedule.js';
import { type Channel, type SubscriptionRow, insertSubscription } from '../store.js';

export interface SubscriptionInput {
  report: string;
  parameters: Record<string, string | undefined>;
  format: 'csv' | 'pdf';
  frequency: Frequency;
  /** Where to send it; a customer's subscription defaults to the customer's e-mail address. */
  email?: string;
  customerId?: number;
  channel: Channel;
}

export type SubscriptionError = ReportError | { kind: 'email_required' };

/** When the report of `reportDate` is due: the first instant of the following day, in the tenant's zone. */
export function dueAfter(reportDate: string, timeZone: string): Date {
  return startOfBusinessDay(addDays(reportDate, 1), timeZone);
}

export async function createSubscription(uow: UnitOfWork, timeZone: string, input: SubscriptionInput): Promise<Result<SubscriptionRow, SubscriptionError>> {
  const definition = findReport(input.report);
  if (!definition) return err({ kind: 'unknown_report', report: input.report });
  if (input.customerId !== undefined && !definition.customerScoped) return err({ kind: 'not_customer_scoped', report: definition.id });
  const parameters = reportParameters(definition, input.parameters);
  if (!parameters.ok) return parameters;
  let email = input.email;
  if (input.customerId !== undefined) {
    const customer = await customerContact(uow.tx, uow.tenant.id, input.customerId);
    if (!customer) return err({ kind: 'unknown_customer', customerId: input.customerId });
    email ??= customer.email ?? undefined;
  }
  if (email === undefined) return err({ kind: 'email_required' });
  const reportDate = firstReportDate(input.frequency, businessDateAt(uow.now, timeZone));
  const row = await insertSubscription(uow.tx, {
    id: randomUUID(), tenantId: uow.tenant.id, report: definition.id, parameters: parameters.value, format: input.format, frequency: input.frequency,
    email, customerId: input.customerId ?? null, channel: input.channel, createdBy: `${uow.actor.type}:${uow.actor.id}`,
    nextReportDate: reportDate, nextDueAt: dueAfter(reportDate, timeZone), createdAt: uow.now, cancelledAt: null,
  });
  const details = { report: row.report, parameters: row.parameters, format: row.format, frequency: row.frequency, customerId: row.customerId, channel: row.channel };
  await appendEvent(uow, { type: 'report.subscription_created', entityType: 'report_subscription', entityId: row.id, data: details });
  await recordAudit(uow, { action: 'report.subscription_created', entityType: 'report_subscription', entityId: row.id, details });
  return ok(row);
}
