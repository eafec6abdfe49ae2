import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiError, type FieldIssue } from '../../platform/http/api-error.js';
import { receeveFace } from '../../platform/http/faces/receeve.js';
import { requireActor } from '../../platform/http/mutation.js';
import { registerFace } from '../../platform/http/register-face.js';
import { isIsoCalendarDate } from '../../platform/dates.js';
import type { Channel } from '../domain/strategy/document.js';
import { getMessageEml } from '../use-cases/messages/get-message-eml.js';
import { listMessagesOfClaim } from '../use-cases/messages/list-claim-messages.js';

/*
 * The Receeve Message operations (debt-servicing.md #28, #29; seed 003), mounted on the Receeve face beside
 * servicing's routes: its bearer auth, its `{error, message}` errors, its 404 for an unknown (or another tenant's)
 * message. A message's URL names its communication type and id: `/Operations/<email|SMS|letter>/Message/<id>.eml`.
 */

const tags = ['Debt servicing'];

/** The wire communicationType of each channel (the seed's enumeration: email, letter, SMS). */
const COMMUNICATION_TYPES: Readonly<Record<Channel, string>> = { email: 'email', sms: 'SMS', letter: 'letter' };
const CHANNEL_OF_TYPE: Readonly<Record<string, Channel>> = { email: 'email', SMS: 'sms', letter: 'letter' };
const MESSAGE_URL = /^\/Operations\/(email|SMS|letter)\/Message\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.eml$/;

export function messageUrl(channel: Channel, id: string): string {
  return `/Operations/${COMMUNICATION_TYPES[channel]}/Message/${id}.eml`;
}

const urlsQuery = z.looseObject({
  claimReference: z.string().min(1).max(500),
  communicationType: z.enum(['', 'email', 'letter', 'SMS']).optional(),
  startDate: z.string().refine(isIsoCalendarDate, 'must be a date YYYY-MM-DD').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
});

function requireParams(query: Record<string, unknown>, names: readonly string[]): void {
  const missing = names.filter((name) => typeof query[name] !== 'string' || query[name] === '');
  if (missing.length > 0) throw new ApiError('bad_request', `Missing required request parameters: [${missing.join(', ')}]`);
}

function parseQuery<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({ location: 'query', path: issue.path.map(String), code: String(issue.code), message: issue.message }));
  throw new ApiError('validation', 'Invalid request parameters', { issues });
}

export async function receeveMessageRoutes(app: FastifyInstance): Promise<void> {
  await registerFace(app, receeveFace, { prefix: '/v1' }, async (scope) => {
    scope.get('/:clientId/get_communication_message_urls', { schema: { tags, summary: 'get_communication_message_urls' } }, async (request) => {
      requireParams((request.query ?? {}) as Record<string, unknown>, ['claimReference']);
      const query = parseQuery(urlsQuery, request.query);
      const channel = query.communicationType ? CHANNEL_OF_TYPE[query.communicationType] : undefined;
      const since = query.startDate === undefined ? undefined : new Date(`${query.startDate}T00:00:00Z`);
      const found = await listMessagesOfClaim(scope.platform.db, requireActor(request).tenant.id, query.claimReference, {
        channel, since, limit: query.limit, page: query.page,
      });
      return {
        communicationMessageURLs: found.messages.map((message) => ({
          communicationType: COMMUNICATION_TYPES[message.channel], messageURL: messageUrl(message.channel, message.id),
          dateTime: message.sentAt.getTime(), bundleId: message.templateUuid, bundleName: message.templateName,
        })),
        limit: query.limit,
        page: query.page,
        numberOfPages: Math.ceil(found.total / query.limit),
      };
    });

    scope.get('/:clientId/get_message', { schema: { tags, summary: 'get_message' } }, async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      requireParams(query, ['messageURL']);
      const url = String(query.messageURL);
      const match = MESSAGE_URL.exec(url);
      const eml = match ? await getMessageEml(scope.platform.db, requireActor(request).tenant.id, match[2] as string, CHANNEL_OF_TYPE[match[1] as string] as Channel) : undefined;
      if (eml === undefined) throw new ApiError('not_found', `Message ${url.slice(0, 200)} not found`);
      return reply.type('text/plain; charset=utf-8').send(eml);
    });
  });
}
