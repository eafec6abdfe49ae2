import PDFDocument from 'pdfkit';
import { LETTER_TYPES } from '../src/cases/letters/content.js';
import { composeLetterEmail } from '../src/cases/letters/email.js';
import { renderLetterPdf } from '../src/cases/letters/pdf.js';
import { letterOf } from '../test/cases/letters-fixtures.js';
import { load, report, type LoadResult } from './_harness.js';

/**
 * Letter rendering (issue 14: "letter rendering rate, target ≥ 200 PDFs/s"): every letter type in both languages in
 * turn, next to the same-run baseline of a one-line pdfkit document in the same standard font. No database: a
 * letter is rendered from its content alone. Since letters are rendered by a sweep outside the issuing transaction, the
 * sweep's CPU work per letter (the PDF and the `.eml` that carries it) is measured too. Each figure is also given as CPU per PDF, since the wall-clock rate
 * on a shared machine says as much about the neighbours as about the code.
 */
const TARGET_PER_SECOND = 200;

function oneLinePdf(): Promise<Buffer> {
  const document = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => document.on('end', () => resolve(Buffer.concat(chunks))));
  document.font('Helvetica').text('Hello');
  document.end();
  return done;
}

const letters = LETTER_TYPES.flatMap((type) => (['en', 'sv'] as const).map((language) => ({ letter: letterOf(type), language })));

async function renderNext(index: number): Promise<void> {
  const next = letters[index % letters.length]!;
  const pdf = await renderLetterPdf(next.letter, next.language);
  if (pdf.length < 1000) throw new Error('letter PDF too small');
}

/** The CPU work of rendering one letter (render-letter.ts) besides its statements: the PDF and the `.eml` carrying it. */
async function renderJobWork(index: number): Promise<void> {
  const next = letters[index % letters.length]!;
  const pdf = await renderLetterPdf(next.letter, next.language);
  const eml = await composeLetterEmail(next.letter, next.language, pdf, { from: 'Tradecredit <no-reply@tradecredit.local>', to: ['claims@exporter.example'] });
  if (eml.length < pdf.length) throw new Error('letter e-mail lacks its PDF');
}

async function measured(task: (i: number) => Promise<void>, options: { seconds: number; concurrency: number }): Promise<{ result: LoadResult; cpuMsPerPdf: number }> {
  const before = process.cpuUsage();
  const result = await load(task, options);
  const used = process.cpuUsage(before);
  return { result, cpuMsPerPdf: (used.user + used.system) / 1000 / result.requests };
}

function cpuLine(name: string, cpuMsPerPdf: number): void {
  console.log(`${name.padEnd(48)} ${cpuMsPerPdf.toFixed(2).padStart(7)} ms CPU per PDF  (${(1000 / cpuMsPerPdf).toFixed(0)} PDFs per CPU-second)`);
}

export default async function caseLettersBench(): Promise<void> {
  const options = { seconds: Number(process.env.BENCH_SECONDS ?? 5), concurrency: 4 };
  for (let index = 0; index < 100; index += 1) {
    await oneLinePdf();
    await renderNext(index);
  }
  console.log(`case letters benchmark: ${letters.length} letters (${LETTER_TYPES.length} types × en/sv), ${options.concurrency} in flight, ${options.seconds} s each`);
  const baseline = await measured(() => oneLinePdf().then(() => undefined), options);
  report('baseline: one-line pdfkit document', baseline.result);
  const rendered = await measured(renderNext, options);
  report('renderLetterPdf (every type, en and sv)', rendered.result, baseline.result);
  const job = await measured(renderJobWork, options);
  report('render job work (PDF + .eml with it attached)', job.result, baseline.result);
  cpuLine('baseline: one-line pdfkit document', baseline.cpuMsPerPdf);
  cpuLine('renderLetterPdf', rendered.cpuMsPerPdf);
  cpuLine('render job work (PDF + .eml)', job.cpuMsPerPdf);
  const met = rendered.result.perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT met';
  console.log(`target ≥ ${TARGET_PER_SECOND} PDFs/s: ${met} by wall clock (${rendered.result.perSecond.toFixed(0)}/s); ${(1000 / rendered.cpuMsPerPdf).toFixed(0)} PDFs per CPU-second`
    + ` (${(1000 / job.cpuMsPerPdf).toFixed(0)} mailed letters per CPU-second of render-job work)`);
}
