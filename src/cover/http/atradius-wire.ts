// What the Cover, Buyer search and Policy details routes share on the Atradius wire: the mapping of Cover domain
// errors to the documented `{"errors":[…]}` body (spec §4, §7), unknown-query-parameter refusal and amount rendering.
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { coverFace } from '../../platform/http/faces/atradius.js';
import type { WireFace } from '../../platform/http/face.js';
import { sendFaceError } from '../../platform/http/register-face.js';
import { AMOUNT_RULE_TEXT, type CoverError } from '../domain/errors.js';

export interface WireErrorEntry {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: { parameter: string } | { pointer: string };
}

/** A Cover domain error on its way out of a request: the transaction rolls back and the scope answers `status` + body. */
export class CoverWireError extends Error {
  constructor(readonly status: number, readonly entries: WireErrorEntry[]) {
    super(entries[0]?.detail ?? 'Cover error');
    this.name = 'CoverWireError';
  }
}

function entry(status: number, code: string, detail: string, source?: WireErrorEntry['source']): WireErrorEntry {
  return { status: String(status), code, title: STATUS_CODES[status] ?? 'Error', detail, ...(source ? { source } : {}) };
}

const pointer = (prefix: string, field: string) => ({ pointer: `${prefix}/${field}` });

/** Status and error entry of a Cover domain error (spec §7 codes and texts); `prefix` points into a batch item. */
export function wireError(error: CoverError, prefix = ''): { status: number; entry: WireErrorEntry } {
  const make = (status: number, code: string, detail: string, source?: WireErrorEntry['source']) => ({ status, entry: entry(status, code, detail, source) });
  switch (error.code) {
    case 'BUYER_NOT_FOUND': return make(404, 'BUYER_NOT_FOUND', 'No buyer match found', pointer(prefix, 'buyerId'));
    case 'COVER_EXISTS': return make(409, 'COVER_EXISTS', 'Credit limit/credit check already exists for this buyer.');
    case 'INVALID_AMOUNT': return make(400, 'INVALID_AMOUNT', AMOUNT_RULE_TEXT, pointer(prefix, error.field));
    case 'SUPERSEDE_NOT_ALLOWED': return make(409, 'SUPERSEDE_NOT_ALLOWED', 'New Application cannot supersede existing cover');
    case 'ACTION_REFUSED': return make(200, 'ACTION_REFUSED', 'Action has been refused.');
    case 'INVALID_VALUE': return make(400, 'INVALID_VALUE', error.detail, pointer(prefix, error.field));
    case 'REQUIRED': return make(400, 'REQUIRED', `${error.field} is required`, pointer(prefix, error.field));
    case 'INVALID_DATE': return make(400, 'INVALID_DATE', `${error.field} must be a valid date (YYYY-MM-DD), today or later`, pointer(prefix, error.field));
    case 'INVALID_STATE': return make(409, 'INVALID_STATE', `Action not allowed in status ${error.status}`);
    case 'NO_COVER': return make(422, 'NO_COVER', 'No cover found for this buyer');
    case 'POLICY_NOT_LIVE': return make(422, 'POLICY_NOT_LIVE', 'Policy is not live');
    case 'CUSTOMER_FORBIDDEN': return make(403, 'FORBIDDEN', 'The client may not use this customerId', pointer(prefix, 'customerId'));
    case 'POLICY_FORBIDDEN': return make(403, 'FORBIDDEN', 'The client may not use this policyId', pointer(prefix, 'policyId'));
    case 'COVER_NOT_FOUND': return make(404, 'NOT_FOUND', 'Cover not found');
    case 'CURRENCY_NOT_ALLOWED': return make(400, 'INVALID_VALUE', `currencyCode ${error.currency} is not the policy currency`, pointer(prefix, 'currencyCode'));
    case 'CAPACITY_EXCEEDED': return make(422, 'CAPACITY_EXCEEDED', 'Not enough capacity on this buyer');
  }
}

export function throwCoverError(error: CoverError): never {
  const { status, entry: body } = wireError(error);
  throw new CoverWireError(status, [body]);
}

/** Throws a query-parameter error in the Atradius shape (`source.parameter`). */
export function queryError(status: number, code: string, detail: string, parameter: string): never {
  throw new CoverWireError(status, [entry(status, code, detail, { parameter })]);
}

