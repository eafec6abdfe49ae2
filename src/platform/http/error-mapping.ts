import type { FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, type FieldIssue } from './api-error.js';

const LOCATIONS: Record<string, FieldIssue['location']> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** Turns whatever a route or Fastify threw into an ApiError; anything unexpected becomes `internal` (logged, never shown). */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) return fromValidation(error);
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError('malformed_json', 'JSON parse error - the request body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('malformed_json', "JSON parse error - Body cannot be empty when content-type is set to 'application/json'");
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('payload_too_large', 'Request body is larger than the allowed maximum');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('unsupported_media_type', 'Unsupported media type in request');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError('bad_request', 'Request body size did not match Content-Length');
    case 'FST_ERR_VALIDATION':
      return new ApiError('validation', fastifyError.message ?? 'Invalid request');
    default:
      break;
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    if (fastifyError.statusCode === 429) return new ApiError('rate_limited', 'Request was throttled');
    if (fastifyError.statusCode === 413) return new ApiError('payload_too_large', 'Request body is larger than the allowed maximum');
    if (fastifyError.statusCode === 415) return new ApiError('unsupported_media_type', 'Unsupported media type in request');
    return new ApiError('bad_request', fastifyError.message ?? 'Bad request', { status: fastifyError.statusCode });
  }
  return new ApiError('internal', 'Internal server error');
}

function fromValidation(error: FastifyError & { validation: { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[] }): ApiError {
  const location = LOCATIONS[(error as { validationContext?: string }).validationContext ?? 'body'] ?? 'body';
  const issues: FieldIssue[] = error.validation.map((item) => {
    const path = item.instancePath.split('/').filter((segment) => segment.length > 0);
    const missing = item.keyword === 'invalid_type' && /received undefined/.test(item.message ?? '');
    return {
      path,
      location,
      code: missing ? 'required' : item.keyword,
      message: missing ? 'This field is required.' : (item.message ?? 'Invalid value'),
    };
  });
  return new ApiError('validation', 'Invalid request', { issues });
}
