import PDFDocument from 'pdfkit';

/** What a letter shows; every text is ready to print (formatted, in the letter's language). */
export interface LetterLayout {
  language: string;
  sender: string;
  recipientLines: string[];
  /** The letter's date, formatted. */
  dateLine: string;
  subject: string;
  paragraphs: string[];
  /** The PDF's creation date (the message's time, so the same letter renders to the same bytes). */
  createdAt: Date;
}

/** An A4 letter with the address in the window position (DIN 5008 type B), in the PDF standard fonts. */
export function renderLetterPdf(letter: LetterLayout): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margins: { top: 50, left: 70, right: 60, bottom: 60 }, lang: letter.language, displayTitle: true,
    info: { Title: letter.subject, Author: letter.sender, Creator: 'Tradecredit', Producer: 'Tradecredit', CreationDate: letter.createdAt, ModDate: letter.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(12).text(letter.sender, 70, 50);
  doc.font('Helvetica').fontSize(8).text(letter.sender, 70, 128);
  doc.fontSize(11).text(letter.recipientLines.join('\n'), 70, 142, { width: 240 });
  doc.text(letter.dateLine, 350, 270, { width: 185, align: 'right' });
  doc.font('Helvetica-Bold').fontSize(12).text(letter.subject, 70, 300, { width: 465 });
  doc.font('Helvetica').fontSize(11).moveDown(1.5);
  for (const paragraph of letter.paragraphs) {
    doc.text(paragraph, { width: 465, lineGap: 2 });
    doc.moveDown(0.8);
  }
  doc.end();
  return done;
}
