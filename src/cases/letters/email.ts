import { composeEml, type OutgoingMail } from '../../platform/mail/compose.js';
import type { LetterContent } from './content.js';
import type { LetterLanguage } from './format.js';
import { letterText } from './text.js';

/*
 * A letter as an e-mail: the letter's text as the message body and its PDF attached, composed by the platform's
 * composer (the same RFC 5322 `.eml` the outbox stores and sends). `letterMail` gives the message for
 * `queueMail(uow, jobs, { ...letterMail(...), kind, related })`; `composeLetterEmail` gives the `.eml` itself.
 */

export interface LetterMailAddresses {
  readonly from: string;
  readonly to: readonly string[];
}

const ATTACHED: Record<LetterLanguage, string> = {
  en: 'The letter is attached as a PDF document.',
  sv: 'Brevet finns bifogat som PDF-dokument.',
};

/** The attachment's file name: `NP-000123-liability-assessment-LTR-000042.pdf`. */
export function letterFileName(letter: LetterContent): string {
  const type = letter.letterType.toLowerCase().replaceAll('_', '-');
  return `${letter.caseId}-${type}-${letter.letterId}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export function letterMail(letter: LetterContent, language: LetterLanguage, pdf: Buffer, addresses: LetterMailAddresses): OutgoingMail {
  const text = letterText(letter, language);
  return {
    from: addresses.from,
    to: [...addresses.to],
    subject: text.subject,
    text: `${text.body}\n\n${ATTACHED[language]}\n`,
    date: letter.issuedAt,
    language,
    attachments: [{ filename: letterFileName(letter), contentType: 'application/pdf', content: pdf }],
  };
}

export function composeLetterEmail(letter: LetterContent, language: LetterLanguage, pdf: Buffer, addresses: LetterMailAddresses): Promise<string> {
  return composeEml(letterMail(letter, language, pdf, addresses));
}
