import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkClientCredentials, issueAccessToken } from '../../auth/authenticate.js';
import type { Actor } from '../../auth/actor.js';
import { ApiError } from '../api-error.js';
import { firstHeader } from '../face.js';
import { parseBasicAuthorization } from './basic-auth.js';

/** `POST /authenticate/v2/tokens` (and the older v1 shape) for the Cover and Non-Payments APIs (spec §4). */
export async function atradiusTokenRoutes(scope: FastifyInstance): Promise<void> {
  const issue = async (authorization: string | undefined, appKey: string | undefined): Promise<{ actor: Actor; token: Awaited<ReturnType<typeof issueAccessToken>> }> => {
    const basic = parseBasicAuthorization(authorization);
    if (!basic) throw new ApiError('missing_credentials', 'Basic client credentials are required');
    if (!appKey) throw new ApiError('missing_credentials', 'The Atradius-App-Key header is required');
    const { db, clock } = scope.platform;
    const check = await checkClientCredentials(db, { ...basic, appKey, products: ['cover', 'nonpayment'] });
    if (!check.ok) throw new ApiError('invalid_credentials', 'Invalid client credentials or app key');
    return { actor: check.actor, token: await issueAccessToken(db, check.actor, clock.now()) };
  };
  const common = { config: { public: true }, schema: { tags: ['Authentication (Cover, Non-Payments)'] } };

  scope.post(
    '/v2/tokens',
    {
      ...common,
      schema: {
        ...common.schema,
        summary: 'Obtain a bearer token (v2)',
        description: 'Basic client credentials plus the `Atradius-App-Key` header; empty JSON body. Token valid 1800 s. `Idempotency-Key` is ignored: each call issues a new token.',
        response: { 200: z.object({ data: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() }) }) },
      },
    },
    async (request) => {
      const { token } = await issue(firstHeader(request.headers.authorization), firstHeader(request.headers['atradius-app-key']));
      return { data: { access_token: token.accessToken, token_type: 'Bearer' as const, expires_in: token.expiresIn } };
    },
  );
  scope.post(
    '/v1/tokens',
    {
      ...common,
      schema: {
        ...common.schema,
        summary: 'Obtain a bearer token (v1 shape)',
        description: 'As v2, answered in the older shape. `Idempotency-Key` is ignored: each call issues a new token.',
        response: { 200: z.object({ data: z.object({ accessToken: z.string(), expires_in: z.number().int() }) }) },
      },
    },
    async (request) => {
      const { token } = await issue(firstHeader(request.headers.authorization), firstHeader(request.headers['atradius-app-key']));
      return { data: { accessToken: token.accessToken, expires_in: token.expiresIn } };
    },
  );
}
