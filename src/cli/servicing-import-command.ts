import { loadConfig } from '../platform/config.js';
import { systemClock } from '../platform/clock.js';
import { acquireDataDirLock } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import { applyMigrations } from '../platform/db/migrate.js';
import { findTenant } from '../platform/tenants/service.js';
import { CliError } from './commands.js';
import { checkReadable, MAX_IMPORT_BATCH, runServicingImport, type ImportSummary } from './servicing-import.js';
import { IMPORT_RSS_THRESHOLD, memoryGuard } from './servicing-import-memory.js';
import { progressBar } from './servicing-import-progress.js';

/** The options of `tradecredit servicing import` as commander hands them over. */
export interface ServicingImportCliOptions {
  tenant: string;
  format?: 'jsonl' | 'csv';
  batchSize: string;
  failures?: string;
  checkpoint?: string;
  restart: boolean;
  stopAfter?: string;
  progress: boolean;
  json: boolean;
}

/**
 * Runs the import on the database directly (PostgreSQL, or the embedded database when no service owns it: a
 * running service holds its data directory, and the import says so rather than wait). Exit code 0 when every
 * record was imported (or the run stopped as asked), 1 when some failed (see the failures file); a file that cannot
 * be read, a bad option or a checkpoint that does not match is a CliError (exit 2).
 */
export async function servicingImportCommand(file: string, options: ServicingImportCliOptions): Promise<void> {
  const batchSize = count(options.batchSize, '--batch-size', MAX_IMPORT_BATCH);
  const stopAfter = options.stopAfter === undefined ? undefined : count(options.stopAfter, '--stop-after', Number.MAX_SAFE_INTEGER);
  await checkReadable(file);
  const config = loadConfig();
  const lock = config.DATABASE_URL ? undefined : acquireDataDirLock(config.DATA_DIR);
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  // The first Ctrl-C lets the batch in flight commit and stops at the checkpoint; a second one ends the process.
  const interrupted = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\nStopping after the batch in flight (Ctrl-C again to quit at once)…\n');
    interrupted.abort();
  };
  process.once('SIGINT', onInterrupt);
  try {
    await applyMigrations(handle);
    const tenant = await findTenant(handle.db, options.tenant);
    if (!tenant) throw new CliError(`No tenant with id or clientId ${options.tenant}`);
    const summary = await runServicingImport(
      { db: handle.db, clock: systemClock }, tenant,
      { file, format: options.format, batchSize, failuresPath: options.failures, checkpointPath: options.checkpoint, restart: options.restart, stopAfter, signal: interrupted.signal,
        afterBatch: memoryGuard(IMPORT_RSS_THRESHOLD) },
      options.progress ? progressBar() : undefined,
    );
    process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : describe(summary));
    if (summary.counts.failed > 0) process.exitCode = 1;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    await handle.close();
    lock?.release();
  }
}

function count(text: string, option: string, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) throw new CliError(`${option} must be a whole number from 1 to ${max.toLocaleString('en-US')}, not ${JSON.stringify(text)}`);
  return value;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function describe(summary: ImportSummary): string {
  const { counts } = summary;
  const lines = [
    `${summary.complete ? 'Imported' : 'Stopped:'} ${fmt(counts.imported)} of ${fmt(counts.records)} records (${fmt(counts.failed)} failed) from ${summary.file}`,
    `This run: from line ${fmt(summary.startedAtLine)}, ${summary.seconds.toFixed(1)} s, ${fmt(summary.recordsPerSecond)} records/s` +
      (summary.replayedBatches > 0 ? `, ${summary.replayedBatches} batch(es) already imported before (not written again)` : ''),
    `Failures: ${summary.failuresFile}`,
  ];
  if (!summary.complete) lines.push(`Run the same command again to continue (checkpoint ${summary.checkpointFile}).`);
  return `${lines.join('\n')}\n`;
}
