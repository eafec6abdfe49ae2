import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../../platform/http/api-error.js';
import { receeveFace } from '../../platform/http/faces/receeve.js';
import { requireActor, runMutation, runOptimisticMutation, type MutationResult } from '../../platform/http/mutation.js';
import { registerFace } from '../../platform/http/register-face.js';
import { clockFor } from '../../platform/services.js';
import { ServicingRefusal } from '../domain/errors.js';
import { getAccount } from '../use-cases/get-account.js';
import { getAccountClaims } from '../use-cases/get-account-claims.js';
import { getAsyncRequest } from '../use-cases/get-async-request.js';
import { getDebtorAccountsAndClaims } from '../use-cases/get-debtor-accounts-and-claims.js';
import { getEvents } from '../use-cases/get-events.js';
import { queueAsyncRequest } from '../use-cases/queue-async-request.js';
import { recordReadTrigger } from '../use-cases/record-read-trigger.js';
import { OPERATIONS, parseBody, runOperation, tryOperationInOneStatement, zodIssues, type ReceeveOperation } from './receeve-operations.js';
import { renderAccountJson, renderAsyncRequest, renderClaim, renderDebtorAccount } from './render.js';
import { batchQuerySchema, dateSchema } from './schemas.js';

/*
 * The Receeve debt-servicing routes under /v1/{clientId}/… (spec §3.2, §3.3, §3.6). This file only translates:
 * query/body validation (400 `{error, message}` via the face), the async queued answer, the read shapes, and the
 * domain's whole-request refusals as Receeve error bodies. Item-level domain errors stay in the batch answer.
 */

const tags = ['Debt servicing'];

/** A whole-request refusal of the domain as the API error the Receeve face renders; any other error unchanged. */
export function receeveError(error: unknown): unknown {
  if (!(error instanceof ServicingRefusal)) return error;
  switch (error.refusal.code) {
    case 'CONCURRENT_CHANGE':
      return new ApiError('conflict', `${error.refusal.message}; retry the request`);
    case 'AMOUNTS_OUT_OF_RANGE':
      return new ApiError('bad_request', `Amounts out of range: ${error.refusal.message}`);
  }
}

function parseQuery<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiError('validation', 'Invalid request parameters', { issues: zodIssues(parsed.error.issues, 'query') });
}

function requireParams(query: Record<string, unknown>, names: readonly string[]): void {
  const missing = names.filter((name) => typeof query[name] !== 'string' || query[name] === '');
  if (missing.length > 0) throw new ApiError('bad_request', `Missing required request parameters: [${missing.join(', ')}]`);
}

async function handleOperation(definition: ReceeveOperation, request: FastifyRequest, reply: Parameters<typeof runMutation>[1]) {
  const query = parseQuery(batchQuerySchema, request.query ?? {});
  const body = parseBody(definition, request.body);
  const options = { triggerName: query.triggerName, forceAmountCheck: query.forceAmountCheck };
  // Only on PostgreSQL: the embedded database has one connection, on which concurrent requests' reads and writes
  // interleave (so a second writer's compare-and-set would mostly miss) and round trips cost next to nothing.
  if (!query.async && definition.singleStatement && request.server.platform.handle.engine === 'postgres') {
    return runOptimisticMutation(request, reply, async (work): Promise<MutationResult | null> => {
      const results = await tryOperationInOneStatement(work, definition, body, options);
      return results && { status: 200, body: results };
    }, (uow) => runOperationInTransaction(uow, definition, body, options));
  }
  return runMutation(request, reply, async (uow) => {
    if (query.async) {
      // Every item's messageId is the async request id: the key of get_async_request and of the outcome events.
      const asyncRequestId = await queueAsyncRequest(uow, request.server.platform.jobs, {
        operation: definition.name, body: request.body, query: options, requestId: request.id,
      });
      const queued = Object.fromEntries(definition.keys(body).map((key) => [key, { success: true, messages: ['Request queued'], messageIds: [asyncRequestId] }]));
      return { status: 200, body: queued };
    }
    return runOperationInTransaction(uow, definition, body, options);
  });
}

async function runOperationInTransaction(
  uow: Parameters<typeof runOperation>[0], definition: ReceeveOperation, body: unknown, options: Parameters<typeof runOperation>[3],
): Promise<MutationResult> {
  try {
    return { status: 200, body: await runOperation(uow, definition, body, options) };
  } catch (error) {
    throw receeveError(error);
  }
}

