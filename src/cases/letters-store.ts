import { and, asc, eq } from 'drizzle-orm';
import { fastRows, type FastStatement, type FastWrite } from '../platform/db/fast-query.js';
import { type CustomerContactFacts, customerContactJsonSql, customerContactOf } from '../cover/api.js';
import { type Executor, type Transaction, executeRaw } from '../platform/db/database.js';
import { dueInTenantTimeSql } from '../platform/sweeper/tenant-sweeps.js';
import { nonpaymentLetters } from './letters-schema.js';

export type LetterRow = typeof nonpaymentLetters.$inferSelect;
export type NewLetterRow = typeof nonpaymentLetters.$inferInsert;

/** The SQL that draws the next letter number (before the insert: the letter prints its own id, LTR-000042). */
export const NEXT_LETTER_NUMBER_SQL = `nextval(pg_get_serial_sequence('nonpayment_case_letters', 'letter_number'))`;

const INSERT_LETTER: FastStatement = {
  name: 'nonpayment_letter_insert',
  text: `INSERT INTO nonpayment_case_letters (letter_number, tenant_id, case_number, letter_type, language, subject, body, content, mailed_to, issued_at)
    VALUES ($1::bigint, $2::uuid, $3::bigint, $4::text, $5::text, $6::text, $7::text, $8::jsonb, $9::text, $10::timestamptz)`,
};

const LETTER_FACTS: FastStatement = {
  name: 'nonpayment_letter_facts',
  text: `SELECT ${customerContactJsonSql('$1::uuid', '$2::bigint')} AS customer, ${NEXT_LETTER_NUMBER_SQL} AS letter_number`,
};

/** What issuing a letter reads, in one statement: the customer it is addressed to (cover module) and a new letter number. */
export async function letterFacts(executor: Executor, tenantId: string, customerId: number): Promise<{ customer: CustomerContactFacts | null; letterNumber: number }> {
  const [row] = await fastRows<{ customer: unknown; letter_number: string | number }>(executor, LETTER_FACTS, [tenantId, customerId]);
  return { customer: customerContactOf(row!.customer), letterNumber: Number(row!.letter_number) };
}

export type IssuedLetter = Pick<NewLetterRow, 'letterNumber' | 'tenantId' | 'caseNumber' | 'letterType' | 'language' | 'subject' | 'body' | 'content' | 'mailedTo' | 'issuedAt'>;

/**
 * A letter inserted at issue, without its PDF, to send with the other writes of its change (fastWriteAll); the
 * letter sweep's storeRenderedPdf is its only update, and nothing deletes one.
 */
export function insertLetterWrite(values: IssuedLetter & { letterNumber: number }): FastWrite {
  return {
    statement: INSERT_LETTER,
    values: [values.letterNumber, values.tenantId, values.caseNumber, values.letterType, values.language, values.subject, values.body,
      JSON.stringify(values.content), values.mailedTo ?? null, values.issuedAt.toISOString()],
  };
}

export interface RenderedPdf {
  readonly pdfBase64: string;
  readonly pdfSha256: string;
  readonly renderedAt: Date;
  readonly mailMessageId: string | null;
}

const STORE_RENDERED_PDF: FastStatement = {
  name: 'nonpayment_letter_store_pdf',
  text: `UPDATE nonpayment_case_letters SET pdf_base64 = $3, pdf_sha256 = $4, rendered_at = $5, mail_message_id = $6
    WHERE tenant_id = $1 AND case_number = $7 AND letter_number = $2 AND rendered_at IS NULL RETURNING letter_number`,
};

/**
 * The guard that stores the letter's PDF and its outbox message while it has none (fastGuardedWriteAll): it changes
 * no row when the letter was rendered already (by another sweeper, or a second call), so nothing stored ever changes.
 */
export function storeRenderedPdf(key: LetterKey, rendered: RenderedPdf): FastWrite {
  return { statement: STORE_RENDERED_PDF, values: [key.tenantId, key.letterNumber, rendered.pdfBase64, rendered.pdfSha256, rendered.renderedAt, rendered.mailMessageId, key.caseNumber] };
}

