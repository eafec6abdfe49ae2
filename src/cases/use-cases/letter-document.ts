import { createHash } from 'node:crypto';
import type { LetterContent } from '../letters/content.js';
import { renderLetterPdf } from '../letters/pdf.js';
import type { LetterRow, LetterToRender } from '../letters-store.js';

/** The content a letter was issued with, as the renderer takes it (the stored copy keeps its issue time as ISO text). */
export function storedLetterContent(letter: Pick<LetterToRender, 'content'>): LetterContent {
  const content = letter.content as unknown as LetterContent & { issuedAt: string };
  return { ...content, issuedAt: new Date(content.issuedAt) };
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A letter's PDF: the bytes the letter sweep stored, or (decision) while it has not yet rendered it, the same document
 * rendered on demand from the stored content. Rendering is a pure function of the content and the language, so
 * both give the same bytes; the on-demand copy is not stored, since only the sweep stores, mails and announces a letter.
 */
export async function letterDocument(letter: LetterRow): Promise<{ pdf: Buffer; sha256: string }> {
  if (letter.pdfBase64 !== null && letter.pdfSha256 !== null) return { pdf: Buffer.from(letter.pdfBase64, 'base64'), sha256: letter.pdfSha256 };
  const pdf = await renderLetterPdf(storedLetterContent(letter), letter.language);
  return { pdf, sha256: sha256Hex(pdf) };
}
