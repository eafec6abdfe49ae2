// A customer's scheduled reports on the management API (/management/v1/reports): the tenant subscribes one of its
// cover customers to a report narrowed to that customer's book (exposure, cases), delivered to the customer's
// address unless another is given. Errors in the platform's `{"error":{code,message,issues?}}` body.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor, runMutation } from '../../../platform/http/mutation.js';
import { clockFor } from '../../../platform/services.js';
import { drawReport } from '../draw-report.js';
import { listDeliveries, listSubscriptions } from '../store.js';
import { cancelSubscription } from '../use-cases/cancel-subscription.js';
import { createSubscription } from '../use-cases/create-subscription.js';
import { answerTable, renderSubscription, reportApiError, reportParams, reportQuery, subscriptionFields, subscriptionParams } from './report-wire.js';

const tags = ['Customer reports'];
const customerId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const customerSubscriptionBody = z.strictObject({ ...subscriptionFields, customerId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER), email: z.email().max(254).optional() });
const customerReportQuery = reportQuery.extend({ customerId });

export async function managementReportRoutes(scope: FastifyInstance): Promise<void> {
  const { db, config } = scope.platform;

  scope.get('/reports/subscriptions', { schema: { tags, summary: "Customers' report subscriptions" } }, async (request) =>
    ({ data: (await listSubscriptions(db, requireActor(request).tenant.id, 'management')).map(renderSubscription) }));

  scope.post('/reports/subscriptions', { schema: { tags, summary: "Subscribe a customer to a report on that customer's book", body: customerSubscriptionBody } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const body = request.body as z.infer<typeof customerSubscriptionBody>;
      const created = await createSubscription(uow, config.BUSINESS_TIME_ZONE, { ...body, parameters: body.parameters ?? {}, channel: 'management' });
      if (!created.ok) throw reportApiError(created.error);
      return { status: 201, body: renderSubscription(created.value) };
    }));

  scope.get('/reports/subscriptions/:id/deliveries', { schema: { tags, summary: 'What a subscription delivered', params: subscriptionParams } }, async (request) => {
    const { id } = request.params as z.infer<typeof subscriptionParams>;
    const tenantId = requireActor(request).tenant.id;
    if (!(await listSubscriptions(db, tenantId, 'management')).some((row) => row.id === id)) throw reportApiError({ kind: 'unknown_subscription', subscriptionId: id });
    return { data: (await listDeliveries(db, tenantId, id)).map((row) => ({ reportDate: row.reportDate, mailMessageId: row.mailMessageId, deliveredAt: row.deliveredAt.toISOString() })) };
  });

  scope.delete('/reports/subscriptions/:id', { schema: { tags, summary: "Cancel a customer's subscription", params: subscriptionParams } }, (request, reply) =>
    runMutation(request, reply, async (uow) => {
      const cancelled = await cancelSubscription(uow, 'management', (request.params as z.infer<typeof subscriptionParams>).id);
      if (!cancelled.ok) throw reportApiError(cancelled.error);
      return { status: 200, body: renderSubscription(cancelled.value) };
    }));

  scope.get('/reports/:report', { schema: { tags, summary: "A report on one customer's book, as JSON or CSV, as of a date", params: reportParams, querystring: customerReportQuery } }, async (request, reply) => {
    const { report } = request.params as z.infer<typeof reportParams>;
    const query = request.query as z.infer<typeof customerReportQuery>;
    const { tenant } = requireActor(request);
    const drawn = await drawReport(db, { id: tenant.id, now: clockFor(scope.platform, tenant).now(), timeZone: config.BUSINESS_TIME_ZONE }, {
      report, asOf: query.asOf, parameters: { by: query.by }, customerId: query.customerId,
    });
    if (!drawn.ok) throw reportApiError(drawn.error);
    return answerTable(reply, drawn.value, query.format);
  });
}
