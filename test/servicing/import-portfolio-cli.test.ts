// `tradecredit servicing import` as a real process: killed (SIGKILL) in the middle of an import and run again, it
// ends exactly as one uninterrupted run; an unreadable file exits 2 with the reason; the progress bar on a terminal.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { progressBar } from '../../src/cli/servicing-import-progress.js';
import { ManualClock } from '../../src/platform/clock.js';
import { executeRaw, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import type { Tenant } from '../../src/platform/tenants/tenant.js';
import { seedDataDirectory } from '../support/database-templates.js';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';
import { cliArguments, ROOT, runCli } from '../support/processes.js';

const CLAIMS = 2000;

function portfolio(): string {
  const lines: string[] = [];
  for (let i = 0; i < CLAIMS; i += 1) {
    if (i % 997 === 500) {
      lines.push(`{"claimReference": "BAD_${i}", "amount": `);
      continue;
    }
    lines.push(JSON.stringify({
      claimReference: `K_${i}`, amount: 100 + i, currency: 'EUR', currentDueDate: '2025-06-01', originalDueDate: '2025-05-01',
      accountReference: `KA_${i % 50}`, primaryDebtor: { debtorReference: `KD_${i % 50}`, firstName: 'Kim', lastName: 'Berg', contactInformation: { country: 'SE' } },
    }));
  }
  return `${lines.join('\n')}\n`;
}

describeEachEngine('servicing import CLI', (engine) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'tc-import-cli-'));
  const dataDir = path.join(folder, 'data');
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let tenants: Tenant[];

  /** The database for the test's own reads; closed before a CLI process runs (the embedded one has one owner). */
  async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
    const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir, poolSize: 2 });
    try {
      return await work(handle);
    } finally {
      await handle.close();
    }
  }

  const stateOf = (tenant: Tenant) => withDatabase(async ({ db }) => ({
    claims: await executeRaw(db, 'SELECT claim_reference, account_reference, status, data FROM servicing_claims WHERE tenant_id = $1 ORDER BY claim_reference', [tenant.id]),
    accounts: await executeRaw(db, 'SELECT account_reference, currency, debtors FROM servicing_accounts WHERE tenant_id = $1 ORDER BY account_reference', [tenant.id]),
    events: await executeRaw(db, 'SELECT type, entity_id, count(*)::int AS n FROM events WHERE tenant_id = $1 GROUP BY 1, 2 ORDER BY 1, 2', [tenant.id]),
  }));

  beforeAll(async () => {
    // Already migrated (the run's templates): the migrations' own tests are elsewhere; this one is about the CLI.
    const scratch = engine === 'postgres' ? await createScratchDatabase({ migrated: true }) : undefined;
    if (engine === 'pglite') seedDataDirectory(dataDir);
    drop = scratch?.drop;
    env = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', DEMO_TENANT: 'false' };
    const clock = new ManualClock('2026-11-21T10:00:00Z');
    tenants = await withDatabase(async (handle) => {
      await applyMigrations(handle);
      const created = [];
      for (const name of ['Whole', 'Killed']) created.push((await createTenant(handle.db, { name, mode: 'live', now: clock.now() })).tenant);
      return created;
    });
  }, 300_000);
  afterAll(async () => {
    await drop?.();
    rmSync(folder, { recursive: true, force: true });
  });

  it('killed mid-import and run again, it ends exactly as an uninterrupted run (no claim twice, the same failures)', async () => {
    const [whole, killed] = tenants as [Tenant, Tenant];
    const wholeFile = path.join(folder, 'whole.jsonl');
    const file = path.join(folder, 'killed.jsonl');
    writeFileSync(wholeFile, portfolio());
    copyFileSync(wholeFile, file);

    const uninterrupted = await runCli(['servicing', 'import', wholeFile, '--tenant', whole.id, '--batch-size', '100', '--json'], env);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(1);
    const wholeSummary = JSON.parse(uninterrupted.stdout);
    expect(wholeSummary).toMatchObject({ complete: true, counts: { records: CLAIMS, imported: CLAIMS - 2, failed: 2 } });

    const checkpoint = `${file}.checkpoint.json`;
    const child = spawn(process.execPath, cliArguments(['servicing', 'import', file, '--tenant', killed.clientId, '--batch-size', '100']), {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const recordsDone = () => (existsSync(checkpoint) ? (JSON.parse(readFileSync(checkpoint, 'utf8')) as { counts: { records: number } }).counts.records : 0);
    const deadline = Date.now() + 120_000;
    while (recordsDone() < 500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    const atKill = recordsDone();
    expect(atKill).toBeGreaterThanOrEqual(500);
    expect(atKill).toBeLessThan(CLAIMS);

    const resumed = await runCli(['servicing', 'import', file, '--tenant', killed.clientId, '--json'], env);
    expect(resumed.code, resumed.stderr).toBe(1);
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ complete: true, counts: wholeSummary.counts });
    expect(summary.startedAtLine).toBeGreaterThan(500);
    expect(readFileSync(`${file}.failures.jsonl`, 'utf8')).toBe(readFileSync(`${wholeFile}.failures.jsonl`, 'utf8'));
    expect(readFileSync(`${file}.failures.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line).line)).toEqual([501, 1498]);
    const [expected, actual] = [await stateOf(whole), await stateOf(killed)];
    expect(actual.claims).toHaveLength(CLAIMS - 2);
    expect(actual).toEqual(expected);
  }, 600_000);

  it('exits 2 with the reason on a file it cannot read, and on a bad option', async () => {
    const missing = await runCli(['servicing', 'import', path.join(folder, 'nope.jsonl'), '--tenant', tenants[0]!.id], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(`tradecredit: Cannot read ${path.join(folder, 'nope.jsonl')}: no such file`);
    const directory = await runCli(['servicing', 'import', folder, '--tenant', tenants[0]!.id], env);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('is not a regular file');
    const badBatch = await runCli(['servicing', 'import', path.join(folder, 'whole.jsonl'), '--tenant', tenants[0]!.id, '--batch-size', '5000'], env);
    expect(badBatch.code).toBe(2);
    expect(badBatch.stderr).toContain('--batch-size must be a whole number from 1 to 1,000, not "5000"');
  }, 300_000);
});

it('draws a progress bar with the rate and the time left on a terminal, and nothing elsewhere', () => {
  let drawn = '';
  const terminal = Object.assign(new Writable({ write(chunk, _encoding, done) { drawn += String(chunk); done(); } }), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  const bar = progressBar(terminal as unknown as NodeJS.WriteStream)!;
  bar.start(1000, 0, { records: 0, imported: 0, failed: 0, batches: 0 });
  bar.update(500, { records: 2000, imported: 1990, failed: 10, batches: 2 });
  bar.stop();
  expect(drawn).toMatch(/50% \| 2,000 records, 10 failed \| [\d,]+ records\/s \| \S+ left/);
  expect(progressBar(Object.assign(new Writable(), { isTTY: false }) as unknown as NodeJS.WriteStream)).toBeUndefined();
});
