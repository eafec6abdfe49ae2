import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appKeyFits } from '../../auth/authenticate.js';
import type { Product } from '../../auth/products.js';
import { ApiError, type ApiErrorKind, type FieldIssue } from '../api-error.js';
import { firstHeader, secretFromAuthorization, type WireFace } from '../face.js';

/** Atradius-style faces (Cover, Non-Payments): `{"errors":[…]}` bodies, bearer token plus app key, spec §4 and §7. */
const CODES: Partial<Record<ApiErrorKind, string>> = {
  bad_request: 'BAD_REQUEST',
  malformed_json: 'INVALID_JSON',
  missing_credentials: 'UNAUTHORIZED',
  invalid_credentials: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  method_not_allowed: 'METHOD_NOT_ALLOWED',
  conflict: 'CONFLICT',
  invalid_state: 'INVALID_STATE',
  idempotency_key_reused: 'IDEMPOTENCY_KEY_REUSED',
  unprocessable: 'UNPROCESSABLE',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  rate_limited: 'TOO_MANY_REQUESTS',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
};

export const CORRELATION_HEADER = 'atradius-correlation-id';

function issueEntry(status: string, issue: FieldIssue) {
  const source =
    issue.location === 'query' || issue.location === 'headers'
      ? { parameter: String(issue.path[0] ?? '') }
      : { pointer: `/${issue.path.map(String).join('/')}` };
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  return {
    status,
    code: issue.code === 'required' ? 'REQUIRED' : 'INVALID_VALUE',
    title: STATUS_CODES[Number(status)] ?? 'Error',
    detail: issue.code === 'required' ? `${field} is required` : `${field}: ${issue.message}`,
    source,
  };
}

function atradiusFace(product: Extract<Product, 'cover' | 'nonpayment'>): WireFace {
  return {
    name: `atradius-${product}`,
    products: [product],
    async authenticate(request, services) {
      const secret = secretFromAuthorization(firstHeader(request.headers.authorization), ['Bearer']);
      if (!secret) throw new ApiError('missing_credentials', 'Missing or malformed bearer token');
      const resolution = await services.resolveBearer(secret);
      if (!resolution) throw new ApiError('invalid_credentials', 'The access token is invalid or has expired');
      const { actor } = resolution;
      if (!appKeyFits(resolution.appKeyHash, firstHeader(request.headers['atradius-app-key']))) {
        throw new ApiError('invalid_credentials', 'Missing or invalid Atradius-App-Key');
      }
      if (actor.product !== product) throw new ApiError('forbidden', 'The client has no role for this API');
      return actor;
    },
    formatError(error, _request) {
      const status = String(error.statusCode);
      if (error.kind === 'validation' && error.issues.length > 0) {
        return { status: error.statusCode, body: { errors: error.issues.map((issue) => issueEntry(status, issue)) } };
      }
      const entry = {
        status,
        code: error.options.code ?? CODES[error.kind] ?? 'ERROR',
        title: STATUS_CODES[error.statusCode] ?? 'Error',
        detail: error.kind === 'internal' ? 'Internal server error' : error.message,
      };
      return { status: error.statusCode, body: { errors: [entry] } };
    },
    decorateReply(request: FastifyRequest, reply: FastifyReply) {
      const correlationId = firstHeader(request.headers[CORRELATION_HEADER]) ?? randomUUID();
      reply.header('Atradius-Correlation-Id', correlationId.slice(0, 200));
    },
  };
}

export const coverFace = atradiusFace('cover');
export const nonPaymentFace = atradiusFace('nonpayment');
