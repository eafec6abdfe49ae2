// The databases test services start from: migrated, with pg-boss's schema and the service's queues. A new PGlite
// cluster would run initdb (several seconds of CPU) and every migration; a new PostgreSQL database every migration.
// Built by the global setup (database-templates-setup.ts) when the migrations or the database libraries change, and
// copied by each test service.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

export interface DatabaseTemplates {
  /** A PGlite `dumpDataDir` tarball of the template cluster. */
  pgliteFile: string;
  /** The template database on the TEST_DATABASE_URL server. */
  postgresDatabase?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

let pgliteTemplate: Blob | undefined;

/** The PGlite template cluster this run's global setup dumped, read once per test worker. */
export function pgliteTemplateBlob(): Blob {
  if (!pgliteTemplate) {
    const { pgliteFile } = inject('databaseTemplates');
    if (!existsSync(pgliteFile)) throw new Error(`the global setup did not build the PGlite template ${pgliteFile}`);
    pgliteTemplate = new Blob([readFileSync(pgliteFile)]);
  }
  return pgliteTemplate;
}

/**
 * Makes `dataDir` an embedded data directory (`DATA_DIR`) whose database is already a copy of the migrated
 * template, for the tests that start processes on it and test something other than a first start's initdb and
 * migrations (embedded-process.test.ts tests those): a new file-based cluster costs 4-5 s of CPU.
 */
export function seedDataDirectory(dataDir: string): void {
  const { pgliteFile } = inject('databaseTemplates');
  const directory = path.join(dataDir, 'db');
  mkdirSync(directory, { recursive: true });
  if (readdirSync(directory).length > 0) throw new Error(`${directory} is not empty`);
  // The tarball's members are the cluster's own paths (/PG_VERSION, /base/…): PGlite opens `DATA_DIR/db` as that cluster.
  const result = spawnSync('tar', ['-xf', pgliteFile, '-C', directory], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`extracting ${pgliteFile} into ${directory} failed: ${result.stderr}`);
}

/** The PostgreSQL template database this run's global setup made. */
export function postgresTemplateDatabase(): string {
  const { postgresDatabase } = inject('databaseTemplates');
  if (!postgresDatabase) throw new Error('the global setup made no PostgreSQL template (TEST_DATABASE_URL was not set)');
  return postgresDatabase;
}
