import type { Product } from '../../auth/products.js';
import { ApiError } from '../api-error.js';
import { firstHeader, secretFromAuthorization, type WireFace } from '../face.js';

/** Tradecredit's own API (management, sandbox): `{"error":{code,message,issues?}}` bodies. */
export function platformFace(name: string, products: readonly Product[] | 'any'): WireFace {
  return {
    name,
    products,
    async authenticate(request, services) {
      const header = firstHeader(request.headers.authorization);
      if (header === undefined || header.trim() === '') throw new ApiError('missing_credentials', 'An Authorization header is required');
      const secret = secretFromAuthorization(header, ['Bearer', 'Token']);
      const actor = secret ? await services.resolveBearerSecret(secret) : undefined;
      if (!actor) throw new ApiError('invalid_credentials', 'The credential is invalid, revoked or expired');
      if (products !== 'any' && !products.includes(actor.product)) {
        throw new ApiError('forbidden', `This API needs a ${products.join(' or ')} credential`);
      }
      return actor;
    },
    formatError(error) {
      const body: { code: string; message: string; issues?: unknown } = {
        code: error.options.code ?? error.kind,
        message: error.kind === 'internal' ? 'Internal server error' : error.message,
      };
      if (error.issues.length > 0) {
        body.issues = error.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message }));
      }
      return { status: error.statusCode, body: { error: body } };
    },
  };
}

export const managementFace = platformFace('management', ['management']);
/** Sandbox controls take any credential of the tenant, so an integrator holding only one product's key can use them. */
export const sandboxFace = platformFace('sandbox', 'any');
export const anonymousPlatformFace = platformFace('platform', 'any');
