import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/engines.js';

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL sessions of the service pool', () => {
  it('run with JIT compilation off, on every connection', async () => {
    const scratch = await createScratchDatabase();
    const handle = await openDatabase({ databaseUrl: scratch.url, dataDir: '', poolSize: 3, schema: {} });
    try {
      const settings = await Promise.all([1, 2, 3].map(() => handle.query<{ jit: string }>(`SELECT current_setting('jit') AS jit, pg_sleep(0.05)`)));
      expect(settings.map(([row]) => row?.jit)).toEqual(['off', 'off', 'off']);
    } finally {
      await handle.close();
      await scratch.drop();
    }
  });
});
