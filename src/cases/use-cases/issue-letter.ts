// Issuing one correspondence letter (spec §6.2 Letter, issue 14 point 5) in the unit of work of the change it reports:
// the content is fixed from the case as it stands and stored with the letter's text, without its PDF. The letter
// sweep (sweeps.ts, render-letter.ts) then renders the PDF once, stores it, e-mails it through the platform outbox
// when the customer has an address, and announces the letter as `letter.issued` (the webhook). Rendering a PDF costs
// milliseconds of CPU that the change's transaction (and the row lock on the case) need not wait for, and a letter
// without its PDF is all the sweep needs to find it (no job row per letter).
import { fastWriteAll, type FastWrite } from '../../platform/db/fast-query.js';
import type { UnitOfWork, WriteOrigin } from '../../platform/unit-of-work.js';
import type { CustomerContactFacts } from '../../cover/api.js';
import type { CasesContext } from '../context.js';
import { caseIdOf, letterIdOf } from '../domain/codes.js';
import type { LetterContent, LetterDetails } from '../letters/content.js';
import type { LetterLanguage } from '../letters/format.js';
import { letterText } from '../letters/text.js';
import { insertLetterWrite, letterFacts } from '../letters-store.js';
import type { CaseRow } from '../store.js';

export const LETTER_ENTITY = 'nonpayment_letter';
export const LETTER_MAIL_KIND = 'case.letter';

/** Decision: the customer's country picks the language: Swedish for SE, English for any other or none. */
export function letterLanguageOf(country: string | null): LetterLanguage {
  return country?.toUpperCase() === 'SE' ? 'sv' : 'en';
}

function letterContent(uow: WriteOrigin, ctx: CasesContext, row: CaseRow, customer: CustomerContactFacts | null, letterId: string, details: LetterDetails): LetterContent {
  return {
    letterId, caseId: caseIdOf(row.caseNumber), caseType: row.caseType, issuedAt: uow.now, timeZone: ctx.timeZone,
    insurer: { name: uow.tenant.name },
    customer: { customerId: row.customerId, name: customer?.name ?? String(row.customerId), ...(customer?.email ? { email: customer.email } : {}) },
    policyId: String(row.policyId), buyer: { buyerId: row.buyerId, name: row.buyerName },
    ...(row.customerRefNumber ? { customerRefNumber: row.customerRefNumber } : {}), currencyCode: row.currency, ...details,
  } as LetterContent;
}

/** A letter's details, or how to write them in the customer's language (free text such as a list of documents). */
export type LetterDetailsIn = LetterDetails | ((language: LetterLanguage) => LetterDetails);

/**
 * The write that stores the letter's facts and text (the sweep renders it), to send with the other writes of the
 * change it reports; `customer` and `letterNumber` as letterFacts reads them.
 */
export function issueLetterWrites(
  origin: WriteOrigin, ctx: CasesContext, row: CaseRow, customer: CustomerContactFacts | null, letterNumber: number, detailsIn: LetterDetailsIn,
): FastWrite[] {
  const language = letterLanguageOf(customer?.country ?? null);
  const details = typeof detailsIn === 'function' ? detailsIn(language) : detailsIn;
  const content = letterContent(origin, ctx, row, customer, letterIdOf(letterNumber), details);
  const text = letterText(content, language);
  return [
    insertLetterWrite({
      letterNumber, tenantId: origin.tenant.id, caseNumber: row.caseNumber, letterType: details.letterType, language, subject: text.subject, body: text.body,
      content: { ...content, issuedAt: origin.now.toISOString() }, mailedTo: customer?.email ?? null, issuedAt: origin.now,
    }),
  ];
}

/** Stores the letter's facts and text for the sweep to render (one read, one write); returns the letter's number. */
export async function issueLetter(uow: UnitOfWork, ctx: CasesContext, row: CaseRow, detailsIn: LetterDetailsIn): Promise<number> {
  const { customer, letterNumber } = await letterFacts(uow.tx, uow.tenant.id, row.customerId);
  await fastWriteAll(uow.tx, issueLetterWrites(uow, ctx, row, customer, letterNumber, detailsIn));
  return letterNumber;
}