/** A letter's key: its case's tenant and number, and its own number. */
export interface LetterKey {
  readonly tenantId: string;
  readonly caseNumber: number;
  readonly letterNumber: number;
}

/** What rendering a letter needs of its row (render-letter.ts). */
export type LetterToRender = Pick<LetterRow, 'tenantId' | 'caseNumber' | 'letterNumber' | 'letterType' | 'language' | 'subject' | 'content' | 'mailedTo' | 'issuedAt'>;

/** A letter the sweep claimed: not rendered yet and not waiting out a backoff, its row locked, with what rendering it needs. */
export interface UnrenderedLetter {
  letter_number: string | number;
  case_number: string | number;
  tenant_id: string;
  /** Times it failed to render before (0 for a letter never tried). */
  render_failures: string | number;
  letter_type: string;
  language: LetterRow['language'];
  subject: string;
  content: Record<string, unknown> | string;
  mailed_to: string | null;
  issued_at: Date | string;
}

/** The claimed row as the renderer takes it (the claim reads it with the lock, so the sweep need not read it again). */
export function letterToRender(row: UnrenderedLetter): LetterToRender {
  return {
    tenantId: row.tenant_id, caseNumber: Number(row.case_number), letterNumber: Number(row.letter_number), letterType: row.letter_type,
    language: row.language, subject: row.subject, mailedTo: row.mailed_to, issuedAt: new Date(row.issued_at),
    content: (typeof row.content === 'string' ? JSON.parse(row.content) : row.content) as Record<string, unknown>,
  };
}

// A letter that failed waits until its retry time (tenant time: the tenant is looked up for those letters only).
const CLAIM_UNRENDERED = `SELECT l.letter_number, l.case_number, l.tenant_id, l.render_failures,
    l.letter_type, l.language, l.subject, l.content, l.mailed_to, l.issued_at FROM nonpayment_case_letters l
  WHERE l.rendered_at IS NULL
    AND (l.render_retry_at IS NULL OR EXISTS (SELECT 1 FROM tenants t WHERE t.id = l.tenant_id AND ${dueInTenantTimeSql('l.render_retry_at', 't', '$2')}))
  ORDER BY l.letter_number LIMIT $1 FOR UPDATE OF l SKIP LOCKED`;

/**
 * At most `limit` letters without their PDF whose retry time (if they failed before) has come at the system time
 * `now`, oldest first, locked FOR UPDATE SKIP LOCKED so racing sweepers take disjoint ones.
 */
export async function claimUnrenderedLetters(tx: Transaction, now: Date, limit: number): Promise<UnrenderedLetter[]> {
  return await executeRaw(tx, CLAIM_UNRENDERED, [limit, now.toISOString()]) as UnrenderedLetter[];
}

const DEFER_RENDER: FastStatement = {
  name: 'nonpayment_letter_defer_render',
  text: `UPDATE nonpayment_case_letters SET render_failures = $4, render_retry_at = $5
    WHERE tenant_id = $1 AND case_number = $2 AND letter_number = $3 AND rendered_at IS NULL`,
};

/** Records that the letter failed to render for the `failures`-th time, and when (tenant time) it may be tried again. */
export async function deferLetterRender(tx: Transaction, key: LetterKey, failures: number, retryAt: Date): Promise<void> {
  await fastRows(tx, DEFER_RENDER, [key.tenantId, key.caseNumber, key.letterNumber, failures, retryAt.toISOString()]);
}

export async function lettersOf(executor: Executor, tenantId: string, caseNumber: number): Promise<LetterRow[]> {
  return executor.select().from(nonpaymentLetters)
    .where(and(eq(nonpaymentLetters.tenantId, tenantId), eq(nonpaymentLetters.caseNumber, caseNumber)))
    .orderBy(asc(nonpaymentLetters.letterNumber));
}

export async function findLetter(executor: Executor, tenantId: string, caseNumber: number, letterNumber: number): Promise<LetterRow | null> {
  const [row] = await executor.select().from(nonpaymentLetters)
    .where(and(eq(nonpaymentLetters.tenantId, tenantId), eq(nonpaymentLetters.caseNumber, caseNumber), eq(nonpaymentLetters.letterNumber, letterNumber)));
  return row ?? null;
}
