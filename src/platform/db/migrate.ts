import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DatabaseHandle } from './database.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

/** Arbitrary but fixed: serialises migrations across processes sharing one PostgreSQL. */
const MIGRATION_LOCK_ID = 7_263_001;

/** Applies every pending migration; on PostgreSQL, processes starting together wait for one another. */
export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.engine === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  await handle.withAdvisoryLock(MIGRATION_LOCK_ID, () =>
    migratePostgres(handle.db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_FOLDER }),
  );
}

interface Journal {
  entries: { when: number; tag: string }[];
}

/** Whether the database has every migration this build ships. */
export async function migrationsAreCurrent(handle: DatabaseHandle): Promise<boolean> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as Journal;
  const latest = Math.max(...journal.entries.map((entry) => entry.when));
  try {
    const rows = await handle.query<{ latest: string | null }>(
      'SELECT max(created_at)::text AS latest FROM drizzle.__drizzle_migrations',
    );
    return Number(rows[0]?.latest ?? 0) >= latest;
  } catch {
    return false;
  }
}
