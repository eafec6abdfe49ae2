// Vitest global setup: builds the databases test services start from (see database-templates.ts), once per run and
// only when the migrations or the database libraries changed since they were last built. Runs after
// compiled-sources-setup.ts: the builder starts the compiled service.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { MIGRATIONS_FOLDER } from '../../src/platform/db/migrate.js';
import type { DatabaseTemplates } from './database-templates.js';
import { COMPILED_SOURCES, ROOT } from './processes.js';

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

/**
 * Changes whenever a migration, the journal, PGlite or pg-boss does. A queue added since is created by the test
 * service's start as on any database, so the template is never wrong, only less complete.
 */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const library of ['@electric-sql/pglite', 'pg-boss']) {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', library, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${library} ${version}\n`);
  }
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
  mkdirSync(path.dirname(file), { recursive: true });
  // Written aside and renamed, so a run that starts meanwhile never reads half a file.
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  runBuilder('pglite', partial);
  renameSync(partial, file);
}

async function ensurePostgresTemplate(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return;
    // Built under a name of its own, then renamed: two runs starting together never share a half-built template.
    const building = `tc_template_build_${randomBytes(6).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const url = new URL(serverUrl);
    url.pathname = `/${building}`;
    try {
      runBuilder('postgres', url.toString());
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
  } finally {
    await admin.end();
  }
}

function runBuilder(engine: 'pglite' | 'postgres', target: string): void {
  const builder = path.join(ROOT, 'test', 'support', 'database-template-builder.mjs');
  const result = spawnSync(process.execPath, [builder, COMPILED_SOURCES, engine, target], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the ${engine} test database template failed:\n${result.stdout}${result.stderr}`);
}
