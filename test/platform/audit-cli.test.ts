// `tradecredit audit seal` and `audit verify` as real processes: a clean chain exits 0, a tampered one exits 1
// and names the entry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDataDirectory } from '../support/database-templates.js';
import { describeEachEngine, createScratchDatabase } from '../support/engines.js';
import { runCli } from '../support/processes.js';
import { until } from '../support/wait.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import type { Tenant } from '../../src/platform/tenants/tenant.js';
import { recordAudit } from '../../src/platform/audit/record.js';
import { systemActor, unitOfWork } from '../../src/platform/unit-of-work.js';

describeEachEngine('audit CLI', (engine) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tradecredit-audit-'));
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let tenant: Tenant;

  /** Opens the database for the test's own writes; closed again before the CLI runs (the embedded one has one owner). */
  async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
    const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir, poolSize: 2 });
    try {
      return await work(handle);
    } finally {
      await handle.close();
    }
  }

  const unsealed = () => withDatabase(async (handle) =>
    Number((await handle.query<{ count: number }>('SELECT count(*)::int AS count FROM audit_log WHERE seq IS NULL'))[0]!.count));

  beforeAll(async () => {
    // Already migrated (the run's templates): the migrations' own tests are elsewhere; this one is about the CLI.
    const scratch = engine === 'postgres' ? await createScratchDatabase({ migrated: true }) : undefined;
    if (engine === 'pglite') seedDataDirectory(dataDir);
    drop = scratch?.drop;
    env = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', DEMO_TENANT: 'false' };
    const clock = new ManualClock('2026-11-21T10:00:00Z');
    tenant = await withDatabase(async (handle) => {
      await applyMigrations(handle);
      const created = (await createTenant(handle.db, { name: 'CLI', mode: 'live', now: clock.now() })).tenant;
      for (const entityId of ['a', 'b', 'c']) {
        await handle.db.transaction((tx) => recordAudit(unitOfWork({ tx, tenant: created, clock, actor: systemActor('test') }), { action: 'thing.done', entityType: 'thing', entityId }));
      }
      return created;
    });
  });
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seals, verifies intact (exit 0), then names a deleted entry (exit 1)', async () => {
    const sealed = await runCli(['audit', 'seal', '--json'], env);
    expect(sealed.code, sealed.stderr).toBe(0);
    const { sealed: count } = JSON.parse(sealed.stdout) as { sealed: number };
    // On PostgreSQL another session's older transaction may hold the horizon back: the rest is sealed once it ends.
    if (engine === 'pglite') expect(count).toBe(3);
    else await until(async () => ((await runCli(['audit', 'seal', '--json'], env)).code === 0 && (await unsealed()) === 0) || undefined, 60_000);

    const intact = await runCli(['audit', 'verify', '--tenant', tenant.id, '--json'], env);
    expect(intact.code, intact.stderr).toBe(0);
    expect(JSON.parse(intact.stdout)).toMatchObject({ intact: true, tenants: [{ tenantId: tenant.id, verifiedEntries: 3, break: null }] });

    await withDatabase((handle) => handle.query('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 2', [tenant.id]));
    const broken = await runCli(['audit', 'verify', '--json'], env);
    expect(broken.code, broken.stderr).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({
      intact: false, tenants: [{ tenantId: tenant.id, verifiedEntries: 1, break: { kind: 'deleted', seq: 2, auditId: null } }],
    });

    const unknown = await runCli(['audit', 'verify', '--tenant', 'nobody'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No tenant with id or clientId nobody');
  }, 180_000);
});
