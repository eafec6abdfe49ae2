import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine } from '../../src/platform/db/database.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { startTestService, type TestService } from '../support/service.js';
import { servicingHeaders } from '../support/faces.js';
import { accountBody, invoice, startServicing, type ServicingClient } from '../servicing/support.js';

/** A running service whose DATA_DIR is a fresh temporary directory, with one Receeve client. */
export async function startDebtorRecords(engine: Engine): Promise<{ client: ServicingClient; dataDir: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tc-debtor-records-'));
  const service: TestService = await startTestService({ engine, env: { DATA_DIR: dataDir } });
  const client = await startServicing(engine, service);
  return {
    client, dataDir,
    async stop() {
      await service.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An account with two managed claims of 100.00 and 50.00 EUR. */
export async function accountWithClaims(client: ServicingClient, accountReference: string): Promise<void> {
  const created = await client.post('create_accounts', accountBody(accountReference, [
    invoice(`${accountReference}_INV_1`, 10_000, { dueDate: '2026-11-01' }), invoice(`${accountReference}_INV_2`, 5_000, { dueDate: '2026-11-10' }),
  ]));
  if (!created.body[accountReference]?.success) throw new Error(`account not created: ${JSON.stringify(created.body)}`);
}

/** The tenant's events of a type, oldest first. */
export async function eventsOf(client: ServicingClient, type: string): Promise<{ entity_id: string; data: any }[]> {
  return await executeRaw(client.service.platform.db, 'SELECT entity_id, data FROM events WHERE tenant_id = $1 AND type = $2 ORDER BY id', [client.tenant.tenant.id, type]) as any;
}

export const DAY_MS = 86_400_000;

/** Moves the service clock and logs the client in again (its token lives an hour of that clock). */
export async function advanceClock(client: ServicingClient, ms: number): Promise<void> {
  client.service.clock.advance(ms);
  Object.assign(client.headers, await servicingHeaders(client.service, client.tenant));
}

export async function resetClock(client: ServicingClient): Promise<void> {
  client.service.clock.set('2026-11-21T10:00:00Z');
  Object.assign(client.headers, await servicingHeaders(client.service, client.tenant));
}
