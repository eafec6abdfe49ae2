import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, rowsOf, type Database, type DatabaseHandle } from '../src/platform/db/database.js';
import { applyMigrations } from '../src/platform/db/migrate.js';
import { loadConfig, type Config } from '../src/platform/config.js';
import { createTenant } from '../src/platform/tenants/service.js';
import { credentialSheet } from '../src/platform/tenants/credential-sheet.js';
import { freePort } from '../test/support/processes.js';
/** The load generator's keep-alive HTTP client, one connection per concurrent loop. */
export { benchHttpClient as httpClient } from './_http-client.js';

/**
 * Shared benchmark plumbing. The service under test runs as its own process (`tradecredit serve --role api`, built
 * and started the way `npm start` does: compiled JavaScript in dist/, no TypeScript loader in the process; the
 * production log level unless BENCH_LOG_LEVEL says otherwise) on a scratch database of the benchmark server
 * (BENCH_DATABASE_URL, else the local test server); the load generator and the same-run baseline run in this process,
 * so neither steals the service's event loop. Clients keep their connections alive, as a real integrator would (_http-client.ts).
 */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/**
 * The service's pool size, and the size of the pool the baseline runs through: BENCH_POOL_SIZE, else the starting
 * point the README gives operators, twice the database server's cores plus one (the bench's server runs on this
 * machine unless BENCH_DATABASE_URL points elsewhere; then set BENCH_POOL_SIZE for it).
 *
 * Decision (2026-12-06): it was 20 for the bench's 16 clients. On this 2-core machine 5 connections served more
 * requests than 20 in every suite measured alternately (docs/architecture.md, "Pool size"): fewer backends competing
 * for the two cores.
 */
export const BENCH_POOL_SIZE = Number(process.env.BENCH_POOL_SIZE ?? 2 * availableParallelism() + 1);

/**
 * The V8 flags the service runs with in production (`npm start`), so the bench's service process
 * and the bench process itself (`npm run bench` passes them to tsx) run as the service does:
 * a young generation of up to 64 MB a semi-space (README, "Memory"; docs/architecture.md, "Measured history").
 * test/e2e/node-flags.test.ts keeps the three places equal.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

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

export interface BenchService {
  url: string;
  /** The service's configuration as the child process reads it (for contexts built on this side). */
  config: Config;
  /** This process's own pool on the scratch database (tenants, baseline, sweeps), the size of the service's. */
  handle: DatabaseHandle;
  db: Database;
  pid: number;
  stop(): Promise<void>;
}

export interface BenchServiceOptions {
  /** `api` (default) runs no workers; `all` runs the sweeps and job workers too. */
  role?: 'api' | 'all';
  /** More environment for the service (its configuration). */
  env?: Record<string, string>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Compiles src/ to dist/ (`npm run build`; incremental, so a second build of unchanged sources takes a second or two). */
function buildService(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
}

/** The service as a child process on a scratch database; `stop` ends it (SIGTERM) and drops the database. */
export async function startBenchService(options: BenchServiceOptions = {}): Promise<BenchService> {
  buildService();
  const database = await scratchDatabase();
  const handle = await openDatabase({ databaseUrl: database.url, dataDir: '/tmp', poolSize: BENCH_POOL_SIZE });
  let child: ChildProcess | undefined;
  try {
    await applyMigrations(handle);
    const port = await freePort();
    const env = {
      DATABASE_URL: database.url, PORT: String(port), HOST: '127.0.0.1', PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_POOL_SIZE: String(BENCH_POOL_SIZE), RATE_LIMIT_PER_MINUTE: '0', DEMO_TENANT: 'false',
      ...options.env,
      ...(process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
    };
    const config = loadConfig(env);
    // The service's production V8 flags (SERVICE_NODE_FLAGS: what `npm start` passes), then any the caller adds.
    const nodeArgs = [...SERVICE_NODE_FLAGS, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];
    // BENCH_SERVER_STDOUT names a file for the server's stdout (e.g. the output of --trace-gc).
    const stdout = process.env.BENCH_SERVER_STDOUT ? openSync(process.env.BENCH_SERVER_STDOUT, 'w') : 'ignore';
    const server = spawn(process.execPath, [...nodeArgs, 'dist/main.js', 'serve', '--role', options.role ?? 'api'], {
      cwd: ROOT, stdio: ['ignore', stdout, 'inherit'], env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    child = server;
    const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
    const url = `http://127.0.0.1:${port}`;
    for (let ready = false; !ready;) {
      if (server.exitCode !== null) throw new Error(`the service exited with ${server.exitCode} before it was ready`);
      ready = await fetch(`${url}/readyz`).then((response) => response.status === 200, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      url, config, handle, db: handle.db, pid: server.pid ?? 0,
      async stop() {
        server.kill('SIGTERM');
        await exited;
        await handle.close();
        // BENCH_KEEP_DATABASE=1 keeps the seeded database for EXPLAIN ANALYZE afterwards (drop it yourself).
        if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept the benchmark database: ${database.url}`);
        else await database.drop();
      },
    };
  } catch (error) {
    child?.kill('SIGKILL');
    await handle.close();
    await database.drop();
    throw error;
  }
}

export async function benchTenant(service: BenchService) {
  const created = await createTenant(service.db, { name: `bench ${Date.now()}`, mode: 'sandbox', now: new Date() });
  return credentialSheet(created, service.url);
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs `task` from `concurrency` loops for `seconds`; returns throughput and latency percentiles. The task gets the
 * request's number and its loop's (0 … concurrency-1), so loops can keep to resources of their own.
 */
export async function load(task: (i: number, loop: number) => Promise<void>, options: { seconds: number; concurrency: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  const stopAt = performance.now() + options.seconds * 1000;
  const start = performance.now();
  let counter = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, loop) => {
      while (performance.now() < stopAt) {
        const index = counter++;
        const began = performance.now();
        await task(index, loop);
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

/** The same-run baseline: a bare insert-and-select transaction through a pool the size of the service's. */
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
