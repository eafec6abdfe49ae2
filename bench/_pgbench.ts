import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Database } from '../src/platform/db/database.js';
import { insertSelectBaseline, report, scratchDatabase, type LoadResult } from './_harness.js';

/**
 * pgbench's TPC-B as a same-run baseline: the default script (three updates, an insert and a select per transaction)
 * on a scratch database of the benchmark server, so every write endpoint can be printed as a ratio to what the
 * database itself does per transaction on this machine at this moment.
 */

const run = promisify(execFile);

/**
 * Transactions per second of pgbench TPC-B at `scale` with `clients` clients (2 threads) for `seconds`, excluding
 * connection set-up. Throws when pgbench is not installed (see `writeBaseline` for the fallback).
 */
export async function pgbenchTpcB(clients: number, seconds: number, scale = 1): Promise<number> {
  const database = await scratchDatabase();
  try {
    await run('pgbench', ['-i', '-s', String(scale), '-q', database.url]);
    const { stdout } = await run('pgbench', ['-n', '-T', String(seconds), '-c', String(clients), '-j', '2', database.url]);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return Number(tps[1]);
  } finally {
    await database.drop();
  }
}

/** Whether the pgbench client is on the PATH. */
async function hasPgbench(): Promise<boolean> {
  return run('pgbench', ['--version']).then(() => true, () => false);
}

/** The baseline write rates are compared with: pgbench TPC-B where it can run, else the insert+select transaction. */
export interface WriteBaseline {
  readonly name: string;
  readonly perSecond: number;
}

/** The issue's TPC-B run: scale 10, 8 clients, 15 s (BENCH_PGBENCH_SECONDS overrides the duration). */
export const TPC_B = { scale: 10, clients: 8, seconds: Number(process.env.BENCH_PGBENCH_SECONDS ?? 15) };

/**
 * Runs the same-run write baseline and prints it: pgbench TPC-B (TPC_B) against the benchmark server, or, where
 * pgbench is missing, says so and falls back to the bare insert+select transaction through `db`'s pool.
 */
export async function writeBaseline(db: Database, fallback: { seconds: number; concurrency: number }): Promise<WriteBaseline> {
  if (await hasPgbench()) {
    const tps = await pgbenchTpcB(TPC_B.clients, TPC_B.seconds, TPC_B.scale);
    const name = `pgbench TPC-B, scale ${TPC_B.scale}`;
    console.log(`${`baseline: ${name}`.padEnd(48)} ${tps.toFixed(0).padStart(7)} /s   (${TPC_B.clients} clients, 2 threads, ${TPC_B.seconds} s)`);
    return { name, perSecond: tps };
  }
  console.log('pgbench is not installed here: write rates are compared with the insert+select transaction instead of TPC-B');
  await insertSelectBaseline(db, { seconds: 1, concurrency: fallback.concurrency });
  const result = await insertSelectBaseline(db, fallback);
  report('baseline: insert+select transaction (pool)', result);
  return { name: 'insert+select', perSecond: result.perSecond };
}

/** One measured write line followed by its rate as a ratio to the write baseline (and the issue's target, if any). */
export function reportAgainstWriteBaseline(name: string, result: LoadResult, baseline: WriteBaseline, target?: number): void {
  report(name, result);
  reportWriteRatio(result, baseline, target);
}

/** The line under a measured write: its rate as a ratio to the write baseline (and the target, if any). */
export function reportWriteRatio(result: LoadResult, baseline: WriteBaseline, target?: number): void {
  const ratio = result.perSecond / baseline.perSecond;
  const verdict = target === undefined ? '' : `   target ≥ ${target.toFixed(1)} × (${ratio >= target ? 'met' : 'NOT met'})`;
  console.log(`${''.padEnd(48)} = ${ratio.toFixed(2)} × ${baseline.name} (${baseline.perSecond.toFixed(0)} /s)${verdict}`);
}
