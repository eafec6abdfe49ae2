// The stored e-mails of a tenant, newest first, as JSON summaries and as their raw `.eml`. Mounted by the tenant's
// management API and by the back office (staff read what the system sent to sellers and debtors).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from '../http/api-error.js';
import { requireActor } from '../http/mutation.js';
import { findMail, listMail } from './outbox.js';

const idParam = z.object({ id: z.uuid() });
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  beforeId: z.uuid().optional(),
  relatedType: z.string().min(1).max(100).optional(),
  relatedId: z.string().min(1).max(200).optional(),
  to: z.string().min(3).max(320).optional(),
});

export interface MailRouteOptions {
  tags: string[];
  /** Throws when the caller may not read the tenant's mail (a staff role check, say). */
  authorize?: (request: FastifyRequest) => void;
  /** Called with the ids of the messages an answer shows, before it is sent (the back office logs staff reads). */
  onRead?: (request: FastifyRequest, messageIds: string[]) => Promise<void>;
}

export function mailMessageRoutes({ tags, authorize = () => undefined, onRead = async () => undefined }: MailRouteOptions) {
  return async (scope: FastifyInstance): Promise<void> => {
    scope.get('/messages', {
      schema: { tags, summary: 'E-mails the system wrote for this tenant, newest first; `nextBeforeId` pages on', querystring: listQuery },
    }, async (request) => {
      authorize(request);
      const query = request.query as z.infer<typeof listQuery>;
      const rows = await listMail(scope.platform.db, requireActor(request).tenant.id, query);
      await onRead(request, rows.map((row) => row.id));
      return {
        data: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString(), sentAt: row.sentAt?.toISOString() ?? null })),
        nextBeforeId: rows.length === query.limit ? rows.at(-1)!.id : null,
      };
    });

    scope.get('/messages/:id', { schema: { tags, summary: 'One e-mail as its raw .eml (message/rfc822)', params: idParam } }, async (request, reply) => {
      authorize(request);
      const { id } = request.params as z.infer<typeof idParam>;
      const message = await findMail(scope.platform.db, requireActor(request).tenant.id, id);
      if (!message) throw new ApiError('not_found', 'No such message');
      await onRead(request, [id]);
      return reply.type('message/rfc822').header('content-disposition', `attachment; filename="${id}.eml"`).send(message.eml);
    });
  };
}
