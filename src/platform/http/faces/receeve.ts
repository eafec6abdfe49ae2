import { ApiError } from '../api-error.js';
import { firstHeader, secretFromAuthorization, type ErrorContext, type WireFace } from '../face.js';

/** Debt-servicing face (Receeve API): `{error, message}` bodies, spec §1.6 and §7.1 A1-A3. */
const ERROR_NAMES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableEntity',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
};

function describeValidation(error: ApiError): string {
  if (error.issues.length === 0) return 'Invalid request body';
  const details = error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
  const parametersOnly = error.issues.every((issue) => issue.location === 'query' || issue.location === 'params');
  return `${parametersOnly ? 'Invalid request parameters' : 'Invalid request body'}: ${details.join('; ')}`;
}

export const receeveFace: WireFace = {
  name: 'receeve',
  products: ['servicing'],
  async authenticate(request, services) {
    const header = firstHeader(request.headers.authorization);
    if (header === undefined || header.trim() === '') {
      throw new ApiError('bad_request', 'Missing required request parameters: [Authorization]');
    }
    const secret = secretFromAuthorization(header, ['Bearer']);
    const actor = secret ? await services.resolveBearerSecret(secret) : undefined;
    if (!actor) throw new ApiError('invalid_credentials', 'Unauthorized');
    if (actor.product !== 'servicing') throw new ApiError('forbidden', 'Access is denied: the token is not valid for this API');
    const pathClientId = (request.params as { clientId?: string } | undefined)?.clientId;
    if (pathClientId !== undefined && pathClientId !== actor.tenant.clientId) {
      throw new ApiError('forbidden', 'Access is denied for this clientId');
    }
    return actor;
  },
  formatError(error: ApiError, _request: ErrorContext) {
    const status = error.statusCode;
    const message = error.kind === 'validation' ? describeValidation(error) : error.message;
    return { status, body: { error: ERROR_NAMES[status] ?? 'Error', message } };
  },
};
