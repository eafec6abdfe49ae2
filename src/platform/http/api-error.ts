/**
 * Errors the HTTP layer answers, independent of wire protocol. Each face turns them into its own documented
 * body (DRF style for Credable, `{error,message}` for Receeve, JSON:API-like `errors[]` for the Atradius faces).
 */
export type ApiErrorKind =
  | 'validation'
  | 'bad_request'
  | 'malformed_json'
  | 'missing_credentials'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'invalid_state'
  | 'idempotency_key_reused'
  | 'unprocessable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const DEFAULT_STATUS: Record<ApiErrorKind, number> = {
  validation: 400,
  bad_request: 400,
  malformed_json: 400,
  missing_credentials: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_state: 409,
  idempotency_key_reused: 409,
  unprocessable: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** One problem with one input field; `path` is the location inside the body (or the query/header name). */
export interface FieldIssue {
  path: (string | number)[];
  /** Machine code in DRF's vocabulary: required, invalid, null, blank, max_length, min_value, … */
  code: string;
  message: string;
  location?: 'body' | 'query' | 'params' | 'headers';
}

export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly options: { issues?: FieldIssue[]; code?: string; status?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = options.status ?? DEFAULT_STATUS[kind];
  }

  get issues(): FieldIssue[] {
    return this.options.issues ?? [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
