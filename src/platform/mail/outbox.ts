import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { mailMessages } from '../db/schema.js';
import type { JobQueue } from '../jobs/queue.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { composeEml, type OutgoingMail } from './compose.js';

export const MAIL_QUEUE = 'mail.send';

export interface QueuedMail extends Omit<OutgoingMail, 'date'> {
  kind: string;
  related?: { type: string; id: string };
}

/** Stores the composed message and enqueues its sending, in the transaction of the change that caused it. */
export async function queueMail(uow: UnitOfWork, jobs: JobQueue, mail: QueuedMail): Promise<string> {
  const id = randomUUID();
  const eml = await composeEml({ ...mail, date: uow.now });
  await uow.tx.insert(mailMessages).values({
    id,
    tenantId: uow.tenant.id,
    kind: mail.kind,
    fromAddress: mail.from,
    toAddresses: mail.to,
    subject: mail.subject,
    eml,
    status: 'queued',
    relatedType: mail.related?.type ?? null,
    relatedId: mail.related?.id ?? null,
    createdAt: uow.now,
  });
  await jobs.enqueue(uow.tx, MAIL_QUEUE, [{ messageId: id }]);
  return id;
}

export interface MailListQuery {
  limit: number;
  /** Continue after this message (the last one of the previous page). */
  beforeId?: string;
  relatedType?: string;
  relatedId?: string;
  to?: string;
}

export async function listMail(executor: Executor, tenantId: string, query: MailListQuery) {
  const filters = [eq(mailMessages.tenantId, tenantId)];
  if (query.relatedType !== undefined) filters.push(eq(mailMessages.relatedType, query.relatedType));
  if (query.relatedId !== undefined) filters.push(eq(mailMessages.relatedId, query.relatedId));
  if (query.to !== undefined) filters.push(sql`${mailMessages.toAddresses} @> ${JSON.stringify([query.to])}::jsonb`);
  if (query.beforeId !== undefined) {
    filters.push(sql`(${mailMessages.createdAt}, ${mailMessages.id}) < (select m.created_at, m.id from mail_messages m where m.tenant_id = ${tenantId} and m.id = ${query.beforeId})`);
  }
  return executor
    .select({
      id: mailMessages.id, kind: mailMessages.kind, to: mailMessages.toAddresses, subject: mailMessages.subject, status: mailMessages.status,
      relatedType: mailMessages.relatedType, relatedId: mailMessages.relatedId, createdAt: mailMessages.createdAt, sentAt: mailMessages.sentAt,
    })
    .from(mailMessages)
    .where(and(...filters))
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(query.limit);
}

export async function findMail(executor: Executor, tenantId: string, id: string) {
  const [row] = await executor.select().from(mailMessages).where(and(eq(mailMessages.tenantId, tenantId), eq(mailMessages.id, id))).limit(1);
  return row;
}
