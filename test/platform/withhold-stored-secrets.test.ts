// Migration 0012: idempotency records stored before shown-once secrets were withheld are rewritten with those
// secrets set to null, exactly as records are stored now; other records are left as they were.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations, MIGRATIONS_FOLDER } from '../../src/platform/db/migrate.js';

const MIGRATION = '0012_withhold_stored_secrets';

/** The migrations folder as it was before `MIGRATION`: the same files, the journal cut before its entry. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(cut).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describeEachEngine('migration 0012: stored answers withhold their secrets', (engine) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let folder: string;

  beforeAll(async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: engine === 'pglite', poolSize: 2 });
    folder = migrationsBefore(MIGRATION);
    if (handle.engine === 'pglite') await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    else await migratePostgres(handle.db as unknown as NodePgDatabase, { migrationsFolder: folder });
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
    rmSync(folder, { recursive: true, force: true });
  });

  it('nulls each secret a stored answer holds in clear, and leaves every other field and record alone', async () => {
    const [tenant] = await handle.query<{ id: string }>(
      `INSERT INTO tenants (id, name, mode, client_id, created_at) VALUES (gen_random_uuid(), 'Old records', 'sandbox', gen_random_uuid(), now()) RETURNING id`);
    const store = (key: string, body: string, contentType = 'application/json; charset=utf-8') => handle.query(
      `INSERT INTO idempotency_keys (tenant_id, scope, key, request_hash, response_status, response_body, response_content_type, created_at, expires_at)
       VALUES ($1, 'management', $2, 'h', 201, $3, $4, now(), now() + interval '1 day')`, [tenant!.id, key, body, contentType]);
    await store('webhook', JSON.stringify({ id: 'we_1', url: 'https://example.test/hook', signingSecret: 'whsec_in_clear' }));
    await store('credential', JSON.stringify({ id: 'cr_1', apiKey: 'tc_live_in_clear', authorization: 'Bearer tc_live_in_clear', product: 'reinsure' }));
    await store('already-withheld', JSON.stringify({ id: 'we_2', signingSecret: null }));
    await store('no-secret', JSON.stringify({ id: 'q_1', status: 'quote.pending' }));
    await store('nested-is-not-a-shown-once-field', JSON.stringify({ id: 'x', data: { apiKey: 'stays' } }));
    await store('not-json', 'apiKey:"text"', 'text/plain');

    await applyMigrations(handle);

    const rows = await handle.query<{ key: string; response_body: string }>(
      'SELECT key, response_body FROM idempotency_keys ORDER BY key');
    const bodies = Object.fromEntries(rows.map((row) => [row.key, row.key === 'not-json' ? row.response_body : JSON.parse(row.response_body)]));
    expect(bodies).toEqual({
      webhook: { id: 'we_1', url: 'https://example.test/hook', signingSecret: null },
      credential: { id: 'cr_1', apiKey: null, authorization: null, product: 'reinsure' },
      'already-withheld': { id: 'we_2', signingSecret: null },
      'no-secret': { id: 'q_1', status: 'quote.pending' },
      'nested-is-not-a-shown-once-field': { id: 'x', data: { apiKey: 'stays' } },
      'not-json': 'apiKey:"text"',
    });
    expect(rows.some((row) => row.response_body.includes('in_clear'))).toBe(false);
  });
});
