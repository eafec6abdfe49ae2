import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type PgBoss from 'pg-boss';
import { appendEvents } from '../../platform/events/append.js';
import { clockFor, type Platform } from '../../platform/services.js';
import { findTenant } from '../../platform/tenants/service.js';
import { systemActor, unitOfWork } from '../../platform/unit-of-work.js';
import { z } from 'zod';
import { ApiError, type FieldIssue } from '../../platform/http/api-error.js';
import { receeveFace } from '../../platform/http/faces/receeve.js';
import { runMutation } from '../../platform/http/mutation.js';
import { registerFace } from '../../platform/http/register-face.js';
import type { UnitOfWork } from '../../platform/unit-of-work.js';
import { ASYNC_COMPLETED, CLAIM_RESOLUTION_REASONS, type ItemResult } from '../../servicing/api.js';
import { executeCustomTriggers, type CustomTrigger } from '../use-cases/runs/execute-custom-triggers.js';
import { pauseJourneys, type PauseJourneyItem } from '../use-cases/runs/pause-journeys.js';
import { resumeJourneys } from '../use-cases/runs/resume-journeys.js';
import type { RunsContext } from '../use-cases/runs/run-workspace.js';
import { stopJourneys, type StopJourneyItem } from '../use-cases/runs/stop-journeys.js';

/*
 * The Receeve journey operations (debt-servicing.md #23–#25, #31) on the Receeve face under /v1/{clientId}/…, as
 * servicing mounts its operations: the same authentication and error body (400 `{error, message}` for a body that
 * breaks the schema, nothing written), per-item ActionResponse answers (an unknown or another tenant's claim is an
 * item failure), Idempotency-Key through the platform mutation. This file only translates.
 */

const tags = ['Debt servicing: journeys'];
const MAX_BATCH_ITEMS = 1000;
const reference = z.string().min(1).max(500);

function arrayBody<T extends z.ZodType>(item: T) {
  return z.preprocess(
    // As servicing's resolve_claims: a body of arrays of items is read as its items.
    (value) => (Array.isArray(value) && value.length > 0 && value.every(Array.isArray) ? value.flat() : value),
    z.array(item).min(1, 'the body must contain at least one item').max(MAX_BATCH_ITEMS, `at most ${MAX_BATCH_ITEMS} items per request`),
  );
}

