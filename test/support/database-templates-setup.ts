// Vitest global setup: builds the migrated databases test services start from (see database-templates.ts), once
// per run and only when the migrations changed since they were last built.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.js';
import { applyMigrations, MIGRATIONS_FOLDER } from '../../src/platform/db/migrate.js';
import type { DatabaseTemplates } from './database-templates.js';
import { ROOT } from './processes.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export default async function buildDatabaseTemplates(project: TestProject): Promise<void> {
  const names = templateNames(migrationsFingerprint());
  await ensurePgliteTemplate(names.pgliteFile);
  if (TEST_DATABASE_URL) await ensurePostgresTemplate(TEST_DATABASE_URL, names.postgresDatabase);
  const templates: DatabaseTemplates = {
    pgliteFile: names.pgliteFile,
    ...(TEST_DATABASE_URL ? { postgresDatabase: names.postgresDatabase } : {}),
  };
  project.provide('databaseTemplates', templates);
}

/** Changes whenever a migration, the journal or the PGlite build does. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  const pglite = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  hash.update(`pglite ${pglite.version}\n`);
  for (const file of readdirSync(MIGRATIONS_FOLDER).filter((name) => name.endsWith('.sql')).sort()) {
    hash.update(file).update(readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  hash.update(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json')));
  return hash.digest('hex').slice(0, 16);
}

function templateNames(fingerprint: string): { pgliteFile: string; postgresDatabase: string } {
  return {
    pgliteFile: path.join(ROOT, 'node_modules', '.cache', 'tradecredit-test-templates', `pglite-${fingerprint}.tar`),
    postgresDatabase: `tc_template_${fingerprint}`,
  };
}

async function ensurePgliteTemplate(file: string): Promise<void> {
  if (existsSync(file)) return;
  const client = await PGlite.create();
  try {
    await migratePglite(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    await client.exec('CHECKPOINT');
    const dump = await client.dumpDataDir('none');
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a run that starts meanwhile never reads half a file.
    const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await client.close();
  }
}

async function ensurePostgresTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return;
    // Migrated under a name of its own, then renamed: two runs starting together never share a half-built template.
    const building = `tc_template_build_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(serverUrl);
    url.pathname = `/${building}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 2 });
    try {
      await applyMigrations(handle);
    } finally {
      await handle.close();
    }
    try {
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  } finally {
    await admin.end();
  }
}
