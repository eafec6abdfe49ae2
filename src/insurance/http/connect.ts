// Credable Connect wire protocol (spec §4): create a quote request, poll it. DRF bodies and statuses come from the
// Connect face; writes go through runMutation (idempotency, one transaction, audit).
import type { FastifyInstance } from 'fastify';
import { installJsonBodyParser } from '../../platform/http/json-body.js';
import { requireActor, runMutation } from '../../platform/http/mutation.js';
import type { ConnectContext } from '../connect/context.js';
import { createConnectRequest } from '../connect/create.js';
import { readConnectRequest, renderConnectRequest } from '../connect/read.js';
import { endpoint } from './drf-endpoint.js';

const tags = ['Credable Connect'];

export function connectRoutes(ctx: ConnectContext) {
  return async (scope: FastifyInstance): Promise<void> => {
    installJsonBodyParser(scope, scope.platform.config.BODY_LIMIT_BYTES, { allowEmpty: true });

    endpoint(scope, 'POST', ['/quote-requests'], (request, reply) => runMutation(request, reply, async (uow) => {
      const row = await createConnectRequest(uow, request.body ?? {}, ctx);
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
