import PDFDocument from 'pdfkit';

/*
 * The documents the debtor downloads from the page: the statement of account (CSV and PDF) and the instalment
 * agreement (PDF). Every text arrives formatted in the page's language; PDFs use the standard fonts (WinAnsi), so
 * the narrow and no-break spaces Intl puts in amounts become plain spaces.
 */

export interface StatementRow {
  invoice: string;
  purchaseOrder: string;
  dueDate: string;
  amount: string;
  fees: string;
  outstanding: string;
  currency: string;
  status: string;
}

export interface StatementDocument {
  language: string;
  title: string;
  subtitle: string;
  debtor: string;
  headers: StatementRow;
  rows: StatementRow[];
  totals: string[];
  createdAt: Date;
}

const COLUMNS: (keyof StatementRow)[] = ['invoice', 'purchaseOrder', 'dueDate', 'amount', 'fees', 'outstanding', 'currency', 'status'];

/** One CSV field (RFC 4180), with a leading formula character neutralised so a spreadsheet never runs it. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The statement as CSV: a header row in the page's language, then one row per claim; amounts as plain decimals. */
export function statementCsv(statement: Pick<StatementDocument, 'headers' | 'rows'>): string {
  return [statement.headers, ...statement.rows].map((row) => COLUMNS.map((column) => csvField(row[column])).join(',')).join('\r\n') + '\r\n';
}

function pdfText(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function newDocument(language: string, title: string, createdAt: Date, layout: 'portrait' | 'landscape' = 'portrait'): PDFKit.PDFDocument {
  return new PDFDocument({
    size: 'A4', layout, margins: { top: 50, left: 50, right: 50, bottom: 50 }, lang: language, displayTitle: true,
    info: { Title: title, Creator: 'Tradecredit', Producer: 'Tradecredit', CreationDate: createdAt, ModDate: createdAt },
  });
}

function heading(doc: PDFKit.PDFDocument, title: string, lines: string[]): void {
  doc.font('Helvetica-Bold').fontSize(16).text(pdfText(title));
  doc.font('Helvetica').fontSize(10).moveDown(0.5);
  for (const line of lines) doc.text(pdfText(line));
  doc.moveDown();
}

/** A table of text columns at fixed x positions, a new page when the page is full. */
function table(doc: PDFKit.PDFDocument, widths: number[], header: string[], rows: string[][]): void {
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    let x = doc.page.margins.left;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    cells.forEach((cell, index) => {
      doc.text(pdfText(cell), x, y, { width: (widths[index] ?? 60) - 6, lineBreak: false, ellipsis: true });
      x += widths[index] ?? 60;
    });
    doc.x = doc.page.margins.left;
    doc.y = y + 16;
  };
  line(header, true);
  for (const row of rows) line(row, false);
}

export function statementPdf(statement: StatementDocument): Promise<Buffer> {
  // Landscape: eight columns, with the debtor's own invoice and PO numbers, do not fit across a portrait page.
  const doc = newDocument(statement.language, statement.title, statement.createdAt, 'landscape');
  const done = collect(doc);
  heading(doc, statement.title, [statement.debtor, statement.subtitle]);
  table(doc, [115, 100, 100, 85, 75, 85, 60, 100], COLUMNS.map((column) => statement.headers[column]), statement.rows.map((row) => COLUMNS.map((column) => row[column])));
  doc.moveDown().font('Helvetica-Bold').fontSize(10);
  for (const total of statement.totals) doc.text(pdfText(total));
  doc.end();
  return done;
}

export interface AgreementDocument {
  language: string;
  title: string;
  intro: string;
  reference: string;
  headers: [string, string, string];
  instalments: [string, string, string][];
  total: string;
  closing: string;
  createdAt: Date;
}

export function agreementPdf(agreement: AgreementDocument): Promise<Buffer> {
  const doc = newDocument(agreement.language, agreement.title, agreement.createdAt);
  const done = collect(doc);
  heading(doc, agreement.title, [agreement.reference, '', agreement.intro]);
  table(doc, [90, 200, 150], agreement.headers, agreement.instalments);
  doc.moveDown().font('Helvetica-Bold').fontSize(10).text(pdfText(agreement.total));
  doc.moveDown().font('Helvetica').text(pdfText(agreement.closing));
  doc.end();
  return done;
}
