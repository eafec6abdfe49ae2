import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastStatement, FastWrite } from '../platform/db/fast-query.js';
import type { Executor, Transaction } from '../platform/db/database.js';
import { nonpaymentLetters } from './letters-schema.js';

export type LetterRow = typeof nonpaymentLetters.$inferSelect;
export type NewLetterRow = typeof nonpaymentLetters.$inferInsert;

/** The next letter number, drawn before the insert: the letter prints its own id (LTR-000042). */
export async function nextLetterNumber(tx: Transaction): Promise<number> {
  const [row] = await tx.select({ n: sql<string>`nextval(pg_get_serial_sequence('nonpayment_case_letters', 'letter_number'))` }).from(sql`(select 1) as one`);
  return Number(row!.n);
}

/** A letter is inserted at issue without its PDF; storeRenderedPdf is its only update, and nothing deletes one. */
export async function insertLetter(tx: Transaction, values: NewLetterRow): Promise<void> {
  await tx.insert(nonpaymentLetters).values(values);
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
    WHERE tenant_id = $1 AND letter_number = $2 AND rendered_at IS NULL RETURNING letter_number`,
};

/**
 * The guard that stores the letter's PDF and its outbox message while it has none (fastGuardedWriteAll): it changes
 * no row when the letter was rendered already (a retried or duplicated render job), so nothing stored ever changes.
 */
export function storeRenderedPdf(tenantId: string, letterNumber: number, rendered: RenderedPdf): FastWrite {
  return { statement: STORE_RENDERED_PDF, values: [tenantId, letterNumber, rendered.pdfBase64, rendered.pdfSha256, rendered.renderedAt, rendered.mailMessageId] };
}

/** The tenant's letter by its number, whatever its case (the render job's look-up). */
export async function letterByNumber(executor: Executor, tenantId: string, letterNumber: number): Promise<LetterRow | null> {
  const [row] = await executor.select().from(nonpaymentLetters).where(and(eq(nonpaymentLetters.tenantId, tenantId), eq(nonpaymentLetters.letterNumber, letterNumber)));
  return row ?? null;
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
