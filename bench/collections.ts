import { loadavg } from 'node:os';
import { dueRunsSweep } from '../src/collections/sweeps.js';
import { InMemoryStrategies, shippedDefaultStrategy } from '../src/collections/use-cases/runs/strategy-source.js';
import type { RunsContext } from '../src/collections/use-cases/runs/run-workspace.js';
import { ManualClock, type Clock } from '../src/platform/clock.js';
import { openDatabase, type DatabaseHandle } from '../src/platform/db/database.js';
import { applyMigrations } from '../src/platform/db/migrate.js';
import { sweepUntilDone } from '../src/platform/sweeper/sweeper.js';
import { createTenant } from '../src/platform/tenants/service.js';
import { ONE_MESSAGE_STRATEGY, seedDueRuns, serviceMessaging } from './_collections-seed.js';
import { measureCpu, type CpuSplit } from './_cpu.js';
import { scratchDatabase } from './_harness.js';

/*
 * Collections runs on PostgreSQL (issue 15), the engine's work as the service does it, in this process: due-step
 * throughput of the runs sweep (each step: the run locked FOR UPDATE SKIP LOCKED, its claim's facts read, the
 * interpreter's decision, the run, its log rows and its events written, and its message rendered in the debtor's
 * language and stored, an e-mail with its .eml in the outbox and its mail job enqueued on the service's pg-boss
 * queue), next to a same-run baseline, a bare 1,000-row INSERT (one row per statement and transaction through the
 * same pool); and one day of a portfolio: every claim of a BENCH_PORTFOLIO-claim portfolio on the shipped default
 * strategy evaluated in one day (the worst case: all due that day), timed and extrapolated linearly to 1,000,000
 * claims unless BENCH_PORTFOLIO is 1,000,000. The due steps are measured at steady state, as the engine runs in
 * service: after a warm-up sweep of BENCH_WARM_UP_STEPS other due steps (the first sweep of a process also pays for
 * compiling the engine's code and planning its statements: 0.19-0.23 ms of engine CPU a step against 0.11-0.15 in
 * later rounds of the same process, measured 2026-12-07). The machine is shared, so each phase also prints the CPU it
 * cost per step: the engine (this process) and the PostgreSQL backends of the scratch database.
 * Env: BENCH_DUE_STEPS (default 20000), BENCH_WARM_UP_STEPS (default 5000; 0 measures the first sweep), BENCH_PORTFOLIO (default 100000), BENCH_SWEEP_CONCURRENCY (default 4),
 * BENCH_SWEEP_BATCH (default 500).
 */

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** The test server runs with autovacuum off: statistics for the seeded tables, as autovacuum would gather them. */
async function analyzeSeeded(handle: DatabaseHandle): Promise<void> {
  await handle.query('ANALYZE');
}

