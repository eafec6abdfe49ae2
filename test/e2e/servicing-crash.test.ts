import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/engines.js';
import { basic, call } from '../support/http.js';
import { cliArguments, freePort, ROOT } from '../support/processes.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { createTenant, type CreatedTenant } from '../../src/platform/tenants/service.js';
import { credentialSheet } from '../../src/platform/tenants/credential-sheet.js';
import { events } from '../../src/platform/db/schema.js';
import { servicingClaims } from '../../src/servicing/schema.js';



function startServer(databaseUrl: string, port: number): ChildProcess {
  return spawn(process.execPath, cliArguments(['serve']), {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DEMO_TENANT: 'false', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: 'ignore',
  });
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

/** Kills the real server process with SIGKILL in the middle of a large import_claims and re-sends it. */
describe.skipIf(!TEST_DATABASE_URL)('servicing crash safety [postgres]', () => {
  let scratch: { url: string; drop(): Promise<void> };
  let handle: DatabaseHandle;
  let created: CreatedTenant;
  let server: ChildProcess | undefined;

  beforeAll(async () => {
    scratch = await createScratchDatabase({ migrated: true });
    handle = await openDatabase({ databaseUrl: scratch.url, dataDir: '/tmp' });
    await applyMigrations(handle);
    created = await createTenant(handle.db, { name: 'Crash', mode: 'live', now: new Date() });
  });
  afterAll(async () => {
    server?.kill('SIGKILL');
    await handle?.close();
    await scratch?.drop();
  });

  it('finds every claim exactly once after a SIGKILL mid-batch and a retry with the same Idempotency-Key', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    server = startServer(scratch.url, port);
    await waitReady(url);
    const sheet = credentialSheet(created, 'http://localhost').credentials.servicing;
    const login = async () => {
      const token = await call(url, 'POST', '/v1/oauth2/token', { headers: { authorization: basic(sheet.apiClientId!, sheet.apiClientSecret!) }, form: {} });
      return { authorization: `Bearer ${token.body.access_token}`, 'idempotency-key': 'crash-import-1' };
    };
    const body = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`CRASH_${i}`, {
      amount: 100 + i, currency: 'EUR', currentDueDate: '2025-01-01', originalDueDate: '2025-01-01', accountReference: `CRASH_ACC_${i % 10}`,
      primaryDebtor: { debtorReference: `CD${i % 10}`, firstName: 'A', lastName: 'B', contactInformation: { country: 'DE' } },
    }]));
    const path = `/v1/${created.tenant.clientId}/import_claims`;
    const headers = await login();
    const inFlight = call(url, 'POST', path, { headers, json: body }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const exited = new Promise((resolve) => server?.once('exit', resolve));
    server.kill('SIGKILL');
    await inFlight;
    await exited;
    const countClaims = async () => (await handle.db.select({ value: count() }).from(servicingClaims)
      .where(and(eq(servicingClaims.tenantId, created.tenant.id), like(servicingClaims.claimReference, 'CRASH_%'))))[0]?.value;
    // One transaction per request: after the kill there is all of the batch or none of it.
    expect([0, 1000]).toContain(await countClaims());

    server = startServer(scratch.url, port);
    await waitReady(url);
    const retried = await call(url, 'POST', path, { headers: await login(), json: body });
    expect(retried.status).toBe(200);
    expect(Object.values(retried.body).every((item: any) => item.success)).toBe(true);
    const again = await call(url, 'POST', path, { headers: await login(), json: body });
    expect(again.text).toBe(retried.text);

    const tenantId = created.tenant.id;
    expect(await countClaims()).toBe(1000);
    const [createdEvents] = await handle.db.select({ value: count() }).from(events).where(and(eq(events.tenantId, tenantId), eq(events.type, 'event.claim.created.v1')));
    expect(createdEvents?.value).toBe(1000);
  });
});
