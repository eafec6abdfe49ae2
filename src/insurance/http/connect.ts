// Credable Connect wire protocol (spec §4): create a quote request, poll it. DRF bodies and statuses come from the
// Connect face; writes go through runMutation (idempotency, one transaction, audit).
import type { FastifyInstance } from 'fastify';
import { installJsonBodyParser } from '../../platform/http/json-body.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import { businessDateAt } from '../../platform/dates.js';
import { formatDecimalAmount } from '../../platform/money.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { discountCodesFor } from '../config.js';
import type { ConnectRequestRow } from '../connect/store.js';
import type { ConnectContext } from '../context.js';
import type { ConnectQuoteRequest } from '../domain/connect-request.js';
import { type ConnectStatus, flagsOf } from '../domain/connect-state.js';
import { createConnectRequest } from '../use-cases/connect/create-quote-request.js';
import { readConnectRequest } from '../use-cases/connect/read-quote-request.js';
import { validateConnectQuoteRequest } from './connect-request-body.js';
import { validationError } from './credable-errors.js';
import { endpoint } from './drf-endpoint.js';

const tags = ['Credable Connect'];

/** A quote-request body read against the business date of `now` and the discount codes in force for the tenant. */
function connectRequestOf(body: unknown, now: Date, tenant: Tenant, ctx: ConnectContext): ConnectQuoteRequest {
  const today = businessDateAt(now, ctx.config.timers.timeZone);
  const validated = validateConnectQuoteRequest(body, today, discountCodesFor(ctx.config, tenant));
  if (!validated.ok) throw validationError(validated.error);
  return validated.value;
}

export function connectRoutes(ctx: ConnectContext) {
  return async (scope: FastifyInstance): Promise<void> => {
    installJsonBodyParser(scope, scope.platform.config.BODY_LIMIT_BYTES, { allowEmpty: true });

    endpoint(scope, 'POST', ['/quote-requests'], (request, reply) => runMutation(request, reply, async (uow) => {
      const row = await createConnectRequest(uow, connectRequestOf(request.body ?? {}, uow.now, uow.tenant, ctx), ctx);
      return { status: 201, body: renderConnectRequest(row) };
    }), { tags, summary: 'Create a quote request (answered pending; the quote is e-mailed to the seller)', collection: '/quote-requests' });

    endpoint(scope, 'GET', ['/quote-requests/:id'], async (request, reply) => {
      const { tenant } = requireActor(request);
      const { id } = request.params as { id: string };
      const row = await readConnectRequest(scope.platform, tenant, id, ctx, request.id);
      return reply.code(200).send(renderConnectRequest(row));
    }, { tags, summary: 'Poll a quote request (pending until priced and e-mailed)' });
  };
}

/** The quote-request object of spec §4.3, in the seed's field order; absent optionals are null, the amount as sent. */
export function renderConnectRequest(row: ConnectRequestRow): Record<string, unknown> {
  const flags = flagsOf(row.status as ConnectStatus);
  return {
    id: row.id,
    seller_identifier: row.sellerIdentifier,
    seller_country: row.sellerCountry,
    seller_email: row.sellerEmail,
    seller_language: row.sellerLanguage,
    seller_first_name: row.sellerFirstName,
    seller_last_name: row.sellerLastName,
    buyer_identifier: row.buyerIdentifier,
    buyer_country: row.buyerCountry,
    invoice_amount: row.invoiceAmountText ?? formatDecimalAmount(row.invoiceAmount, row.invoiceCurrency),
    invoice_amount_currency: row.invoiceCurrency,
    invoice_payment_terms: row.invoicePaymentTerms,
    invoice_number: row.invoiceNumber,
    invoice_issue_date: row.invoiceIssueDate,
    invoice_due_date: row.invoiceDueDate,
    discount_code: row.discountCode,
    pending: flags.pending,
    success: flags.success,
    new_user: row.newUser,
  };
}
