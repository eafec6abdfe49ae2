import PDFDocument from 'pdfkit';
import type { ReportTable } from './domain/report-table.js';

/*
 * A report as an A4 landscape PDF table in the standard Helvetica font (nothing to embed). The bytes depend only on
 * the table and `drawnAt` (the PDF's creation date), never on the clock.
 */

const MARGIN = 40;
const ROW_HEIGHT = 16;

export function renderReportPdf(table: ReportTable, drawnAt: Date): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4', layout: 'landscape', margin: MARGIN, lang: 'en-GB', displayTitle: true,
    info: { Title: `${table.title} as of ${table.asOf}`, Creator: 'Tradecredit', Producer: 'Tradecredit', CreationDate: drawnAt, ModDate: drawnAt },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.font('Helvetica').fontSize(14).text(`${table.title} as of ${table.asOf}`);
  const parameters = Object.entries(table.parameters).map(([name, value]) => `${name}: ${value}`).join(', ');
  if (parameters !== '') document.fontSize(9).fillColor('#555555').text(parameters);
  document.moveDown(1);
  writeRows(document, table);
  document.end();
  return done;
}

function writeRows(document: PDFKit.PDFDocument, table: ReportTable): void {
  const width = (document.page.width - MARGIN * 2) / table.columns.length;
  const line = (cells: string[]) => {
    if (document.y + ROW_HEIGHT > document.page.height - MARGIN) document.addPage();
    const y = document.y;
    cells.forEach((cell, index) => document.text(cell, MARGIN + index * width, y, { width: width - 4, height: ROW_HEIGHT, ellipsis: true, lineBreak: false }));
    document.x = MARGIN;
    document.y = y + ROW_HEIGHT;
  };
  document.fontSize(9).fillColor('#000000');
  line(table.columns.map((column) => column.label));
  for (const row of table.rows) line(table.columns.map((column) => String(row[column.key] ?? '')));
  if (table.rows.length === 0) line(['Nothing to report on this date.']);
}
