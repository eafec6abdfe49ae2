import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { mailMessages } from '../db/schema.js';
import type { JobQueue } from '../jobs/queue.js';
import type { UnitOfWork, WriteOrigin } from '../unit-of-work.js';
import type { FastStatement, FastWrite } from '../db/fast-query.js';
import { own, shared, sharedParameter } from '../db/row-arrays.js';
import { textSlices, textSliceSql } from '../db/text-slices.js';
import { composeEml, type OutgoingMail } from './compose.js';

export const MAIL_QUEUE = 'mail.send';

export interface QueuedMail extends Omit<OutgoingMail, 'date'> {
  kind: string;
  related?: { type: string; id: string };
}

/** Stores the composed message and enqueues its sending, in the transaction of the change that caused it. */
export async function queueMail(uow: UnitOfWork, jobs: JobQueue, mail: QueuedMail): Promise<string> {
  const row = await composeQueuedMail(uow, mail);
  await uow.tx.insert(mailMessages).values(row);
  await enqueueMailJobs(uow.tx, jobs, [row.id]);
  return row.id;
}

export type QueuedMailRow = typeof mailMessages.$inferInsert & { id: string };

/** The outbox row of a mail, its `.eml` composed (for writers that store many at once: mailRowsWrite). */
export async function composeQueuedMail(origin: Pick<WriteOrigin, 'tenant' | 'now'>, mail: QueuedMail, id: string = randomUUID()): Promise<QueuedMailRow> {
  const eml = await composeEml({ ...mail, date: origin.now });
  return {
    id, tenantId: origin.tenant.id, kind: mail.kind, fromAddress: mail.from, toAddresses: mail.to, subject: mail.subject, eml, status: 'queued',
    relatedType: mail.related?.type ?? null, relatedId: mail.related?.id ?? null, createdAt: origin.now,
  };
}

const INSERT_MAIL_ROWS: FastStatement = {
  name: 'mail_messages_insert_many_rows',
  text: `INSERT INTO mail_messages (id, tenant_id, kind, from_address, to_addresses, subject, eml, status, related_type, related_id, created_at)
    SELECT (m->>0)::uuid, coalesce((m->>1)::uuid, $3::uuid), coalesce(m->>2, $4::text), coalesce(m->>3, $5::text), nullif(m->4, 'null'), m->>5,
      ${textSliceSql(2, '(m->>6)::integer', '(m->>7)::integer')}, 'queued', m->>8, m->>9, coalesce((m->>10)::timestamptz, $6::timestamptz)
    FROM jsonb_array_elements($1::jsonb) AS a(m)`,
};

/**
 * Outbox rows in one statement, to send with the other writes of the transaction (fastWriteAll), with mailJobsWrite.
 * The `.eml` files travel as one bytea parameter (text-slices.ts); the rows as keyless arrays, the tenant, kind,
 * sender and time once when the rows share them (row-arrays.ts).
 */
export function mailRowsWrite(rows: readonly QueuedMailRow[]): FastWrite {
  const emls = textSlices(rows.map((row) => row.eml));
  const tenantId = shared(rows, (row) => row.tenantId);
  const kind = shared(rows, (row) => row.kind);
  const from = shared(rows, (row) => row.fromAddress);
  const createdAt = shared(rows, (row) => row.createdAt);
  return {
    statement: INSERT_MAIL_ROWS,
    values: [JSON.stringify(rows.map((row, index) => [
      row.id, own(tenantId, row.tenantId), own(kind, row.kind), own(from, row.fromAddress), row.toAddresses, row.subject,
      emls.slices[index]!.from, emls.slices[index]!.bytes, row.relatedType ?? null, row.relatedId ?? null, own(createdAt, row.createdAt ?? null),
    ])), emls.bytes, tenantId, kind, from, sharedParameter(createdAt)],
  };
}

/** A mail job's data: one message, or several sent in turn by one job (a bulk writer's, mailJobsWrite). */
export type MailJob = { messageId: string } | { messageIds: string[] };

/**
 * How many messages one job of a bulk writer carries: a job row (with its two index entries and its queue's foreign
 * key check) per 50 messages rather than per message, yet few enough that sending them one after another over SMTP
 * stays well inside the queue's expiry (120 s).
 */
export const MAIL_JOB_MESSAGES = 50;

/**
 * The sending jobs of outbox rows, as a write to send with the rows' own (fastWriteAll): no round trip of its own.
 * One job per MAIL_JOB_MESSAGES messages; each message keeps its own attempts and outcome (send.ts).
 */
export function mailJobsWrite(jobs: JobQueue, messageIds: readonly string[]): FastWrite {
  const payloads: MailJob[] = [];
  for (let start = 0; start < messageIds.length; start += MAIL_JOB_MESSAGES) {
    const chunk = messageIds.slice(start, start + MAIL_JOB_MESSAGES);
    payloads.push(chunk.length === 1 ? { messageId: chunk[0]! } : { messageIds: chunk });
  }
  return jobs.enqueueWrite(MAIL_QUEUE, payloads);
}

/** The messages a mail job sends, in order. */
export function mailJobMessageIds(job: MailJob): readonly string[] {
  return 'messageIds' in job ? job.messageIds : [job.messageId];
}

/** The sending jobs of stored outbox rows, in the transaction that stored them. */
export async function enqueueMailJobs(executor: Executor, jobs: JobQueue, messageIds: readonly string[]): Promise<void> {
  await jobs.enqueue(executor, MAIL_QUEUE, messageIds.map((messageId) => ({ messageId })));
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