export default async function run(): Promise<void> {
  const scratch = await scratchDatabase();
  const concurrency = env('BENCH_SWEEP_CONCURRENCY', 4);
  const batch = env('BENCH_SWEEP_BATCH', 500);
  const handle = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: concurrency + 2 });
  let messaging: Awaited<ReturnType<typeof serviceMessaging>> | undefined;
  try {
    await applyMigrations(handle);
    messaging = await serviceMessaging(handle);
    // A Monday: on a weekend every message step of the default strategy waits for its business-day send window,
    // which is why the portfolio day once printed "0 messages" (the clock was Saturday 21 November).
    const clock = new ManualClock('2026-11-23T10:00:00Z');
    const { tenant } = await createTenant(handle.db, { name: 'Bench', mode: 'live', now: clock.now() });
    const strategies = new InMemoryStrategies();
    strategies.publish('*', ONE_MESSAGE_STRATEGY);
    strategies.publish('*', shippedDefaultStrategy());
    const ctx: RunsContext = { strategies, businessTimeZone: 'Europe/Stockholm', sendMessage: messaging.sendMessage };
    console.log(`load average at start: ${loadAverage()}`);

    const baseline = await insertBaseline(handle, concurrency);
    console.log(`baseline: bare 1,000-row INSERT (1 row per transaction, ${concurrency} at a time)  ${fmt(baseline.rate)} rows/s`);
    printCpu(baseline.cpu, 1000, 'row');

    const warmUpSteps = env('BENCH_WARM_UP_STEPS', 5_000);
    if (warmUpSteps > 0) {
      await seedDueRuns(handle.db, { tenantId: tenant.id, prefix: 'WARM-', count: warmUpSteps, now: clock.now(), strategy: ONE_MESSAGE_STRATEGY });
      await analyzeSeeded(handle);
      const warm = await timedSweep(handle, ctx, clock, batch, concurrency);
      console.log(`warm-up (not counted): ${fmt(warm.processed)} due steps in ${warm.seconds.toFixed(2)} s  ${fmt(warm.processed / warm.seconds)} steps/s`);
      printCpu(warm.cpu, warm.processed, 'step');
    }
    const steps = env('BENCH_DUE_STEPS', 20_000);
    await seedDueRuns(handle.db, { tenantId: tenant.id, prefix: 'STEP-', count: steps, now: clock.now(), strategy: ONE_MESSAGE_STRATEGY });
    await analyzeSeeded(handle);
    const swept = await timedSweep(handle, ctx, clock, batch, concurrency);
    const stored = await countMessages(handle, 'STEP-%');
    const rate = swept.processed / swept.seconds;
    console.log(`due steps swept with their messages rendered and stored: ${fmt(swept.processed)} steps, ${fmt(stored)} messages in ${swept.seconds.toFixed(2)} s  ${fmt(rate)} steps/s  (${((rate / baseline.rate) * 100).toFixed(0)}% of baseline; target ≥ 5,000 steps/s)`);
    printCpu(swept.cpu, swept.processed, 'step');

    const portfolio = env('BENCH_PORTFOLIO', 100_000);
    await seedDueRuns(handle.db, { tenantId: tenant.id, prefix: 'PF-', count: portfolio, now: clock.now(), strategy: shippedDefaultStrategy(), spreadDays: 40, withPhone: true });
    await analyzeSeeded(handle);
    const day = await timedSweep(handle, ctx, clock, batch, concurrency);
    const messages = await countMessages(handle, 'PF-%');
    console.log(`one day of a ${fmt(portfolio)}-claim portfolio (default strategy, every claim evaluated): ${fmt(day.processed)} runs, ${fmt(messages)} messages stored, ${day.seconds.toFixed(1)} s`);
    printCpu(day.cpu, day.processed, 'run');
    if (portfolio === 1_000_000) console.log(`  measured at 1,000,000 claims: ${(day.seconds / 60).toFixed(1)} min (target < 5 min)`);
    else console.log(`  extrapolated linearly to 1,000,000 claims: ${((day.seconds * 1_000_000) / portfolio / 60).toFixed(1)} min (target < 5 min; measured at ${fmt(portfolio)}, not at 1,000,000)`);
    console.log(`load average at end: ${loadAverage()}`);
  } finally {
    await messaging?.stop();
    await handle.close();
    await scratch.drop();
  }
}

async function timedSweep(handle: DatabaseHandle, ctx: RunsContext, clock: Clock, batch: number, concurrency: number) {
  const started = performance.now();
  const { result, cpu } = await measureCpu(handle.db, undefined, () => sweepUntilDone(handle.db, dueRunsSweep(ctx, batch, concurrency), clock, 100_000));
  return { processed: result.processed, seconds: (performance.now() - started) / 1000, cpu };
}

async function countMessages(handle: DatabaseHandle, pattern: string): Promise<number> {
  const [row] = await handle.query<{ count: number }>('SELECT count(*)::int AS count FROM collections_messages WHERE claim_reference LIKE $1', [pattern]);
  return Number(row?.count ?? 0);
}

function printCpu(cpu: CpuSplit, count: number, unit: string): void {
  const per = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${(ms / count).toFixed(3)} ms`);
  console.log(`  CPU per ${unit}: engine (this process) ${per(cpu.loadMs)}, PostgreSQL ${per(cpu.postgresMs)}`);
}

function loadAverage(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' ');
}

async function insertBaseline(handle: DatabaseHandle, concurrency: number): Promise<{ rate: number; cpu: CpuSplit }> {
  await handle.query('CREATE TABLE bench_baseline (id bigserial PRIMARY KEY, claim_reference text, payload jsonb)');
  let next = 0;
  const started = performance.now();
  const { cpu } = await measureCpu(handle.db, undefined, () => Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < 1000) {
      const i = next++;
      await handle.query('INSERT INTO bench_baseline (claim_reference, payload) VALUES ($1, $2::jsonb)', [`B-${i}`, JSON.stringify({ i })]);
    }
  })));
  const rate = 1000 / ((performance.now() - started) / 1000);
  await handle.query('DROP TABLE bench_baseline');
  return { rate, cpu };
}
