import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, createScratchDatabase } from '../support/engines.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations, migrationsAreCurrent } from '../../src/platform/db/migrate.js';

describeEachEngine('migrations', (engine) => {
  const handles: DatabaseHandle[] = [];
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (engine === 'postgres') ({ url, drop } = await createScratchDatabase());
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    await drop?.();
  });

  const open = async () => {
    const handle = await openDatabase({ databaseUrl: url, dataDir: '', inMemory: engine === 'pglite', poolSize: 3 });
    handles.push(handle);
    return handle;
  };

  it('a new database is not current until migrated, then it is, and re-applying changes nothing', async () => {
    const handle = await open();
    expect(await migrationsAreCurrent(handle)).toBe(false);
    await applyMigrations(handle);
    expect(await migrationsAreCurrent(handle)).toBe(true);
    const tables = await handle.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
    expect(tables.map((row) => row.table_name)).toEqual(expect.arrayContaining(['tenants', 'credentials', 'access_tokens', 'idempotency_keys', 'events', 'audit_log', 'webhook_endpoints', 'webhook_deliveries']));
    await applyMigrations(handle);
    const applied = await handle.query<{ count: unknown }>('SELECT count(*) AS count FROM drizzle.__drizzle_migrations');
    expect(Number(applied[0]!.count)).toBeGreaterThan(0);
  });

  // Only PostgreSQL has several processes; the embedded database has exactly one owner.
  if (engine === 'postgres') it('processes migrating at the same moment wait for each other', async () => {
    const { url: freshUrl, drop: dropFresh } = await createScratchDatabase();
    const racers = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: freshUrl, dataDir: '', poolSize: 2 })));
    try {
      await Promise.all(racers.map((handle) => applyMigrations(handle)));
      for (const handle of racers) expect(await migrationsAreCurrent(handle)).toBe(true);
    } finally {
      for (const handle of racers) await handle.close();
      await dropFresh();
    }
  });
});
