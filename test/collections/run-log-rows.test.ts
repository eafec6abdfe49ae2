// The run log stores each firing once (one row, its lines and actions in order), and every reader takes both that and
// the older one-line rows: the claim's log, the weekly contact cap's recent sends, the split-arms report and the check
// that a broken commitment's event was already received.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resultsPerSplitArm } from '../../src/collections/report-queries.js';
import { recentSends, runEventsWrite, runLog, type RunEventRow } from '../../src/collections/use-cases/runs/run-store.js';
import { fastWriteAll } from '../../src/platform/db/fast-query.js';
import { executeRaw, openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';

const line = (claimReference: string, at: string, kind: string, extra: Partial<RunEventRow> = {}): RunEventRow =>
  ({ claimReference, runNo: 1, at, kind, stepId: null, reason: null, action: null, debtorKey: null, ...extra });

describeEachEngine('run log rows', (engine) => {
  let handle: DatabaseHandle;
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  let tenantId: string;
  const now = new Date('2026-11-23T10:00:00.000Z');

  beforeAll(async () => {
    scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: engine === 'pglite', poolSize: 2 });
    await applyMigrations(handle);
    tenantId = (await createTenant(handle.db, { name: 'Log', mode: 'live', now })).tenant.id;
    // An older row per line, as written before firings were grouped.
    await executeRaw(handle.db, `INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, step_id, reason, action, debtor_key, recorded_at) VALUES
      ($1, 'OLD', 1, '2026-11-20T09:00:00Z', 'step', 'split', 'split arm a (hash of claim reference and seed s)', NULL, NULL, '2026-11-20T09:00:00Z'),
      ($1, 'OLD', 1, '2026-11-20T09:00:00Z', 'step', 'mail', 'sent friendly by email (source event #7)', NULL, NULL, '2026-11-20T09:00:00Z'),
      ($1, 'OLD', 1, '2026-11-20T09:00:00Z', 'send', 'mail', NULL, '{"stepId":"mail","channel":"email","template":"friendly"}', 'ACC/D', '2026-11-20T09:00:00Z')`, [tenantId]);
    await executeRaw(handle.db, `INSERT INTO collections_runs (tenant_id, claim_reference, run_no, debtor_key, strategy_key, strategy_version, position, state, created_at, updated_at)
      SELECT $1, c, 1, 'ACC/D', 'ab', 1, '{}'::jsonb, 'RUNNING', $2, $2 FROM unnest(ARRAY['OLD', 'NEW', 'QUIET']) AS c`, [tenantId, now.toISOString()]);
    await fastWriteAll(handle.db, [runEventsWrite(tenantId, now, [
      line('NEW', '2026-11-21T09:00:00.000Z', 'step', { stepId: 'split', reason: 'split arm b (hash of claim reference and seed s)' }),
      line('QUIET', '2026-11-21T09:00:00.000Z', 'waiting', { stepId: 'wait', reason: 'waiting until 2026-11-25' }),
      line('NEW', '2026-11-22T09:00:00.000Z', 'step', { stepId: 'mail', reason: 'sent friendly by email (source event #8)' }),
      line('NEW', '2026-11-22T09:00:00.000Z', 'send', { stepId: 'mail', action: { stepId: 'mail', channel: 'email', template: 'friendly' }, debtorKey: 'ACC/D' }),
      line('NEW', '2026-11-23T09:00:00.000Z', 'send-failed', { stepId: 'mail', reason: 'no usable channel' }),
    ])]);
  });
  afterAll(async () => {
    await handle?.close();
    await scratch?.drop();
  });

  it('writes one row per run of a firing, its lines in order', async () => {
    const rows = await handle.query<{ claim_reference: string; kind: string; at: Date | string; debtor_key: string | null; lines: number }>(
      `SELECT claim_reference, kind, at, debtor_key, jsonb_array_length(entries)::int AS lines FROM collections_run_events WHERE tenant_id = $1 AND entries IS NOT NULL ORDER BY id`, [tenantId]);
    expect(rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }))).toEqual([
      { claim_reference: 'NEW', kind: 'firing', at: '2026-11-23T09:00:00.000Z', debtor_key: 'ACC/D', lines: 4 },
      { claim_reference: 'QUIET', kind: 'firing', at: '2026-11-21T09:00:00.000Z', debtor_key: null, lines: 1 },
    ]);
  });

  it('reads a claim\'s log a line at a time, older rows and firings alike', async () => {
    expect((await runLog(handle.db, tenantId, 'NEW')).map((row) => [row.at, row.kind, row.stepId, row.reason, row.action])).toEqual([
      ['2026-11-21T09:00:00.000Z', 'step', 'split', 'split arm b (hash of claim reference and seed s)', null],
      ['2026-11-22T09:00:00.000Z', 'step', 'mail', 'sent friendly by email (source event #8)', null],
      ['2026-11-22T09:00:00.000Z', 'send', 'mail', null, { stepId: 'mail', channel: 'email', template: 'friendly' }],
      ['2026-11-23T09:00:00.000Z', 'send-failed', 'mail', 'no usable channel', null],
    ]);
    expect((await runLog(handle.db, tenantId, 'OLD')).map((row) => row.kind)).toEqual(['step', 'step', 'send']);
  });

  it('counts each send once for the contact cap, at its own time', async () => {
    const sends = await recentSends(handle.db, tenantId, ['ACC/D', 'OTHER'], new Date('2026-11-01T00:00:00Z'));
    expect(sends.get('ACC/D')).toEqual(['2026-11-20T09:00:00.000Z', '2026-11-22T09:00:00.000Z']);
    expect(sends.has('OTHER')).toBe(false);
    expect((await recentSends(handle.db, tenantId, ['ACC/D'], new Date('2026-11-21T00:00:00Z'))).get('ACC/D')).toEqual(['2026-11-22T09:00:00.000Z']);
    expect((await recentSends(handle.db, tenantId, ['ACC/D'], new Date('2026-11-22T12:00:00Z'))).get('ACC/D')).toBeUndefined();
  });

  it('reports the arm each claim took from both kinds of rows', async () => {
    const arms = await resultsPerSplitArm(handle.db, tenantId, { before: new Date('2026-12-01T00:00:00Z') });
    expect(arms.map((row) => [row.strategy, row.step, row.arm, row.claims])).toEqual([['ab', 'split', 'a', 1], ['ab', 'split', 'b', 1]]);
  });
});
