import PDFDocument from 'pdfkit';
import type { LetterContent } from './content.js';
import { toWinAnsi, type LetterLanguage } from './format.js';
import { installSharedFont } from './shared-font.js';
import { letterText, type LetterFact, type LetterText } from './text.js';

/*
 * A letter as a one-or-more page A4 PDF in the standard Helvetica fonts (no font files to ship or embed; Swedish
 * letters are in their WinAnsi encoding). The output is a pure function of the content and the language: the PDF's
 * creation date and file id come from the letter's issue time, never from the clock, so an issued letter renders
 * to the same bytes every time.
 */

const PAGE_MARGIN = 56;
/**
 * One font per document: Helvetica is the document's first font (with metrics parsed once per process,
 * shared-font.ts), and headings are drawn in it filled and stroked (a faux bold) rather than in Helvetica-Bold, which
 * would add a font to every letter.
 */
const FONT = 'Helvetica';
const BOLD_STROKE = 0.35;
const GREY = '#555555';
const BLACK = '#000000';

/** pdfkit opens Helvetica for every new document unless its `font` is null (its types do not say so). */
const WITHOUT_DEFAULT_FONT = { font: null } as unknown as PDFKit.PDFDocumentOptions;

const LANGUAGE_TAGS: Record<LetterLanguage, string> = { en: 'en-GB', sv: 'sv-SE' };

/** `fonts: 'pdfkit'` renders with pdfkit's own font objects instead of the shared one, to the same bytes (for tests). */
export function renderLetterPdf(letter: LetterContent, language: LetterLanguage, fonts: 'shared' | 'pdfkit' = 'shared'): Promise<Buffer> {
  const text = letterText(letter, language);
  const document = new PDFDocument({
    ...(fonts === 'shared' ? WITHOUT_DEFAULT_FONT : {}),
    size: 'A4',
    margin: PAGE_MARGIN,
    bufferPages: true,
    lang: LANGUAGE_TAGS[language],
    displayTitle: true,
    info: {
      Title: text.subject,
      Author: letter.insurer.name,
      Subject: `${letter.caseId} ${letter.letterType}`,
      Keywords: `${letter.caseId} ${letter.letterId}`,
      Creator: 'Tradecredit',
      Producer: 'Tradecredit',
      CreationDate: letter.issuedAt,
      ModDate: letter.issuedAt,
    },
  });
  if (fonts === 'shared') installSharedFont(document, FONT);
  const done = collect(document);
  writeLetter(document, letter, text);
  writeFooters(document, letter, language);
  document.end();
  return done;
}

function collect(document: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
}

function contentWidth(document: PDFKit.PDFDocument): number {
  return document.page.width - PAGE_MARGIN * 2;
}

function writeLetter(document: PDFKit.PDFDocument, letter: LetterContent, text: LetterText): void {
  writeSender(document, letter);
  writeAddressee(document, letter, text.date);
  document.moveDown(1.5);
  heading(document, text.subject, 13);
  document.moveDown(0.5);
  writeFacts(document, text.references, 9, GREY);
  document.moveDown(1);
  document.font(FONT).fontSize(10.5).fillColor(BLACK).text(toWinAnsi(text.greeting));
  for (const paragraph of text.paragraphs) {
    document.moveDown(0.6);
    document.text(toWinAnsi(paragraph), { align: 'left' });
  }
  if (text.facts.length > 0) {
    document.moveDown(1);
    writeFacts(document, text.facts, 10.5, BLACK);
  }
  if (text.list) writeList(document, text.list.title, text.list.items);
  document.moveDown(1.5);
  document.font(FONT).fontSize(10.5).fillColor(BLACK);
  for (const line of text.closing) document.text(toWinAnsi(line));
}

function heading(document: PDFKit.PDFDocument, text: string, size: number): void {
  document.font(FONT).fontSize(size).fillColor(BLACK).strokeColor(BLACK).lineWidth(BOLD_STROKE)
    .text(toWinAnsi(text), { fill: true, stroke: true });
}

function writeSender(document: PDFKit.PDFDocument, letter: LetterContent): void {
  heading(document, letter.insurer.name, 15);
  document.font(FONT).fontSize(8.5).fillColor(GREY);
  for (const line of letter.insurer.address ?? []) document.text(toWinAnsi(line));
  if (letter.insurer.email) document.text(toWinAnsi(letter.insurer.email));
}

function writeAddressee(document: PDFKit.PDFDocument, letter: LetterContent, date: string): void {
  document.moveDown(2);
  const top = document.y;
  document.font(FONT).fontSize(10.5).fillColor(BLACK).text(toWinAnsi(letter.customer.name), PAGE_MARGIN, top);
  for (const line of letter.customer.address ?? []) document.text(toWinAnsi(line));
  const bottom = document.y;
  document.text(toWinAnsi(date), PAGE_MARGIN, top, { width: contentWidth(document), align: 'right' });
  document.x = PAGE_MARGIN;
  document.y = Math.max(bottom, document.y);
}

/** Label on the left, value on the right, one row per fact. */
function writeFacts(document: PDFKit.PDFDocument, facts: readonly LetterFact[], size: number, color: string): void {
  const width = contentWidth(document);
  const labelWidth = width * 0.45;
  document.font(FONT).fontSize(size).fillColor(color);
  for (const fact of facts) {
    if (document.y + size * 2 > document.page.height - PAGE_MARGIN) document.addPage();
    const top = document.y;
    document.text(toWinAnsi(fact.label), PAGE_MARGIN, top, { width: labelWidth });
    const afterLabel = document.y;
    document.text(toWinAnsi(fact.value), PAGE_MARGIN + labelWidth, top, { width: width - labelWidth, align: 'right' });
    document.x = PAGE_MARGIN;
    document.y = Math.max(afterLabel, document.y);
  }
}

function writeList(document: PDFKit.PDFDocument, title: string, items: readonly string[]): void {
  document.moveDown(1);
  heading(document, title, 10.5);
  document.font(FONT).fontSize(10);
  for (const item of items) document.text(toWinAnsi(`\u2022 ${item}`), { indent: 8 });
}

const PAGE_WORDS: Record<LetterLanguage, (page: number, pages: number) => string> = {
  en: (page, pages) => `page ${page} of ${pages}`,
  sv: (page, pages) => `sida ${page} av ${pages}`,
};

/** "NP-000123 · LTR-1 · page 1 of 2" at the foot of every page. */
function writeFooters(document: PDFKit.PDFDocument, letter: LetterContent, language: LetterLanguage): void {
  const range = document.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    document.switchToPage(index);
    const bottomMargin = document.page.margins.bottom;
    document.page.margins.bottom = 0;
    const footer = `${letter.caseId} \u00b7 ${letter.letterId} \u00b7 ${PAGE_WORDS[language](index + 1, range.count)}`;
    document.font(FONT).fontSize(8).fillColor(GREY)
      .text(toWinAnsi(footer), PAGE_MARGIN, document.page.height - PAGE_MARGIN / 2 - 8, { width: contentWidth(document), align: 'center', lineBreak: false });
    document.page.margins.bottom = bottomMargin;
  }
}
