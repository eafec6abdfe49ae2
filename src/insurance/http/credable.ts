// Reinsure and Insure wire protocol (spec §5): paths with and without trailing slash, DRF 405 for other methods,
// every writing call through runMutation (idempotency, one transaction, audit).
import type { FastifyInstance } from 'fastify';
import { installJsonBodyParser } from '../../platform/http/json-body.js';
import { requireActor, runOptimisticMutation } from '../../platform/http/mutation.js';
import { businessDateAt } from '../../platform/dates.js';
import type { InsuranceContext } from '../context.js';
import type { ClientAction, Product } from '../domain/products.js';
import type { QuoteRequest } from '../domain/quote-request.js';
import { createQuote, tryCreateQuoteInBatch } from '../use-cases/create-quote.js';
import { type ActionBody, performAction, tryPerformActionInOneStatement } from '../use-cases/perform-quote-action.js';
import { readQuote } from '../use-cases/read-quote.js';
import { readActionBody } from './action-body.js';
import { validationError } from './credable-errors.js';
import { renderQuote } from './credable-quote.js';
import { endpoint } from './drf-endpoint.js';
import { validateQuoteRequest } from './quote-body.js';

/** URL path segments per action: the seed's spelling first, then the aliases of spec §5.1. */
const ACTION_ROUTES: Readonly<Record<ClientAction, readonly string[]>> = {
  activate: ['activate'],
  reject: ['reject'],
  settle: ['settle'],
  claim: ['claim'],
  sign_and_activate: ['sign-and-activate', 'sign_and_activate'],
  bankruptcy_claim: ['bankruptcy_claim', 'bankruptcy-claim'],
};

const PRODUCT_ACTIONS: Readonly<Record<Product, readonly ClientAction[]>> = {
  reinsure: ['activate', 'reject', 'settle', 'claim', 'bankruptcy_claim'],
  insure: ['activate', 'sign_and_activate', 'reject', 'settle', 'claim'],
};

/** A `POST /quotes/` body read against the business date of `now` (rules I and D1 compare with today). */
function quoteRequestOf(body: unknown, now: Date, ctx: InsuranceContext): QuoteRequest {
  const validated = validateQuoteRequest(body ?? {}, businessDateAt(now, ctx.config.timers.timeZone));
  if (!validated.ok) throw validationError(validated.error);
  return validated.value;
}

function actionBodyOf(action: ClientAction, body: unknown, now: Date, ctx: InsuranceContext): ActionBody {
  return readActionBody(action, body, businessDateAt(now, ctx.config.timers.timeZone));
}

export function quoteRoutes(product: Product, ctx: InsuranceContext) {
  const tags = [product === 'reinsure' ? 'Credable Reinsure' : 'Credable Insure'];
  return async (scope: FastifyInstance): Promise<void> => {
    // Decision: DRF reads an empty body with a JSON content type as "no data", so actions accept it (spec §2.3).
    installJsonBodyParser(scope, scope.platform.config.BODY_LIMIT_BYTES, { allowEmpty: true });

    endpoint(scope, 'POST', ['/quotes'], (request, reply) => runOptimisticMutation(request, reply, async (work) => {
      const row = await tryCreateQuoteInBatch(work, product, quoteRequestOf(request.body, work.now, ctx), ctx);
      return row && { status: 201, body: await renderQuote(work.db, row, ctx, true) };
    }, async (uow) => {
      const row = await createQuote(uow, product, quoteRequestOf(request.body, uow.now, ctx), ctx);
      return { status: 201, body: await renderQuote(uow.tx, row, ctx, true) };
    }), { tags, summary: 'Create a quote (answered as quote.pending; poll GET for the offer)', collection: '/quotes' });

    endpoint(scope, 'GET', ['/quotes/:id'], async (request, reply) => {
      const { tenant } = requireActor(request);
      const { id } = request.params as { id: string };
      const row = await readQuote(scope.platform, tenant, product, id, ctx, request.id);
      return reply.code(200).send(await renderQuote(scope.platform.db, row, ctx));
    }, { tags, summary: 'Get a quote (timers are applied before it is shown)' });

    for (const action of PRODUCT_ACTIONS[product]) {
      const paths = ACTION_ROUTES[action].map((segment) => `/quotes/:id/${segment}`);
      endpoint(scope, 'POST', paths, (request, reply) => runOptimisticMutation(request, reply, async (work) => {
        const body = actionBodyOf(action, request.body, work.now, ctx);
        const row = await tryPerformActionInOneStatement(work, product, (request.params as { id: string }).id, action, body, ctx);
        return row && { status: 200, body: await renderQuote(work.db, row, ctx) };
      }, async (uow) => {
        const body = actionBodyOf(action, request.body, uow.now, ctx);
        const row = await performAction(uow, product, (request.params as { id: string }).id, action, body, ctx);
        return { status: 200, body: await renderQuote(uow.tx, row, ctx) };
      }), { tags, summary: `Quote action: ${action}` });
    }
  };
}
