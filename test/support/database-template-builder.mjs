// Run by database-templates-setup.ts as `node database-template-builder.mjs <compiled sources> pglite <tar file>` or
// `… postgres <database URL>`: starts the whole service once on a new database and stops it, so that the template
// holds what every test service's start would otherwise create (the migrations, pg-boss's schema and every queue).
// Plain JavaScript on the compiled sources: loading them through the test runner's transform costs far more.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';

const [compiledSources, engine, target] = process.argv.slice(2);
const load = (file) => import(pathToFileURL(path.join(compiledSources, file)).href);
const { startService } = await load('service.js');
const { loadConfig } = await load('platform/config.js');
const { createLogger } = await load('platform/logging.js');
const { ManualClock } = await load('platform/clock.js');

async function startAndStop(env) {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', SWEEP_INTERVAL_MS: '3600000', ...env });
  const service = await startService({ config, logger: createLogger('error'), role: 'all', listen: false, clock: new ManualClock('2026-11-21T10:00:00Z') });
  await service.stop();
}

if (engine === 'pglite') {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tradecredit-template-'));
  try {
    await startAndStop({ DATA_DIR: dataDir });
    const client = await PGlite.create(path.join(dataDir, 'db'));
    await client.exec('CHECKPOINT');
    writeFileSync(target, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
    await client.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
} else {
  await startAndStop({ DATABASE_URL: target, DATABASE_POOL_SIZE: '2' });
}
