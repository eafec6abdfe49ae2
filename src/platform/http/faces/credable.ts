import type { Product } from '../../auth/products.js';
import { ApiError, type FieldIssue } from '../api-error.js';
import { firstHeader, secretFromAuthorization, type ErrorContext, type WireFace } from '../face.js';

/**
 * Credable faces (Connect, Reinsure, Insure): Django REST Framework error bodies, invoice-insurance spec §2.1, §3, §8.
 * One face per product so that a key of one product is refused on the others.
 */
type DrfErrorTree = { [field: string]: DrfErrorTree | { message: string; code: string }[] };

function drfFieldErrors(issues: FieldIssue[]): DrfErrorTree {
  const tree: DrfErrorTree = {};
  for (const issue of issues) {
    const path = issue.path.length > 0 ? issue.path.map(String) : ['non_field_errors'];
    let node = tree;
    for (const segment of path.slice(0, -1)) {
      const child = node[segment];
      if (child === undefined || Array.isArray(child)) node[segment] = {};
      node = node[segment] as DrfErrorTree;
    }
    const leaf = path[path.length - 1] as string;
    const existing = node[leaf];
    const list = Array.isArray(existing) ? existing : [];
    list.push({ message: issue.message, code: issue.code });
    node[leaf] = list;
  }
  return tree;
}

function single(message: string, code: string) {
  return { message, code };
}

function drfBody(error: ApiError, request: ErrorContext): unknown {
  switch (error.kind) {
    case 'validation':
      return drfFieldErrors(error.issues);
    case 'missing_credentials':
      return single('Authentication credentials were not provided.', 'not_authenticated');
    case 'invalid_credentials':
      return single('Invalid token.', 'authentication_failed');
    case 'forbidden':
      return single('You do not have permission to perform this action.', 'permission_denied');
    case 'not_found':
      return single('Not Found.', 'not_found');
    case 'method_not_allowed':
      return single(`Method "${request.method}" not allowed.`, 'method_not_allowed');
    case 'malformed_json':
      return single(error.message, 'parse_error');
    case 'unsupported_media_type':
      return single(`Unsupported media type "${request.headers['content-type'] ?? ''}" in request.`, 'unsupported_media_type');
    case 'rate_limited':
      return single(`Request was throttled. Expected available in ${error.options.retryAfterSeconds ?? 60} seconds.`, 'throttled');
    case 'internal':
      return single('A server error occurred.', 'error');
    default:
      return single(error.message, error.options.code ?? error.kind);
  }
}

function credableFace(product: Extract<Product, 'connect' | 'reinsure' | 'insure'>): WireFace {
  return {
    name: `credable-${product}`,
    products: [product],
    async authenticate(request, services) {
      const header = firstHeader(request.headers.authorization);
      if (header === undefined || header.trim() === '') throw new ApiError('missing_credentials', 'Authentication credentials were not provided.');
      const secret = secretFromAuthorization(header, ['Token', 'Bearer']);
      const actor = secret ? await services.resolveBearerSecret(secret) : undefined;
      if (!actor) throw new ApiError('invalid_credentials', 'Invalid token.');
      if (actor.product !== product) throw new ApiError('forbidden', 'You do not have permission to perform this action.');
      return actor;
    },
    formatError(error, request) {
      return { status: error.statusCode, body: drfBody(error, request) };
    },
  };
}

export const connectFace = credableFace('connect');
export const reinsureFace = credableFace('reinsure');
export const insureFace = credableFace('insure');
