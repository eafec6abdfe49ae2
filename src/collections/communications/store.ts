import { and, asc, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import { fastRows, type FastStatement, type FastWrite } from '../../platform/db/fast-query.js';
import { own, shared, sharedParameter } from '../../platform/db/row-arrays.js';
import { textSlices, textSliceSql } from '../../platform/db/text-slices.js';
import type { Executor } from '../../platform/db/database.js';
import { mailMessages } from '../../platform/db/schema.js';
import { collectionsMessages, collectionsTemplateVersions } from '../schema/messages-schema.js';
import type { Channel } from '../domain/strategy/document.js';

/** Queries of the collections messages and template versions; every one takes the tenant id first. */

export type MessageRow = typeof collectionsMessages.$inferSelect;
export type NewMessageRow = typeof collectionsMessages.$inferInsert;

export async function latestTemplateVersion(db: Executor, tenantId: string, templateId: string, language: string) {
  const [row] = await db.select({ version: collectionsTemplateVersions.version, content: collectionsTemplateVersions.content })
    .from(collectionsTemplateVersions)
    .where(and(eq(collectionsTemplateVersions.tenantId, tenantId), eq(collectionsTemplateVersions.templateId, templateId), eq(collectionsTemplateVersions.language, language)))
    .orderBy(desc(collectionsTemplateVersions.version))
    .limit(1);
  return row;
}

/** The tenant's latest version of each of these templates in each of these languages (absent: none of its own). */
export async function latestTemplateVersions(db: Executor, tenantId: string, templateIds: readonly string[], languages: readonly string[]) {
  const latest = new Map<string, { version: number; content: Record<string, unknown> }>();
  if (templateIds.length === 0 || languages.length === 0) return latest;
  const rows = await db.selectDistinctOn([collectionsTemplateVersions.templateId, collectionsTemplateVersions.language], {
    templateId: collectionsTemplateVersions.templateId, language: collectionsTemplateVersions.language,
    version: collectionsTemplateVersions.version, content: collectionsTemplateVersions.content,
  }).from(collectionsTemplateVersions)
    .where(and(eq(collectionsTemplateVersions.tenantId, tenantId), inArray(collectionsTemplateVersions.templateId, [...new Set(templateIds)]),
      inArray(collectionsTemplateVersions.language, [...new Set(languages)])))
    .orderBy(collectionsTemplateVersions.templateId, collectionsTemplateVersions.language, desc(collectionsTemplateVersions.version));
  for (const row of rows) latest.set(templateKey(row.templateId, row.language), { version: row.version, content: row.content });
  return latest;
}

export function templateKey(templateId: string, language: string): string {
  return `${templateId}/${language}`;
}

/** Serialises the versions of one template and language (two creates never pick the same number). */
export async function lockTemplateLanguage(db: Executor, tenantId: string, templateId: string, language: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`collections-template:${tenantId}:${templateId}:${language}`}))`);
}

export async function insertTemplateVersion(db: Executor, row: typeof collectionsTemplateVersions.$inferInsert): Promise<void> {
  await db.insert(collectionsTemplateVersions).values(row);
}

export async function listTemplateVersions(db: Executor, tenantId: string, templateId?: string) {
  const filters = [eq(collectionsTemplateVersions.tenantId, tenantId)];
  if (templateId !== undefined) filters.push(eq(collectionsTemplateVersions.templateId, templateId));
  return db.select().from(collectionsTemplateVersions).where(and(...filters))
    .orderBy(asc(collectionsTemplateVersions.templateId), asc(collectionsTemplateVersions.language), asc(collectionsTemplateVersions.version));
}

/** The message a run's step sent: attempt 0 is the first, its fallbacks have attempt 1, 2, … */
export async function findStepMessage(db: Executor, tenantId: string, runId: string, stepId: string, attempt = 0): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(collectionsMessages).where(and(
    eq(collectionsMessages.tenantId, tenantId), eq(collectionsMessages.runId, runId), eq(collectionsMessages.stepId, stepId), eq(collectionsMessages.attempt, attempt),
  )).limit(1);
  return row;
}

/** Which of these (run, step) slots already hold their first message (attempt 0), as stepSlot keys. */
export async function takenStepSlots(db: Executor, tenantId: string, slots: readonly { runId: string; stepId: string }[]): Promise<Set<string>> {
  if (slots.length === 0) return new Set();
  const rows = await fastRows<{ run_id: string; step_id: string }>(db, TAKEN_SLOTS, [tenantId, slots.map((slot) => slot.runId), slots.map((slot) => slot.stepId)]);
  return new Set(rows.map((row) => stepSlot(row.run_id, row.step_id)));
}

export function stepSlot(runId: string, stepId: string): string {
  return `${runId}\u0000${stepId}`;
}

/*
 * One probe of the unique index collections_messages_run_step per slot: as a plain join the planner, without
 * statistics on a freshly filled table, hashed every first message of the tenant for each batch (or, with a generic
 * plan, looped over them once per slot).
 */
const TAKEN_SLOTS: FastStatement = {
  name: 'collections_messages_taken_slots',
  text: `SELECT s.run_id, s.step_id FROM unnest($2::text[], $3::text[]) AS s(run_id, step_id)
    CROSS JOIN LATERAL (SELECT 1 FROM collections_messages m
      WHERE m.tenant_id = $1 AND m.run_id = s.run_id AND m.step_id = s.step_id AND m.attempt = 0 LIMIT 1) AS m`,
};

const INSERT_MESSAGES: FastStatement = {
  name: 'collections_messages_insert_many_rows',
  text: `INSERT INTO collections_messages (tenant_id, id, claim_reference, account_reference, run_id, step_id, attempt, channel, template_id,
      template_version, language, status, recipient, eml, mail_message_id, fallbacks, skipped, data, failure, fallback_of, created_at)
    SELECT coalesce((m->>0)::uuid, $3::uuid), (m->>1)::uuid, m->>2, m->>3, m->>4, m->>5, (m->>6)::integer, m->>7, m->>8,
      (m->>9)::integer, m->>10, m->>11, m->>12, ${textSliceSql(2, '(m->>13)::integer', '(m->>14)::integer')}, (m->>15)::uuid,
      nullif(m->16, 'null'), nullif(m->17, 'null'), nullif(m->18, 'null'), m->>19, (m->>20)::uuid, coalesce((m->>21)::timestamptz, $4::timestamptz)
    FROM jsonb_array_elements($1::jsonb) AS a(m)`,
};

/**
 * Messages in one statement, to send with the other writes of the transaction (fastWriteAll). No ON CONFLICT: the
 * caller has checked their slots are free (takenStepSlots) under the runs' locks, so a taken slot means a race this
 * write must lose, and the unique index fails the whole transaction (the sweep tries its batch again). The rows go
 * as keyless arrays, the tenant and time once when the rows share them (row-arrays.ts).
 */
export function messageRowsWrite(rows: readonly NewMessageRow[]): FastWrite {
  const emls = textSlices(rows.map((row) => row.eml));
  const tenantId = shared(rows, (row) => row.tenantId);
  const createdAt = shared(rows, (row) => row.createdAt);
  return {
    statement: INSERT_MESSAGES,
    values: [JSON.stringify(rows.map((row, index) => [
      own(tenantId, row.tenantId), row.id, row.claimReference, row.accountReference ?? null, row.runId ?? null, row.stepId ?? null, row.attempt ?? 0,
      row.channel, row.templateId, row.templateVersion, row.language, row.status, row.recipient,
      emls.slices[index]?.from ?? null, emls.slices[index]?.bytes ?? null, row.mailMessageId ?? null,
      row.fallbacks, row.skipped, row.data, row.failure ?? null, row.fallbackOf ?? null, own(createdAt, row.createdAt ?? null),
    ])), emls.bytes, tenantId, sharedParameter(createdAt)],
  };
}

/** Inserts the message unless its (run, step, attempt) already holds one; true when inserted. */
export async function insertMessage(db: Executor, row: NewMessageRow): Promise<boolean> {
  const inserted = await db.insert(collectionsMessages).values(row).onConflictDoNothing().returning({ id: collectionsMessages.id });
  return inserted.length === 1;
}

export async function lockMessage(db: Executor, tenantId: string, id: string): Promise<MessageRow | undefined> {
  const [row] = await db.select().from(collectionsMessages)
    .where(and(eq(collectionsMessages.tenantId, tenantId), eq(collectionsMessages.id, id))).limit(1).for('update');
  return row;
}

export async function markMessageFailed(db: Executor, tenantId: string, id: string, failure: string): Promise<void> {
  await db.update(collectionsMessages).set({ status: 'failed', failure })
    .where(and(eq(collectionsMessages.tenantId, tenantId), eq(collectionsMessages.id, id)));
}

export interface ClaimMessagesQuery {
  channel?: Channel;
  since?: Date;
  limit: number;
  offset: number;
}

/** A claim's messages, oldest first, and how many there are in all. */
export async function listClaimMessages(db: Executor, tenantId: string, claimReference: string, query: ClaimMessagesQuery) {
  const filters = [eq(collectionsMessages.tenantId, tenantId), eq(collectionsMessages.claimReference, claimReference)];
  if (query.channel !== undefined) filters.push(eq(collectionsMessages.channel, query.channel));
  if (query.since !== undefined) filters.push(gte(collectionsMessages.createdAt, query.since));
  const [rows, [total]] = await Promise.all([
    db.select({ id: collectionsMessages.id, channel: collectionsMessages.channel, templateId: collectionsMessages.templateId, createdAt: collectionsMessages.createdAt })
      .from(collectionsMessages).where(and(...filters))
      .orderBy(asc(collectionsMessages.createdAt), asc(collectionsMessages.attempt), asc(collectionsMessages.id))
      .limit(query.limit).offset(query.offset),
    db.select({ total: count() }).from(collectionsMessages).where(and(...filters)),
  ]);
  return { rows, total: total?.total ?? 0 };
}

/** A message's raw `.eml`: its own, or the outbox's copy of an e-mail. */
export async function findMessageEml(db: Executor, tenantId: string, id: string, channel: Channel): Promise<string | undefined> {
  const [row] = await db.select({ eml: sql<string | null>`coalesce(${collectionsMessages.eml}, ${mailMessages.eml})` })
    .from(collectionsMessages)
    .leftJoin(mailMessages, and(eq(mailMessages.tenantId, collectionsMessages.tenantId), eq(mailMessages.id, collectionsMessages.mailMessageId)))
    .where(and(eq(collectionsMessages.tenantId, tenantId), eq(collectionsMessages.id, id), eq(collectionsMessages.channel, channel)))
    .limit(1);
  return row?.eml ?? undefined;
}
