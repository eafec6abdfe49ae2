import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import type { Engine } from '../../src/platform/db/database.js';
import { postgresTemplateDatabase } from './database-templates.js';

/**
 * Every database test runs on the embedded engine, and also on PostgreSQL when TEST_DATABASE_URL is set.
 * A set but unreachable TEST_DATABASE_URL fails the run; it never silently skips.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

export const ENGINES: Engine[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export function describeEachEngine(name: string, body: (engine: Engine) => void): void {
  for (const engine of ENGINES) describe(`${name} [${engine}]`, () => body(engine));
}


/**
 * A new database on the test server, dropped by the returned function: empty, or with `migrated` a copy of the run's
 * migrated template.
 */
export async function createScratchDatabase(options: { migrated?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable (${TEST_DATABASE_URL}): ${(error as Error).message}`);
  }
  await admin.query(options.migrated ? `CREATE DATABASE ${name} TEMPLATE ${postgresTemplateDatabase()}` : `CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
