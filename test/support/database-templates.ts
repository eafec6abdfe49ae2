// The databases test services start from: migrated, with pg-boss's schema and the service's queues. A new PGlite
// cluster would run initdb (several seconds of CPU) and every migration; a new PostgreSQL database every migration.
// Built by the global setup (database-templates-setup.ts) when the migrations or the database libraries change, and
// copied by each test service.
import { existsSync, readFileSync } from 'node:fs';
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

/** The PostgreSQL template database this run's global setup made. */
export function postgresTemplateDatabase(): string {
  const { postgresDatabase } = inject('databaseTemplates');
  if (!postgresDatabase) throw new Error('the global setup made no PostgreSQL template (TEST_DATABASE_URL was not set)');
  return postgresDatabase;
}
