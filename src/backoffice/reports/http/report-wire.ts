// What the back-office and management report routes share: query and body schemas, the mapping of report errors to
// the platform's `{"error":{code,message,issues?}}` body, rendering a subscription, and answering a table as JSON
// or CSV.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../../platform/http/api-error.js';
import { REPORTS } from '../catalogue.js';
import { reportCsv, reportFileName, type ReportTable } from '../domain/report-table.js';
import { FREQUENCIES } from '../domain/schedule.js';
import type { SubscriptionRow } from '../store.js';
import type { SubscriptionError } from '../use-cases/create-subscription.js';

export const reportParams = z.object({ report: z.string().min(1).max(64) });
export const subscriptionParams = z.object({ id: z.uuid() });

/** A report's query: the as-of date, its parameters (e.g. `by`), and the answer's format. */
export const reportQuery = z.object({
  asOf: z.string().max(10).optional(),
  by: z.string().max(32).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const subscriptionFields = {
  report: z.string().min(1).max(64),
  parameters: z.record(z.string().max(32), z.string().max(64)).optional(),
  format: z.enum(['csv', 'pdf']),
  frequency: z.enum(FREQUENCIES),
};

export function reportApiError(error: SubscriptionError): ApiError {
  switch (error.kind) {
    case 'unknown_report':
      return new ApiError('not_found', `Unknown report ${error.report}; the reports are ${REPORTS.map((report) => report.id).join(', ')}`, { code: 'unknown_report' });
    case 'invalid_parameter':
      return invalid([error.parameter], `Must be one of ${error.allowed.join(', ')}`);
    case 'invalid_date':
      return invalid(['asOf'], 'A date as YYYY-MM-DD is required');
    case 'future_date':
      return invalid(['asOf'], `The date must not be after today (${error.today})`);
    case 'not_customer_scoped':
      return new ApiError('invalid_state', `Report ${error.report} covers the whole book and cannot be narrowed to one customer`, { code: 'not_customer_scoped' });
    case 'unknown_customer':
      return invalid(['customerId'], `Unknown customer ${error.customerId}`);
    case 'unknown_subscription':
      return new ApiError('not_found', `Unknown subscription ${error.subscriptionId}`);
    case 'email_required':
      return invalid(['email'], 'An e-mail address is required (the customer has none on file)');
  }
}

function invalid(path: string[], message: string): ApiError {
  return new ApiError('validation', message, { issues: [{ path, code: 'invalid', message }] });
}

/** The table as JSON, or as a CSV download of exactly the same rows. */
export function answerTable(reply: FastifyReply, table: ReportTable, format: 'json' | 'csv') {
  if (format === 'json') return table;
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${reportFileName(table, 'csv')}"`).send(reportCsv(table));
}

export function renderSubscription(row: SubscriptionRow) {
  return {
    id: row.id, report: row.report, parameters: row.parameters, format: row.format, frequency: row.frequency, email: row.email,
    customerId: row.customerId, nextReportDate: row.cancelledAt === null ? row.nextReportDate : null, createdAt: row.createdAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  };
}
