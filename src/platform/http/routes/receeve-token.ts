import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkClientCredentials, issueAccessToken } from '../../auth/authenticate.js';
import { ApiError } from '../api-error.js';
import { firstHeader } from '../face.js';
import { parseBasicAuthorization } from './basic-auth.js';

const tokenResponse = z.object({
  access_token: z.string(),
  expires_in: z.number().int(),
  token_type: z.literal('Bearer'),
});

/** `POST /v1/oauth2/token` (debt-servicing spec §3.1): Basic client credentials, form body, 3600 s bearer token. */
export async function receeveTokenRoute(scope: FastifyInstance): Promise<void> {
  scope.post(
    '/oauth2/token',
    {
      config: { public: true },
      schema: {
        tags: ['Debt servicing'],
        summary: 'Exchange API client credentials for a bearer token (getOauth2Token)',
        description: 'Basic authentication with the API client id and secret; `application/x-www-form-urlencoded` body (optional `grant_type=client_credentials`). The token is valid for 3600 s and bound to one clientId. `Idempotency-Key` is ignored: each call issues a new token.',
        response: { 200: tokenResponse },
      },
    },
    async (request) => {
      const contentType = firstHeader(request.headers['content-type']) ?? '';
      if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        throw new ApiError('bad_request', 'Content-Type must be application/x-www-form-urlencoded');
      }
      const basic = parseBasicAuthorization(firstHeader(request.headers.authorization));
      if (!basic) throw new ApiError('bad_request', 'Missing required request parameters: [Authorization]');
      const grantType = (request.body as Record<string, unknown> | undefined)?.grant_type;
      if (grantType !== undefined && grantType !== 'client_credentials') {
        throw new ApiError('bad_request', 'Unsupported grant_type: only client_credentials is supported');
      }
      const { db, clock } = scope.platform;
      const check = await checkClientCredentials(db, { ...basic, products: ['servicing'] });
      if (!check.ok) throw new ApiError('invalid_credentials', 'Unauthorized');
      const token = await issueAccessToken(db, check.actor, clock.now());
      return { access_token: token.accessToken, expires_in: token.expiresIn, token_type: 'Bearer' as const };
    },
  );
}
