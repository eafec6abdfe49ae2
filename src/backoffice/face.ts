import { ApiError } from '../platform/http/api-error.js';
import { firstHeader, secretFromAuthorization, type WireFace } from '../platform/http/face.js';

export const STAFF_ROLES = ['underwriter', 'claims_handler', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * The back office for insurer staff (`/backoffice/v1`): staff credentials (product `staff`) whose scopes are roles.
 * Errors use the platform's `{"error":{code,message,issues?}}` shape. Decision: staff act within their tenant's book.
 */
export const backofficeFace: WireFace = {
  name: 'backoffice',
  products: ['staff'],
  async authenticate(request, services) {
    const header = firstHeader(request.headers.authorization);
    if (header === undefined || header.trim() === '') throw new ApiError('missing_credentials', 'An Authorization header is required');
    const secret = secretFromAuthorization(header, ['Bearer', 'Token']);
    const actor = secret ? await services.resolveBearerSecret(secret) : undefined;
    if (!actor) throw new ApiError('invalid_credentials', 'The credential is invalid, revoked or expired');
    if (actor.product !== 'staff') throw new ApiError('forbidden', 'The back office needs a staff credential');
    return actor;
  },
  formatError(error) {
    const body: { code: string; message: string; issues?: unknown } = {
      code: error.options.code ?? error.kind,
      message: error.kind === 'internal' ? 'Internal server error' : error.message,
    };
    if (error.issues.length > 0) body.issues = error.issues.map((issue) => ({ path: issue.path, code: issue.code, message: issue.message }));
    return { status: error.statusCode, body: { error: body } };
  },
};
