// findRegisteredBuyers (risk/store.ts), on both engines: the registered buyers among many keys in one statement, as
// the seller dashboard names the buyers of a page of covers; unknown keys are left out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createScratchDatabase, describeEachEngine } from '../support/engines.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { findRegisteredBuyers, upsertBuyers } from '../../src/risk/api.js';

describeEachEngine('findRegisteredBuyers', (engine) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    handle = await openDatabase({ databaseUrl: scratch?.url, dataDir: '', inMemory: engine === 'pglite', poolSize: 2 });
    await applyMigrations(handle);
    await upsertBuyers(handle.db, [
      { country: 'SE', registryId: 'RB-1', name: 'Första Köparen AB', rating: 3 },
      { country: 'NO', registryId: 'RB-1', name: 'Første Kjøper AS', rating: 5 },
      { country: 'SE', registryId: 'RB-2', name: 'Andra Köparen AB', rating: 7 },
    ], new Date('2026-01-01T00:00:00Z'));
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it('answers the registered buyers of the keys, matching country and number together', async () => {
    const found = await findRegisteredBuyers(handle.db, [
      { country: 'SE', registryId: 'RB-1' }, { country: 'NO', registryId: 'RB-1' }, { country: 'DK', registryId: 'RB-2' },
      { country: 'SE', registryId: 'RB-2' }, { country: 'SE', registryId: 'RB-404' },
    ]);
    expect(found.sort((a, b) => `${a.country}${a.registryId}`.localeCompare(`${b.country}${b.registryId}`))).toEqual([
      { country: 'NO', registryId: 'RB-1', name: 'Første Kjøper AS', rating: 5 },
      { country: 'SE', registryId: 'RB-1', name: 'Första Köparen AB', rating: 3 },
      { country: 'SE', registryId: 'RB-2', name: 'Andra Köparen AB', rating: 7 },
    ]);
  });

  it('answers nothing for no keys or only unknown ones', async () => {
    expect(await findRegisteredBuyers(handle.db, [])).toEqual([]);
    expect(await findRegisteredBuyers(handle.db, [{ country: 'FI', registryId: 'RB-1' }])).toEqual([]);
  });
});
