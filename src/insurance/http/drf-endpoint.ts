// Credable routes (spec §2.3): every path with and without trailing slash, never a redirect, and a DRF 405 for the
// other methods. The documented spelling is shown in /docs: collections with the slash, items without.
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { ApiError } from '../../platform/http/api-error.js';
import { inCredableTerms } from './credable-errors.js';

const ALL_METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Registers `path` and `path/` for `method`, and a DRF 405 for every other method on both; domain errors answer in Credable's body. */
export function endpoint(
  scope: FastifyInstance, method: 'GET' | 'POST', paths: readonly string[], handler: Handler, docs: { tags: string[]; summary: string; collection?: string },
): void {
  const notAllowed = ALL_METHODS.filter((m) => m !== method && !(method === 'GET' && m === 'GET'));
  const refuse = async () => {
    throw new ApiError('method_not_allowed', 'Method not allowed');
  };
  const answer: Handler = (request, reply) => inCredableTerms(() => handler(request, reply));
  for (const path of paths) {
    for (const url of [path, `${path}/`]) {
      // Documentation only: the body is validated by the domain (DRF messages), not by a route schema.
      scope.route({ method, url, handler: answer, schema: { tags: docs.tags, summary: docs.summary, hide: url.endsWith('/') !== (path === docs.collection) } });
      scope.route({ method: method === 'POST' ? [...notAllowed, 'HEAD'] : notAllowed, url, handler: refuse, schema: { hide: true } });
    }
  }
}

