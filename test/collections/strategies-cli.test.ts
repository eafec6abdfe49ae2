// `tradecredit strategies validate FILE` and `strategies publish FILE --tenant …` as real processes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDataDirectory } from '../support/database-templates.js';
import { describeEachEngine, createScratchDatabase } from '../support/engines.js';
import { runCli } from '../support/processes.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import type { Tenant } from '../../src/platform/tenants/tenant.js';

const VALID = `key: gentle
name: Gentle
steps:
  - id: remind-1
    type: message
    channel: email
    template: reminder-friendly
    next: done
  - id: done
    type: end
`;

/** Each CLI run starts a TypeScript process: slow on a loaded machine. */
const CLI_TIMEOUT = 480_000;
const dir = mkdtempSync(path.join(tmpdir(), 'tradecredit-strategies-'));
writeFileSync(path.join(dir, 'valid.yaml'), VALID);
writeFileSync(path.join(dir, 'invalid.yaml'), VALID.replace('next: done', 'next: remind-3'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('validate: exit 0 for a valid file exit 1 with every problem for an invalid one', async () => {
  const valid = await runCli(['strategies', 'validate', path.join(dir, 'valid.yaml')], { DEMO_TENANT: 'false' });
  expect(valid.code, valid.stderr).toBe(0);
  expect(valid.stdout).toMatch(/valid strategy "gentle" \(sha256 [0-9a-f]{64}\)/);
  const invalid = await runCli(['strategies', 'validate', path.join(dir, 'invalid.yaml')], { DEMO_TENANT: 'false' });
  expect(invalid.code).toBe(1);
  expect(invalid.stderr).toContain('2 problem(s)');
  expect(invalid.stderr).toContain('  steps[0] (id "remind-1").next: no step "remind-3"');
  expect(invalid.stderr).toContain('  steps[1] (id "done"): step "done" can never be reached');
}, CLI_TIMEOUT);

describeEachEngine('strategies publish CLI', (engine) => {
  const dataDir = mkdtempSync(path.join(dir, `data-${engine}-`));
  let env: Record<string, string>;
  let drop: (() => Promise<void>) | undefined;
  let tenant: Tenant;

  async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
    const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir, poolSize: 2 });
    try {
      return await work(handle);
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    // Already migrated (the run's templates): the migrations' own tests are elsewhere; this one is about the CLI.
    const scratch = engine === 'postgres' ? await createScratchDatabase({ migrated: true }) : undefined;
    if (engine === 'pglite') seedDataDirectory(dataDir);
    drop = scratch?.drop;
    env = { DATA_DIR: dataDir, DATABASE_URL: scratch?.url ?? '', DEMO_TENANT: 'false' };
    tenant = await withDatabase(async (handle) => {
      await applyMigrations(handle);
      return (await createTenant(handle.db, { name: 'CLI', mode: 'live', now: new Date() })).tenant;
    });
  });
  afterAll(async () => drop?.());

  it('publish: stores and publishes a new version, publishing it again changes nothing, an invalid file is refused', async () => {
    const first = await runCli(['strategies', 'publish', path.join(dir, 'valid.yaml'), '--tenant', tenant.id, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ tenantId: tenant.id, key: 'gentle', version: 1, status: 'published', published: true });
    const again = await runCli(['strategies', 'publish', path.join(dir, 'valid.yaml'), '--tenant', tenant.clientId, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ version: 1, published: false });
    const refused = await runCli(['strategies', 'publish', path.join(dir, 'invalid.yaml'), '--tenant', tenant.id], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('steps[0] (id "remind-1").next: no step "remind-3"');
    const rows = await withDatabase((handle) => handle.query<{ version: number; status: string }>('SELECT version, status FROM collections_strategies ORDER BY version'));
    expect(rows).toEqual([{ version: 1, status: 'published' }]);
    const audit = await withDatabase((handle) => handle.query<{ action: string; actor_id: string }>(`SELECT action, actor_id FROM audit_log WHERE entity_type = 'strategy' ORDER BY id`));
    expect(audit).toEqual([{ action: 'strategy.draft_created', actor_id: 'cli' }, { action: 'strategy.published', actor_id: 'cli' }]);
  }, CLI_TIMEOUT);
});
