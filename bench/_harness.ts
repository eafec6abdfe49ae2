import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { rowsOf, type Database } from '../src/platform/db/database.js';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/logging.js';
import { startService, type RunningService } from '../src/service.js';
import { createTenant } from '../src/platform/tenants/service.js';
import { credentialSheet } from '../src/platform/tenants/credential-sheet.js';

/** Shared benchmark plumbing: a service on PostgreSQL (BENCH_DATABASE_URL, else the local test server), load loops, percentiles. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new database on the benchmark server, dropped afterwards, so runs never meet each other's data. */
export async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tc_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: BENCH_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The service in this process on a scratch database; `stop` also drops the database. */
export async function startBenchService(): Promise<RunningService & { url: string }> {
  const database = await scratchDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: database.url, DATABASE_POOL_SIZE: '20', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' });
  const service = await startService({ config, logger: createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent'), role: 'all' });
  const stop = service.stop;
  return { ...service, url: service.url as string, stop: async () => { await stop(); await database.drop(); } };
}

export async function benchTenant(service: RunningService) {
  const created = await createTenant(service.platform.db, { name: `bench ${Date.now()}`, mode: 'sandbox', now: new Date() });
  return credentialSheet(created, service.url ?? '');
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Runs `task` from `concurrency` loops for `seconds`; returns throughput and latency percentiles. */
export async function load(task: (i: number) => Promise<void>, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const stopAt = performance.now() + options.seconds * 1000;
  const start = performance.now();
  let counter = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < stopAt) {
        const index = counter++;
        const began = performance.now();
        await task(index);
        latencies.push(performance.now() - began);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, seconds, perSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

export function report(name: string, result: LoadResult, baseline?: LoadResult): void {
  const ratio = baseline ? `  (${((result.perSecond / baseline.perSecond) * 100).toFixed(0)}% of baseline)` : '';
  console.log(
    `${name.padEnd(48)} ${result.perSecond.toFixed(0).padStart(7)} /s   p50 ${result.p50Ms.toFixed(1).padStart(6)} ms   p99 ${result.p99Ms.toFixed(1).padStart(6)} ms${ratio}`,
  );
}

/** The same-run baseline: a bare insert-and-select transaction through the service's own pool. */
export async function insertSelectBaseline(db: Database, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, payload jsonb)`);
  try {
    return await load(async (i) => {
      await db.transaction(async (tx) => {
        const [row] = rowsOf<{ id: number }>(await tx.execute(sql`INSERT INTO bench_baseline (payload) VALUES (${JSON.stringify({ i })}::jsonb) RETURNING id`));
        await tx.execute(sql`SELECT * FROM bench_baseline WHERE id = ${row!.id}`);
      });
    }, options);
  } finally {
    await db.execute(sql`DROP TABLE IF EXISTS bench_baseline`);
  }
}
