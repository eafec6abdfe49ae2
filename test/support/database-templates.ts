// Migrated databases that test services start from. A new PGlite cluster runs initdb (several seconds of CPU) and
// then every migration; a new PostgreSQL database runs every migration. Built once per run by the global setup
// (database-templates-setup.ts), keyed by a fingerprint of the migrations, and copied by each test service.
import { existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';

export interface DatabaseTemplates {
  /** A PGlite `dumpDataDir` tarball of a migrated cluster. */
  pgliteFile: string;
  /** A migrated database on the TEST_DATABASE_URL server, marked as a template. */
  postgresDatabase?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates;
  }
}

let pgliteTemplate: Blob | undefined;

/** The migrated PGlite cluster this run's global setup dumped, read once per test worker. */
export function pgliteTemplateBlob(): Blob {
  if (!pgliteTemplate) {
    const { pgliteFile } = inject('databaseTemplates');
    if (!existsSync(pgliteFile)) throw new Error(`the global setup did not build the PGlite template ${pgliteFile}`);
    pgliteTemplate = new Blob([readFileSync(pgliteFile)]);
  }
  return pgliteTemplate;
}

/** The migrated PostgreSQL template database this run's global setup made. */
export function postgresTemplateDatabase(): string {
  const { postgresDatabase } = inject('databaseTemplates');
  if (!postgresDatabase) throw new Error('the global setup made no PostgreSQL template (TEST_DATABASE_URL was not set)');
  return postgresDatabase;
}
