// Reports on the back-office API (/backoffice/v1/reports): the catalogue, each report as JSON or CSV as of a date,
// and staff subscriptions to scheduled deliveries. Staff roles decide which reports a credential may draw.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor, runMutation } from '../../../platform/http/mutation.js';
import { clockFor } from '../../../platform/services.js';
import { requireRole } from '../../http/staff-api.js';
import { REPORTS, findReport } from '../catalogue.js';
import { drawReport } from '../draw-report.js';
import { listDeliveries, listSubscriptions } from '../store.js';
import { cancelSubscription } from '../use-cases/cancel-subscription.js';
import { createSubscription } from '../use-cases/create-subscription.js';
import {
  answerTable, renderSubscription, reportApiError, reportParams, reportQuery, subscriptionFields, subscriptionParams,
} from './report-wire.js';

const tags = ['Back office reports'];
const staffSubscriptionBody = z.strictObject({ ...subscriptionFields, email: z.email().max(254) });

/** The report's roles are checked once it is known (an unknown report is a 404 for every staff role). */
function requireReportRole(request: FastifyRequest, report: string): void {
  const definition = findReport(report);
  if (!definition) throw reportApiError({ kind: 'unknown_report', report });
  requireRole(request, definition.roles);
}

export async function staffReportRoutes(scope: FastifyInstance): Promise<void> {
  const { db, config } = scope.platform;

  scope.get('/reports', { schema: { tags, summary: 'The reports, their parameters and columns' } }, async (request) => {
    requireRole(request, ['underwriter', 'claims_handler', 'collections_manager']);
    return { data: REPORTS.map(({ id, title, roles, customerScoped, parameters, columns, chart }) => ({ id, title, roles, customerScoped, parameters, columns, chart })) };
  });

  scope.get('/reports/subscriptions', { schema: { tags, summary: 'Staff subscriptions to scheduled reports' } }, async (request) => {
    requireRole(request, ['underwriter', 'claims_handler', 'collections_manager']);
    return { data: (await listSubscriptions(db, requireActor(request).tenant.id, 'staff')).map(renderSubscription) };
  });

  scope.post('/reports/subscriptions', { schema: { tags, summary: 'Subscribe an address to a report daily, weekly or monthly', body: staffSubscriptionBody } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const body = request.body as z.infer<typeof staffSubscriptionBody>;
      requireReportRole(request, body.report);
      const created = await createSubscription(uow, config.BUSINESS_TIME_ZONE, { ...body, parameters: body.parameters ?? {}, channel: 'staff' });
      if (!created.ok) throw reportApiError(created.error);
      return { status: 201, body: renderSubscription(created.value) };
    }));

  scope.get('/reports/subscriptions/:id/deliveries', { schema: { tags, summary: 'What a subscription delivered: one message per report date', params: subscriptionParams } }, async (request) => {
    requireRole(request, ['underwriter', 'claims_handler', 'collections_manager']);
    const { id } = request.params as z.infer<typeof subscriptionParams>;
    const tenantId = requireActor(request).tenant.id;
    if (!(await listSubscriptions(db, tenantId, 'staff')).some((row) => row.id === id)) throw reportApiError({ kind: 'unknown_subscription', subscriptionId: id });
    const rows = await listDeliveries(db, tenantId, id);
    return { data: rows.map((row) => ({ reportDate: row.reportDate, mailMessageId: row.mailMessageId, deliveredAt: row.deliveredAt.toISOString() })) };
  });

  scope.delete('/reports/subscriptions/:id', { schema: { tags, summary: 'Cancel a staff subscription', params: subscriptionParams } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      requireRole(request, ['underwriter', 'claims_handler', 'collections_manager']);
      const cancelled = await cancelSubscription(uow, 'staff', (request.params as z.infer<typeof subscriptionParams>).id);
      if (!cancelled.ok) throw reportApiError(cancelled.error);
      return { status: 200, body: renderSubscription(cancelled.value) };
    }));

  scope.get('/reports/:report', { schema: { tags, summary: 'A report as JSON or CSV, as the book stood at the close of asOf (default today)', params: reportParams, querystring: reportQuery } }, async (request, reply) => {
    const { report } = request.params as z.infer<typeof reportParams>;
    requireReportRole(request, report);
    const { asOf, by, format } = request.query as z.infer<typeof reportQuery>;
    const { tenant } = requireActor(request);
    const drawn = await drawReport(db, { id: tenant.id, now: clockFor(scope.platform, tenant).now(), timeZone: config.BUSINESS_TIME_ZONE }, { report, asOf, parameters: { by } });
    if (!drawn.ok) throw reportApiError(drawn.error);
    return answerTable(reply, drawn.value, format);
  });
}