/** Routes in a child scope that answers CoverWireErrors; every other error keeps the face's shape. */
export function withCoverErrors(routes: (scope: FastifyInstance) => Promise<void>) {
  return withAtradiusErrors(coverFace, routes);
}

/**
 * The same for any Atradius-style face (Cover, Non-Payments): a thrown CoverWireError (the `errors[]` body of spec §4)
 * is answered as is; every other error keeps `face`'s shape.
 */
export function withAtradiusErrors(face: WireFace, routes: (scope: FastifyInstance) => Promise<void>) {
  return async (scope: FastifyInstance): Promise<void> => {
    await scope.register(async (inner) => {
      installAtradiusErrors(inner, face);
      await routes(inner);
    });
  };
}

function installAtradiusErrors(scope: FastifyInstance, face: WireFace): void {
  scope.setErrorHandler((error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof CoverWireError) return reply.code(error.status).type('application/json; charset=utf-8').send({ errors: error.entries });
    return sendFaceError(face, error, request, reply);
  });
}

/** A preValidation hook refusing query parameters the route does not know (the real gateway does, spec §4). */
export function onlyQuery(...names: string[]) {
  const allowed = new Set(names);
  return async (request: FastifyRequest) => {
    for (const name of Object.keys((request.query ?? {}) as Record<string, unknown>)) {
      if (!allowed.has(name)) queryError(400, 'UNKNOWN_QUERY_PARAMETER', 'Unknown query parameter', name);
    }
  };
}

const INTEGER = /^\d{1,15}$/;

/** A positive integer query/path value, or a 400 naming the parameter. */
export function integerParameter(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !INTEGER.test(value) || Number(value) === 0) queryError(400, 'INVALID_VALUE', `${name} must be a positive integer`, name);
  return Number(value);
}

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})?)?$/;

/** `fromDate`/`toDate`: `YYYY-MM-DD` (midnight UTC) or a timestamp with or without offset (UTC when absent). */
export function dateParameter(value: unknown, name: string): Date | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !DATE_OR_TIME.test(value)) return queryError(400, 'INVALID_DATE', `${name} must be YYYY-MM-DD or an ISO-8601 timestamp`, name);
  const text = value.length === 10 ? `${value}T00:00:00Z` : /Z|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text.slice(0, 10) && value.length === 10) {
    return queryError(400, 'INVALID_DATE', `${name} must be YYYY-MM-DD or an ISO-8601 timestamp`, name);
  }
  return date;
}

export const MAX_PAGE_SIZE = 1000;

/** Optional `page` (1-based) and `pageSize` (1–1000); both or neither. */
export function pageParameters(query: Record<string, unknown>, required: boolean): { page: number; pageSize: number } | undefined {
  const page = integerParameter(query.page, 'page');
  const pageSize = integerParameter(query.pageSize, 'pageSize');
  if (page === undefined && pageSize === undefined) {
    if (required) queryError(400, 'REQUIRED', 'page and pageSize are required', 'page');
    return undefined;
  }
  if (pageSize !== undefined && pageSize > MAX_PAGE_SIZE) queryError(400, 'INVALID_VALUE', `pageSize must be 1 to ${MAX_PAGE_SIZE}`, 'pageSize');
  return { page: page ?? 1, pageSize: pageSize ?? 100 };
}

export function pageMeta(page: { page: number; pageSize: number }, totalItems: number) {
  return { page: page.page, pageSize: page.pageSize, totalItems, totalPages: Math.ceil(totalItems / page.pageSize) };
}

/** Decision: registry ratings 1-10 are shown as the rating and a class; identifiers are national registration numbers. */
export function ratingClassOf(rating: number): string {
  if (rating <= 3) return 'Low';
  if (rating <= 5) return 'Moderate';
  if (rating <= 7) return 'Elevated';
  if (rating <= 9) return 'High';
  return 'Failed';
}

export function uniqueIdentifiersOf(registryId: string) {
  return [{ uid: registryId, uidType: 'NRN', uidTypeDescription: 'National registration number' }];
}

/** One `errors[]` entry in the Atradius shape (spec §4), for other Atradius-style faces mapping their own errors. */
export { entry as errorEntry };