const pauseBody = arrayBody(z.object({ ref: reference, until: z.iso.datetime({ offset: true }).optional() }));
const resumeBody = arrayBody(z.object({ ref: reference }));
const stopBody = arrayBody(z.object({ ref: reference, reason: z.enum(CLAIM_RESOLUTION_REASONS), description: z.string().max(10_000).optional() }));
const triggerName = z.string().min(1).max(500);
const triggersBody = z.record(reference, z.union([triggerName, z.object({ triggerName, triggerContext: z.record(z.string(), z.unknown()).optional() })]))
  .superRefine((value, ctx) => {
    const count = Object.keys(value).length;
    if (count === 0) ctx.addIssue({ code: 'custom', message: 'the body must contain at least one item' });
    if (count > MAX_BATCH_ITEMS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_BATCH_ITEMS} items per request, got ${count}` });
  });

const batchQuery = z.looseObject({
  async: z.enum(['true', 'false']).optional(),
  sequential: z.enum(['true', 'false']).optional(),
  triggerName: z.string().min(1).max(500).optional(),
});

function issues(error: z.ZodError, location: FieldIssue['location']): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)), code: issue.code, message: issue.message, location,
  }));
}

function parse<T extends z.ZodType>(schema: T, raw: unknown, location: 'body' | 'query'): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ApiError('validation', location === 'body' ? 'Invalid request body' : 'Invalid request parameters', { issues: issues(parsed.error, location) });
}

export interface JourneyOperation {
  name: string;
  /** The answer's keys for a parsed body (the queued answer of `async=true` names them). */
  keys(body: unknown): string[];
  /** Parses the body (a schema violation is a whole-request 400) into what the use case takes. */
  parse(raw: unknown): unknown;
  run(uow: UnitOfWork, ctx: RunsContext, body: unknown): Promise<Record<string, ItemResult>>;
}

function refKeys(body: unknown): string[] {
  return [...new Set((body as { ref: string }[]).map((item) => item.ref))];
}

export const JOURNEY_OPERATIONS: JourneyOperation[] = [
  {
    name: 'pause_journeys',
    keys: refKeys,
    parse: (raw) => parse(pauseBody, raw, 'body').map((item): PauseJourneyItem => ({ ref: item.ref, ...(item.until ? { until: new Date(item.until) } : {}) })),
    run: (uow, ctx, body) => pauseJourneys(uow, ctx, body as PauseJourneyItem[]),
  },
  {
    name: 'resume_journeys',
    keys: refKeys,
    parse: (raw) => parse(resumeBody, raw, 'body'),
    run: (uow, ctx, body) => resumeJourneys(uow, ctx, body as { ref: string }[]),
  },
  {
    name: 'stop_journeys',
    keys: refKeys,
    parse: (raw) => parse(stopBody, raw, 'body'),
    run: (uow, ctx, body) => stopJourneys(uow, ctx, body as StopJourneyItem[]),
  },
  {
    name: 'execute_custom_triggers',
    keys: (body) => Object.keys(body as Record<string, unknown>),
    parse: (raw) => Object.fromEntries(Object.entries(parse(triggersBody, raw, 'body')).map(([ref, value]): [string, CustomTrigger] =>
      [ref, typeof value === 'string' ? { triggerName: value } : { triggerName: value.triggerName, ...(value.triggerContext ? { triggerContext: value.triggerContext } : {}) }])),
    run: (uow, ctx, body) => executeCustomTriggers(uow, ctx, body as Record<string, CustomTrigger>),
  },
];

async function handle(ctx: RunsContext, operation: JourneyOperation, request: FastifyRequest, reply: FastifyReply) {
  const query = parse(batchQuery, request.query ?? {}, 'query');
  const body = operation.parse(request.body);
  if (query.async === 'true') {
    // As servicing's async requests: every item's messageId is the request's id, the job runs the same operation.
    return runMutation(request, reply, async (uow) => {
      const asyncRequestId = randomUUID();
      const job: JourneysAsyncJob = { tenantId: uow.tenant.id, operation: operation.name, body: request.body, requestId: request.id, asyncRequestId };
      await request.server.platform.jobs.enqueue(uow.tx, JOURNEYS_ASYNC_QUEUE, [job]);
      return { status: 200, body: Object.fromEntries(operation.keys(body).map((key) => [key, { success: true, messages: ['Request queued'], messageIds: [asyncRequestId] }])) };
    });
  }
  return runMutation(request, reply, async (uow) => ({ status: 200, body: await operation.run(uow, ctx, body) }));
}

export const JOURNEYS_ASYNC_QUEUE = 'collections.journeys-async';

interface JourneysAsyncJob {
  tenantId: string;
  operation: string;
  body: unknown;
  requestId: string;
  asyncRequestId: string;
}

/**
 * The worker of `async=true` journey requests: the operation runs in its own transaction as the synchronous route
 * would, and its outcome is appended as servicing's async outcome event (`event.asyncRequest.completed.v1`, keyed
 * by the async request id; webhooks and get_events carry it). Decision: the outcome is not a row of servicing's
 * get_async_request table (servicing owns it); the event is how a client learns it.
 */
export function journeysAsyncHandler(platform: Platform, ctx: RunsContext) {
  return async (job: PgBoss.JobWithMetadata<JourneysAsyncJob>): Promise<void> => {
    const { tenantId, operation: name, body, requestId, asyncRequestId } = job.data;
    const tenant = await findTenant(platform.db, tenantId);
    const operation = JOURNEY_OPERATIONS.find((candidate) => candidate.name === name);
    if (!tenant || !operation) return;
    await platform.db.transaction(async (tx) => {
      const uow = unitOfWork({ tx, tenant, clock: clockFor(platform, tenant), actor: systemActor('collections-journeys-async'), requestId });
      const results = await operation.run(uow, ctx, operation.parse(body));
      const failed = Object.entries(results).filter(([, result]) => !result.success).map(([key]) => key);
      await appendEvents(uow, [{
        type: ASYNC_COMPLETED, entityType: 'servicing_async_request', entityId: asyncRequestId,
        data: { messageId: randomUUID(), timestamp: uow.now.toISOString(), details: { messageType: ASYNC_COMPLETED, requestId: asyncRequestId, operation: name, items: Object.keys(results).length, succeeded: Object.keys(results).length - failed.length, failedItems: failed } },
      }]);
    });
  };
}

export function receeveJourneyRoutes(ctx: RunsContext) {
  return async (app: FastifyInstance): Promise<void> => {
    await registerFace(app, receeveFace, { prefix: '/v1' }, async (scope) => {
      for (const operation of JOURNEY_OPERATIONS) {
        scope.post(`/:clientId/${operation.name}`, { schema: { tags, summary: operation.name } }, (request, reply) => handle(ctx, operation, request, reply));
      }
    });
  };
}
