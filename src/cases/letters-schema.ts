import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid, jsonb } from 'drizzle-orm/pg-core';

/**
 * Correspondence letters of a case (spec §6.2 `Letter`): immutable evidence. The content the letter is written from
 * and its text are stored at issue, in the transaction of the change it reports; the letter sweep (sweeps.ts,
 * render-letter.ts) then renders the PDF from that content once and stores its bytes (base64) with their SHA-256, and
 * records the outbox message it mailed. That is the only update a letter ever gets: the PDF columns are written while null, never
 * again. Until then the document is rendered on demand from the same content, to the same bytes.
 */
export const nonpaymentLetters = pgTable('nonpayment_case_letters', {
  // By default: the number is drawn (nextval) before the insert, because the letter prints its own id.
  letterNumber: bigint('letter_number', { mode: 'number' }).generatedByDefaultAsIdentity({ startWith: 1 }),
  /** The case's tenant (no foreign key of its own: see schema.ts). */
  tenantId: uuid('tenant_id').notNull(),
  /** The case (no foreign key: see schema.ts). */
  caseNumber: bigint('case_number', { mode: 'number' }).notNull(),
  letterType: text('letter_type').notNull(),
  language: text('language', { enum: ['en', 'sv'] }).notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  /** The LetterContent it was rendered from (issuedAt as ISO text). */
  content: jsonb('content').$type<Record<string, unknown>>().notNull(),
  /** The PDF and its hash: null until the letter sweep has rendered it. */
  pdfBase64: text('pdf_base64'),
  pdfSha256: text('pdf_sha256'),
  renderedAt: timestamp('rendered_at', { withTimezone: true, mode: 'date' }),
  /**
   * The address it is e-mailed to (fixed at issue), and the outbox message the letter sweep queued; the address is null
   * when the customer has no e-mail address.
   */
  mailedTo: text('mailed_to'),
  mailMessageId: uuid('mail_message_id'),
  issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
  /**
   * Times the letter sweep failed to render it, and (in tenant time) when it may try again (domain/letter-retry.ts):
   * null until a first failure. A failing letter waits out its backoff instead of being tried on every pass.
   */
  renderFailures: integer('render_failures').notNull().default(0),
  renderRetryAt: timestamp('render_retry_at', { withTimezone: true, mode: 'date' }),
}, (table) => [
  // Read by their case (as the case's other children, schema.ts): the key is that index.
  primaryKey({ name: 'nonpayment_case_letters_pkey', columns: [table.tenantId, table.caseNumber, table.letterNumber] }),
  // The letter sweep's work: the letters not rendered yet (a letter leaves it once, when its PDF is stored).
  index('nonpayment_case_letters_unrendered').on(table.letterNumber).where(sql`${table.renderedAt} is null`),
]);
