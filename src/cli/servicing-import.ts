import { createHash, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Tenant } from '../platform/tenants/tenant.js';
import {
  csvRecordIsOpen, CsvHeaderError, importPortfolioBatch, isRejected, parseCsvHeader, parseCsvRecord, parseJsonRecord,
  type ImportServices, type PortfolioRecord, type PortfolioRecordKind, type RejectedRecord,
} from '../servicing/api.js';
import { CliError } from './commands.js';
import { fileIdentity, readFirstLine, readLines, type FileLine } from './servicing-import-file.js';

/*
 * `tradecredit servicing import FILE`: streams a portfolio file (JSON Lines or CSV, docs/servicing-guide.md §8) in
 * batches through the servicing module's create_accounts / create_claims use cases.
 * - Resumable: after each committed batch a checkpoint file records the byte offset and line where the next batch
 *   begins, the counts so far and the failures file's length. A re-run continues there. A crash between a batch's
 *   commit and its checkpoint re-sends that batch under the same idempotency key, which replays its stored outcome
 *   and writes nothing, so no record is imported twice and the failures file (cut back to the checkpoint's length)
 *   gets the same lines again.
 * - Failures: one JSON line per rejected record, `{"line","reference","message"}`, the message being the API's.
 * - Batch boundaries depend only on the file and the batch size (which a resumed run takes from the checkpoint):
 *   a batch ends at `batchSize` records, before a record of the other kind, and before a reference already in it.
 */

export interface ServicingImportOptions {
  readonly file: string;
  readonly format?: 'jsonl' | 'csv';
  readonly batchSize: number;
  readonly failuresPath?: string;
  readonly checkpointPath?: string;
  /** Ignore an existing checkpoint and start a new import (new batch keys). */
  readonly restart?: boolean;
  /** Stop after the batch that reaches this many records; the checkpoint lets a re-run continue. */
  readonly stopAfter?: number;
  /** Once aborted (Ctrl-C), stop after the batch in flight, as `stopAfter` does. */
  readonly signal?: AbortSignal;
  /** Called after each committed batch (the CLI's memory guard). */
  readonly afterBatch?: () => void;
}

export interface ImportCounts {
  records: number;
  imported: number;
  failed: number;
  batches: number;
}

interface Checkpoint {
  readonly version: 1;
  readonly importId: string;
  readonly tenantId: string;
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly format: 'jsonl' | 'csv';
  readonly batchSize: number;
  nextOffset: number;
  nextLine: number;
  failuresBytes: number;
  complete: boolean;
  counts: ImportCounts;
}

export interface ImportSummary {
  readonly file: string;
  readonly format: 'jsonl' | 'csv';
  readonly complete: boolean;
  /** The line this run began at (1 for a new import). */
  readonly startedAtLine: number;
  readonly counts: ImportCounts;
  /** Batches of this run that had been committed before (replayed, nothing written). */
  readonly replayedBatches: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  readonly failuresFile: string;
  readonly checkpointFile: string;
}

/** What the command shows while it runs (a progress bar, or nothing). */
export interface ImportProgress {
  start(totalBytes: number, doneBytes: number, counts: ImportCounts): void;
  update(doneBytes: number, counts: ImportCounts): void;
  stop(): void;
}

export const MAX_IMPORT_BATCH = 1000;

interface OpenBatch {
  kind?: PortfolioRecordKind;
  records: PortfolioRecord[];
  references: Set<string>;
  rejected: RejectedRecord[];
  hash: ReturnType<typeof createHash>;
  /** Offset and line number just after the batch's last record. */
  end: number;
  endLine: number;
}

