// Delivers every period of one subscription whose report date has closed: the report as it stood at the close of
// that date, e-mailed as CSV or PDF through the platform mail (a stored .eml). Runs in the sweep's transaction,
// which holds the subscription row (FOR UPDATE SKIP LOCKED); each period is first claimed in report_deliveries
// (primary key subscription + date), so a period is mailed once however many sweepers race.
import { eq, and } from 'drizzle-orm';
import { appendEvent } from '../../../platform/events/append.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { queueMail } from '../../../platform/mail/outbox.js';
import type { MailAttachment } from '../../../platform/mail/compose.js';
import type { UnitOfWork } from '../../../platform/unit-of-work.js';
import { drawReport } from '../draw-report.js';
import { reportCsv, reportFileName, type ReportTable } from '../domain/report-table.js';
import { nextReportDate } from '../domain/schedule.js';
import { renderReportPdf } from '../pdf.js';
import { reportDeliveries } from '../schema.js';
import { type SubscriptionRow, claimDelivery, updateSubscription } from '../store.js';
import { dueAfter } from './create-subscription.js';

export interface DeliveryContext {
  timeZone: string;
  jobs: JobQueue;
  mailFrom: string;
}

/** A sweep fire catches up at most this many periods of one subscription; the next pass continues. */
const MAX_PERIODS_PER_FIRE = 62;

export async function deliverDueReports(uow: UnitOfWork, subscription: SubscriptionRow, ctx: DeliveryContext): Promise<number> {
  let reportDate = subscription.nextReportDate;
  let dueAt = subscription.nextDueAt;
  let delivered = 0;
  while (dueAt !== null && dueAt.getTime() <= uow.now.getTime() && delivered < MAX_PERIODS_PER_FIRE) {
    await deliverPeriod(uow, subscription, reportDate, ctx);
    delivered += 1;
    reportDate = nextReportDate(subscription.frequency, reportDate);
    dueAt = dueAfter(reportDate, ctx.timeZone);
  }
  await updateSubscription(uow.tx, subscription.id, { nextReportDate: reportDate, nextDueAt: dueAt });
  return delivered;
}

async function deliverPeriod(uow: UnitOfWork, subscription: SubscriptionRow, reportDate: string, ctx: DeliveryContext): Promise<void> {
  const claimed = await claimDelivery(uow.tx, { tenantId: uow.tenant.id, subscriptionId: subscription.id, reportDate, mailMessageId: null, deliveredAt: uow.now });
  if (!claimed) return;
  const drawn = await drawReport(uow.tx, { id: uow.tenant.id, now: uow.now, timeZone: ctx.timeZone }, {
    report: subscription.report, asOf: reportDate, parameters: subscription.parameters, customerId: subscription.customerId ?? undefined,
  });
  if (!drawn.ok) throw new Error(`report subscription ${subscription.id}: cannot draw ${subscription.report} as of ${reportDate}: ${drawn.error.kind}`);
  const table = drawn.value;
  const messageId = await queueMail(uow, ctx.jobs, {
    kind: 'report.delivery', from: ctx.mailFrom, to: [subscription.email],
    subject: `${table.title} as of ${table.asOf}`,
    text: deliveryText(table, subscription),
    attachments: [await attachment(table, subscription.format, uow.now)],
    related: { type: 'report_subscription', id: subscription.id },
  });
  await uow.tx.update(reportDeliveries).set({ mailMessageId: messageId })
    .where(and(eq(reportDeliveries.subscriptionId, subscription.id), eq(reportDeliveries.reportDate, reportDate)));
  await appendEvent(uow, {
    type: 'report.delivered', entityType: 'report_subscription', entityId: subscription.id,
    data: { report: table.report, asOf: table.asOf, format: subscription.format, mailMessageId: messageId, rows: table.rows.length },
  });
}

async function attachment(table: ReportTable, format: 'csv' | 'pdf', drawnAt: Date): Promise<MailAttachment> {
  if (format === 'pdf') return { filename: reportFileName(table, 'pdf'), contentType: 'application/pdf', content: await renderReportPdf(table, drawnAt) };
  return { filename: reportFileName(table, 'csv'), contentType: 'text/csv; charset=utf-8', content: Buffer.from(reportCsv(table), 'utf8') };
}

function deliveryText(table: ReportTable, subscription: SubscriptionRow): string {
  return [
    `${table.title}, as the book stood at the close of ${table.asOf}.`,
    `${table.rows.length} row(s); the attached ${subscription.format.toUpperCase()} holds the report.`,
    '',
    `You receive this ${subscription.frequency} report through subscription ${subscription.id}.`,
  ].join('\n');
}
