// Rendering an issued letter (issue-letter.ts): the PDF from the stored content, then in the caller's transaction it is
// stored, the `.eml` with the PDF attached is queued in the platform outbox (when the letter has an address) and
// `letter.issued` is appended. The store is a compare-and-set on the letter still having no PDF, and the mail and
// event are written only when it holds: a letter is rendered, mailed and announced once, whoever gets there first.
import { fastGuardedWriteAll } from '../../platform/db/fast-query.js';
import type { Database, Transaction } from '../../platform/db/database.js';
import { eventsWrite } from '../../platform/events/append.js';
import { composeQueuedMail, enqueueMailJobs, mailRowsWrite } from '../../platform/mail/outbox.js';
import type { Tenant } from '../../platform/tenants/tenant.js';
import { systemActor, type WriteOrigin } from '../../platform/unit-of-work.js';
import type { CasesContext } from '../context.js';
import { letterIdOf } from '../domain/codes.js';
import { letterMail } from '../letters/email.js';
import { renderLetterPdf } from '../letters/pdf.js';
import { type LetterToRender, findLetter, storeRenderedPdf } from '../letters-store.js';
import { LETTER_ENTITY, LETTER_MAIL_KIND } from './issue-letter.js';
import { sha256Hex, storedLetterContent } from './letter-document.js';

export type RenderOutcome = 'rendered' | 'already-rendered' | 'no-such-letter';

/** Renders the tenant's letter in `tx` unless it was rendered already. */
export async function renderLetterIn(tx: Transaction, ctx: CasesContext, tenant: Tenant, now: Date, caseNumber: number, letterNumber: number): Promise<RenderOutcome> {
  const letter = await findLetter(tx, tenant.id, caseNumber, letterNumber);
  if (!letter) return 'no-such-letter';
  if (letter.renderedAt) return 'already-rendered';
  return renderUnrenderedLetter(tx, ctx, tenant, now, letter);
}

/**
 * Renders a letter read without its PDF (the letter sweep's claim, which holds its row locked) in `tx`; the store is
 * still guarded by the letter having no PDF, so a letter rendered meanwhile is left as it is ('already-rendered').
 */
export async function renderUnrenderedLetter(tx: Transaction, ctx: CasesContext, tenant: Tenant, now: Date, letter: LetterToRender): Promise<RenderOutcome> {
  const content = storedLetterContent(letter);
  const letterId = letterIdOf(letter.letterNumber);
  const pdf = await renderLetterPdf(content, letter.language);
  const pdfSha256 = sha256Hex(pdf);
  const origin: WriteOrigin = { tenant, now, actor: systemActor('letter-render'), audited: false };
  const mail = letter.mailedTo === null ? null : await composeQueuedMail(origin, {
    ...letterMail(content, letter.language, pdf, { from: ctx.mailFrom, to: [letter.mailedTo] }), kind: LETTER_MAIL_KIND, related: { type: LETTER_ENTITY, id: letterId },
  });
  const issued = {
    type: 'letter.issued', entityType: LETTER_ENTITY, entityId: letterId,
    data: {
      caseId: content.caseId, letterId, letterType: letter.letterType, language: letter.language, subject: letter.subject, issuedAt: letter.issuedAt.toISOString(),
      customerId: content.customer.customerId, policyId: content.policyId, mailed: mail !== null, pdfSha256,
    },
  };
  const guard = storeRenderedPdf(letter, { pdfBase64: pdf.toString('base64'), pdfSha256, renderedAt: now, mailMessageId: mail?.id ?? null });
  const wrote = await fastGuardedWriteAll(tx, guard, [...(mail ? [mailRowsWrite([mail])] : []), eventsWrite(origin, [issued])]);
  if (wrote && mail) await enqueueMailJobs(tx, ctx.jobs, [mail.id]);
  return wrote ? 'rendered' : 'already-rendered';
}

/** renderLetterIn in a transaction of its own. */
export async function renderIssuedLetter(db: Database, ctx: CasesContext, tenant: Tenant, now: Date, caseNumber: number, letterNumber: number): Promise<RenderOutcome> {
  return db.transaction(async (tx) => renderLetterIn(tx, ctx, tenant, now, caseNumber, letterNumber));
}
