// Reinsure and Insure wire protocol (spec §5): paths with and without trailing slash, DRF 405 for other methods,
// every writing call through runMutation (idempotency, one transaction, audit).
import type { FastifyInstance } from 'fastify';
import { installJsonBodyParser } from '../../platform/http/json-body.js';
import { requireActor, runOptimisticMutation } from '../../platform/http/mutation.js';
import type { ClientAction, Product } from '../domain/products.js';
import { endpoint } from './drf-endpoint.js';
import { type InsuranceContext, createQuote, performAction, readQuote, renderQuote, tryCreateQuoteInBatch,
  tryPerformActionInOneStatement } from '../service.js';

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

export function quoteRoutes(product: Product, ctx: InsuranceContext) {
  const tags = [product === 'reinsure' ? 'Credable Reinsure' : 'Credable Insure'];
  return async (scope: FastifyInstance): Promise<void> => {
    // Decision: DRF reads an empty body with a JSON content type as "no data", so actions accept it (spec §2.3).
    installJsonBodyParser(scope, scope.platform.config.BODY_LIMIT_BYTES, { allowEmpty: true });

    endpoint(scope, 'POST', ['/quotes'], (request, reply) => runOptimisticMutation(request, reply, async (work) => {
      const row = await tryCreateQuoteInBatch(work, product, request.body ?? {}, ctx);
      return row && { status: 201, body: await renderQuote(work.db, row, ctx, true) };
    }, async (uow) => {
      const row = await createQuote(uow, product, request.body ?? {}, ctx);
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
        const row = await tryPerformActionInOneStatement(work, product, (request.params as { id: string }).id, action, request.body, ctx);
        return row && { status: 200, body: await renderQuote(work.db, row, ctx) };
      }, async (uow) => {
        const row = await performAction(uow, product, (request.params as { id: string }).id, action, request.body, ctx);
        return { status: 200, body: await renderQuote(uow.tx, row, ctx) };
      }), { tags, summary: `Quote action: ${action}` });
    }
  };
}