const claimsQuery = z.looseObject({
  accountReference: z.string().min(1),
  status: z.enum(['ACTIVE', 'RESOLVED']).optional(),
  paginationId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
});

const eventsQuery = z.looseObject({
  eventType: z.string().min(1).max(200),
  date: dateSchema,
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

/** Opaque cursor: base64url of the last claim's creation sequence. */
function encodeCursor(seq: number): string {
  return Buffer.from(`c${seq}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^c(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new ApiError('bad_request', 'Invalid paginationId');
  return Number(match[1]);
}

/** triggerName on a read (spec §1.3): recorded on every ACTIVE claim of the accounts read. */
async function fireReadTrigger(request: FastifyRequest, operation: string, accountReferences: string[]): Promise<void> {
  const triggerName = (request.query as Record<string, unknown> | undefined)?.triggerName;
  if (typeof triggerName !== 'string' || triggerName === '' || triggerName.length > 500 || accountReferences.length === 0) return;
  const { tenant } = requireActor(request);
  const platform = request.server.platform;
  await recordReadTrigger(platform.db, tenant.id, { triggerName, operation, requestId: request.id, accountReferences, now: clockFor(platform, tenant).now() });
}

export async function receeveServicingRoutes(app: FastifyInstance): Promise<void> {
  await registerFace(app, receeveFace, { prefix: '/v1' }, async (scope) => {
    for (const definition of OPERATIONS.values()) {
      scope.post(`/:clientId/${definition.name}`, { schema: { tags, summary: definition.name } }, (request, reply) => handleOperation(definition, request, reply));
    }

    scope.get('/:clientId/get_account', { schema: { tags, summary: 'get_account' } }, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      requireParams(query, ['accountReference']);
      const reference = String(query.accountReference);
      const found = await getAccount(scope.platform.db, requireActor(request).tenant.id, reference);
      if (!found) throw new ApiError('not_found', `Account ${reference} not found`);
      await fireReadTrigger(request, 'get_account', [reference]);
      return reply.type('application/json; charset=utf-8').send(renderAccountJson(found.account, found.ledgerTexts));
    });

    scope.get('/:clientId/get_account_claims', { schema: { tags, summary: 'get_account_claims' } }, async (request, reply) => {
      requireParams((request.query ?? {}) as Record<string, unknown>, ['accountReference']);
      const query = parseQuery(claimsQuery, request.query);
      const page = await getAccountClaims(scope.platform.db, requireActor(request).tenant.id, query.accountReference, {
        status: query.status, afterSeq: decodeCursor(query.paginationId), limit: query.limit,
      });
      if (page.next !== undefined) reply.header('X-Pagination-Id', encodeCursor(page.next));
      await fireReadTrigger(request, 'get_account_claims', [query.accountReference]);
      return page.claims.map((row) => renderClaim(row, page.account));
    });

    scope.get('/:clientId/get_debtor_accounts_and_claims', { schema: { tags, summary: 'get_debtor_accounts_and_claims' } }, async (request) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      requireParams(query, ['debtorReference']);
      const accounts = await getDebtorAccountsAndClaims(scope.platform.db, requireActor(request).tenant.id, String(query.debtorReference));
      await fireReadTrigger(request, 'get_debtor_accounts_and_claims', accounts.map(({ account }) => account.accountReference));
      // The seed's answer: the debtor's DebtorAccountsAndClaims (itself an array of accounts) inside the response array.
      return accounts.length === 0 ? [] : [accounts.map(({ account, claims }) => renderDebtorAccount(account, claims))];
    });

    // Not a Receeve endpoint: the outcome of an `async=true` request, by the id its queued answer carried.
    scope.get('/:clientId/get_async_request', { schema: { tags, summary: 'get_async_request' } }, async (request) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      requireParams(query, ['requestId']);
      const id = String(query.requestId);
      const found = await getAsyncRequest(scope.platform.db, requireActor(request).tenant.id, id);
      if (!found) throw new ApiError('not_found', `Async request ${id} not found`);
      return renderAsyncRequest(found);
    });

    scope.get('/:clientId/get_events', { schema: { tags, summary: 'get_events' } }, async (request) => {
      requireParams((request.query ?? {}) as Record<string, unknown>, ['eventType', 'date']);
      const query = parseQuery(eventsQuery, request.query);
      return getEvents(scope.platform.db, requireActor(request).tenant.id, query);
    });
  });
}