/** Refuses, with the reason, a file that cannot be read. */
export async function checkReadable(file: string): Promise<{ size: number; mtimeMs: number }> {
  return fileIdentity(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
}

export async function runServicingImport(
  services: ImportServices, tenant: Tenant, options: ServicingImportOptions, progress?: ImportProgress,
): Promise<ImportSummary> {
  const file = path.resolve(options.file);
  const identity = await checkReadable(options.file);
  const failuresPath = path.resolve(options.failuresPath ?? `${file}.failures.jsonl`);
  const checkpointPath = path.resolve(options.checkpointPath ?? `${file}.checkpoint.json`);
  const checkpoint = openCheckpoint(checkpointPath, failuresPath, { file, tenant, identity, options });
  const started = performance.now();
  const startedAtLine = checkpoint.nextLine;
  let replayedBatches = 0;
  const summary = (): ImportSummary => {
    const seconds = (performance.now() - started) / 1000;
    return {
      file, format: checkpoint.format, complete: checkpoint.complete, startedAtLine, counts: { ...checkpoint.counts }, replayedBatches,
      seconds, recordsPerSecond: (checkpoint.counts.records - countsAtStart.records) / Math.max(seconds, 1e-3), failuresFile: failuresPath, checkpointFile: checkpointPath,
    };
  };
  const countsAtStart = { ...checkpoint.counts };
  if (checkpoint.complete) return summary();

  const records = recordsOf(file, checkpoint);
  progress?.start(identity.size, checkpoint.nextOffset, checkpoint.counts);
  let batch = newBatch(checkpoint);
  const commit = async () => {
    const replayed = await commitBatch(services, tenant, checkpoint, batch, { checkpointPath, failuresPath });
    if (replayed) replayedBatches += 1;
    progress?.update(checkpoint.nextOffset, checkpoint.counts);
    batch = newBatch(checkpoint);
    options.afterBatch?.();
  };
  const stopNow = () => options.signal?.aborted === true || (options.stopAfter !== undefined && checkpoint.counts.records >= options.stopAfter);
  try {
    for await (const { record, end, endLine } of records) {
      if (!isRejected(record) && !fits(batch, record, checkpoint.batchSize)) {
        await commit();
        if (stopNow()) return summary();
      }
      addToBatch(batch, record, end, endLine);
      if (batch.records.length + batch.rejected.length >= checkpoint.batchSize) {
        await commit();
        if (stopNow()) return summary();
      }
    }
    if (batch.records.length + batch.rejected.length > 0) await commit();
    checkpoint.complete = true;
    saveCheckpoint(checkpointPath, checkpoint);
    return summary();
  } finally {
    progress?.stop();
  }
}

/** The checkpoint to continue from, or a new one (the failures file emptied) for a new import. */
function openCheckpoint(
  checkpointPath: string,
  failuresPath: string,
  context: { file: string; tenant: Tenant; identity: { size: number; mtimeMs: number }; options: ServicingImportOptions },
): Checkpoint {
  const { file, tenant, identity, options } = context;
  if (!options.restart && existsSync(checkpointPath)) {
    const saved = JSON.parse(readFileSync(checkpointPath, 'utf8')) as Checkpoint;
    if (saved.version !== 1 || saved.file !== file) throw new CliError(`${checkpointPath} is the checkpoint of another import (${saved.file}); give another --checkpoint or --restart`);
    if (saved.tenantId !== tenant.id) throw new CliError(`${checkpointPath} belongs to an import into tenant ${saved.tenantId}; use --restart to import into ${tenant.id}`);
    if (saved.size !== identity.size || saved.mtimeMs !== identity.mtimeMs) {
      throw new CliError(`${options.file} changed since the checkpoint ${checkpointPath} was written; use --restart to import it as a new file`);
    }
    if (options.format && options.format !== saved.format) throw new CliError(`The import began as ${saved.format}; resume it with the same --format or --restart`);
    cutFailuresFile(failuresPath, saved.failuresBytes);
    return saved;
  }
  const checkpoint: Checkpoint = {
    version: 1, importId: randomUUID(), tenantId: tenant.id, file, size: identity.size, mtimeMs: identity.mtimeMs,
    format: options.format ?? (/\.csv$/i.test(file) ? 'csv' : 'jsonl'), batchSize: options.batchSize,
    nextOffset: 0, nextLine: 1, failuresBytes: 0, complete: false, counts: { records: 0, imported: 0, failed: 0, batches: 0 },
  };
  writeFileSync(failuresPath, '');
  saveCheckpoint(checkpointPath, checkpoint);
  return checkpoint;
}

/** Drops failure lines written after the checkpoint (their batch is sent again and answers the same). */
function cutFailuresFile(failuresPath: string, length: number): void {
  const actual = existsSync(failuresPath) ? statSync(failuresPath).size : -1;
  if (actual < length) throw new CliError(`${failuresPath} is shorter than the checkpoint recorded (${length} bytes): it was changed; use --restart`);
  if (actual > length) truncateSync(failuresPath, length);
}

function saveCheckpoint(checkpointPath: string, checkpoint: Checkpoint): void {
  const temporary = `${checkpointPath}.tmp`;
  writeFileSync(temporary, JSON.stringify(checkpoint));
  renameSync(temporary, checkpointPath);
}

interface FileRecord {
  record: PortfolioRecord | RejectedRecord;
  end: number;
  endLine: number;
}

/** The file's records from the checkpoint on: JSON lines, or CSV rows (a quoted field may span lines). */
async function* recordsOf(file: string, checkpoint: Checkpoint): AsyncGenerator<FileRecord> {
  if (checkpoint.format === 'jsonl') {
    for await (const line of readLines(file, checkpoint.nextOffset, checkpoint.nextLine)) {
      if (line.text.trim() !== '') yield { record: parseJsonRecord(line.text, line.number), end: line.end, endLine: line.number + 1 };
    }
    return;
  }
  const header = await readFirstLine(file);
  let columns: string[];
  try {
    columns = parseCsvHeader(header?.text ?? '');
  } catch (error) {
    if (error instanceof CsvHeaderError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  const start = checkpoint.nextOffset === 0 ? { offset: header!.end, line: 2 } : { offset: checkpoint.nextOffset, line: checkpoint.nextLine };
  let open: { first: FileLine; text: string; last: FileLine } | undefined;
  for await (const line of readLines(file, start.offset, start.line)) {
    if (!open && line.text.trim() === '') continue;
    open = open ? { first: open.first, text: `${open.text}\n${line.text}`, last: line } : { first: line, text: line.text, last: line };
    if (csvRecordIsOpen(open.text)) continue;
    yield { record: parseCsvRecord(columns, open.text, open.first.number), end: line.end, endLine: line.number + 1 };
    open = undefined;
  }
  if (open) {
    const record = { line: open.first.number, message: 'Invalid CSV row: a quoted field is not closed before the end of the file' };
    yield { record, end: open.last.end, endLine: open.last.number + 1 };
  }
}

function newBatch(checkpoint: Checkpoint): OpenBatch {
  return { records: [], references: new Set(), rejected: [], hash: createHash('sha256'), end: checkpoint.nextOffset, endLine: checkpoint.nextLine };
}

/** Whether a valid record may join the batch: same kind, a reference not yet in it, room left. */
function fits(batch: OpenBatch, record: PortfolioRecord, batchSize: number): boolean {
  if (batch.records.length === 0) return true;
  return record.kind === batch.kind && !batch.references.has(record.reference) && batch.records.length < batchSize;
}

function addToBatch(batch: OpenBatch, record: PortfolioRecord | RejectedRecord, end: number, endLine: number): void {
  if (isRejected(record)) {
    batch.rejected.push(record);
  } else {
    batch.kind = record.kind;
    batch.records.push(record);
    batch.references.add(record.reference);
    batch.hash.update(`${record.line}\n${record.kind}\n${record.reference}\n${JSON.stringify(record.item)}\n`);
  }
  batch.end = end;
  batch.endLine = endLine;
}

/** Imports the batch, appends its failures and moves the checkpoint past it; returns whether it was a replay. */
async function commitBatch(
  services: ImportServices, tenant: Tenant, checkpoint: Checkpoint, batch: OpenBatch, paths: { checkpointPath: string; failuresPath: string },
): Promise<boolean> {
  const outcome = batch.records.length === 0
    ? { imported: 0, failed: [], replayed: false }
    : await importPortfolioBatch(services, tenant, {
      key: `${checkpoint.importId}:${batch.records[0]!.line}`, fingerprint: batch.hash.digest('hex'), kind: batch.kind!, records: batch.records,
    });
  const failures = [...batch.rejected, ...outcome.failed].sort((a, b) => a.line - b.line);
  if (failures.length > 0) {
    const text = failures.map((failure) => `${JSON.stringify({ line: failure.line, reference: failure.reference ?? null, message: failure.message })}\n`).join('');
    appendFileSync(paths.failuresPath, text);
    checkpoint.failuresBytes += Buffer.byteLength(text);
  }
  const counts = checkpoint.counts;
  counts.records += batch.records.length + batch.rejected.length;
  counts.imported += outcome.imported;
  counts.failed += failures.length;
  counts.batches += 1;
  checkpoint.nextOffset = batch.end;
  checkpoint.nextLine = batch.endLine;
  saveCheckpoint(paths.checkpointPath, checkpoint);
  return outcome.replayed;
}
