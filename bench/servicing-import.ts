import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/platform/db/database.js';
import { applyMigrations } from '../src/platform/db/migrate.js';
import { createTenant } from '../src/platform/tenants/service.js';
import { scratchDatabase } from './_harness.js';

/*
 * `tradecredit servicing import` of a JSON Lines file of claims (issue 12: 1,000,000 claims under 256 MB RSS), run
 * as its own process (`bin/tradecredit.js`, the compiled CLI) on a scratch PostgreSQL database, so its peak RSS
 * (Linux VmHWM, read while it runs) is its own. Printed next to the same-run baseline: the same rows written with a
 * bare 1,000-row multi-row INSERT into a (tenant_id, ref, data jsonb) table from this process.
 * Env: BENCH_IMPORT_CLAIMS (default 100000; 1000000 measures the target instead of extrapolating it).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const MB = 1024 * 1024;

function claim(i: number) {
  return {
    claimReference: `IMP_${i}`, amount: 1000 + (i % 5000), currency: 'EUR', currentDueDate: '2025-01-15', originalDueDate: '2025-01-15',
    accountReference: `IACC_${i % 20_000}`, totalFees: 100, meta: { batch: Math.floor(i / 1000) },
    primaryDebtor: { debtorReference: `ID_${i % 20_000}`, firstName: 'Bench', lastName: `Debtor${i % 50}`, contactInformation: { country: 'DE', email: `d${i % 50}@example.com` } },
  };
}

async function writePortfolio(file: string, claims: number): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < claims; i += 1) {
    if (!out.write(`${JSON.stringify(claim(i))}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

interface ImportRun {
  seconds: number;
  recordsPerSecond: number;
  peakRss: number;
  /** (records done, RSS) samples while it ran. */
  samples: { records: number; rss: number }[];
}

/** Runs the CLI import as a child process, sampling its RSS and the checkpoint's progress every 100 ms. */
async function runImport(file: string, tenantId: string, databaseUrl: string): Promise<ImportRun> {
  const child = spawn(process.execPath, ['bin/tradecredit.js', 'servicing', 'import', file, '--tenant', tenantId, '--json', '--no-progress'], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', DEMO_TENANT: 'false' }, stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const samples: { records: number; rss: number }[] = [];
  let peakRss = 0;
  const checkpoint = `${file}.checkpoint.json`;
  const timer = setInterval(() => {
    const rss = statusField(child.pid!, 'VmRSS');
    peakRss = Math.max(peakRss, statusField(child.pid!, 'VmHWM') ?? 0);
    try {
      const records = (JSON.parse(readFileSync(checkpoint, 'utf8')) as { counts: { records: number } }).counts.records;
      if (rss !== undefined) samples.push({ records, rss });
    } catch {
      // no checkpoint yet, or caught mid-rename
    }
  }, 100);
  const code = await exited;
  clearInterval(timer);
  if (code !== 0) throw new Error(`the import exited with ${code}: ${stdout}`);
  const summary = JSON.parse(stdout) as { seconds: number; recordsPerSecond: number; counts: { imported: number } };
  return { seconds: summary.seconds, recordsPerSecond: summary.recordsPerSecond, peakRss, samples };
}

/** RSS growth per record over the second half of the run (least squares), to extrapolate to 1,000,000 records. */
function rssSlope(samples: { records: number; rss: number }[]): number {
  const last = samples.at(-1)?.records ?? 0;
  const half = samples.filter((sample) => sample.records >= last / 2);
  if (half.length < 3) return 0;
  const meanX = half.reduce((sum, s) => sum + s.records, 0) / half.length;
  const meanY = half.reduce((sum, s) => sum + s.rss, 0) / half.length;
  const cov = half.reduce((sum, s) => sum + (s.records - meanX) * (s.rss - meanY), 0);
  const varX = half.reduce((sum, s) => sum + (s.records - meanX) ** 2, 0);
  return varX === 0 ? 0 : cov / varX;
}

export async function run(_args: string[]): Promise<void> {
  const claims = Number(process.env.BENCH_IMPORT_CLAIMS ?? 100_000);
  const folder = mkdtempSync(path.join(tmpdir(), 'tc-bench-import-'));
  const file = path.join(folder, 'portfolio.jsonl');
  const database = await scratchDatabase();
  const handle = await openDatabase({ databaseUrl: database.url, dataDir: '/tmp', poolSize: 4 });
  try {
    await applyMigrations(handle);
    const { tenant } = await createTenant(handle.db, { name: 'Import bench', mode: 'live', now: new Date() });
    await writePortfolio(file, claims);
    console.log(`servicing import bench on PostgreSQL, ${new Date().toISOString()}: ${fmt(claims)} claims, JSON Lines, batches of 1,000`);

    // Baseline: the same claims as rows of a bare table, 1,000 per multi-row INSERT.
    await handle.query('CREATE TABLE bench_import_baseline (tenant_id uuid, ref text, data jsonb, PRIMARY KEY (tenant_id, ref))');
    const baselineStarted = performance.now();
    for (let start = 0; start < claims; start += 1000) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(start + 1000, claims); i += 1) {
        const { claimReference, ...item } = claim(i);
        values.push(tenant.id, claimReference, JSON.stringify(item));
        rows.push(`($${values.length - 2}, $${values.length - 1}, $${values.length})`);
      }
      await handle.query(`INSERT INTO bench_import_baseline VALUES ${rows.join(',')}`, values);
    }
    const baselineRate = claims / ((performance.now() - baselineStarted) / 1000);
    console.log(`baseline  bare 1,000-row INSERT of the same rows     ${fmt(baselineRate)} rows/s`);

    const result = await runImport(file, tenant.id, database.url);
    const counted = await handle.query<{ n: number }>('SELECT count(*)::int AS n FROM servicing_claims WHERE tenant_id = $1', [tenant.id]);
    if (counted[0]?.n !== claims) throw new Error(`expected ${claims} claims, found ${counted[0]?.n}`);
    console.log(
      `servicing import  ${fmt(claims)} claims in ${fmt(result.seconds, 1)} s   ${fmt(result.recordsPerSecond)} claims/s ` +
        `(${fmt((result.recordsPerSecond / baselineRate) * 100)}% of the baseline)   peak RSS ${fmt(result.peakRss / MB)} MB`,
    );
    if (claims >= 1_000_000) {
      console.log(`1,000,000 claims: measured, peak RSS ${fmt(result.peakRss / MB)} MB (target < 256 MB)`);
    } else {
      const slope = rssSlope(result.samples);
      const lastRss = result.samples.at(-1)?.rss ?? result.peakRss;
      const projected = Math.max(result.peakRss, lastRss + slope * (1_000_000 - claims));
      console.log(
        `1,000,000 claims: extrapolated from RSS growth over the second half of this run (${fmt((slope * 100_000) / MB, 1)} MB per 100,000 claims): ` +
          `peak RSS ≈ ${fmt(projected / MB)} MB (target < 256 MB), time ≈ ${fmt(1_000_000 / result.recordsPerSecond)} s. ` +
          'Measure it with BENCH_IMPORT_CLAIMS=1000000.',
      );
    }
  } finally {
    await handle.close();
    await database.drop();
    rmSync(folder, { recursive: true, force: true });
  }
}
