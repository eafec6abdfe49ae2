import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine, ENGINES, createScratchDatabase } from '../support/engines.js';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db/database.js';
import { applyMigrations } from '../../src/platform/db/migrate.js';
import { ManualClock } from '../../src/platform/clock.js';
import { createTenant } from '../../src/platform/tenants/service.js';
import type { Tenant } from '../../src/platform/tenants/tenant.js';
import { recordAudit } from '../../src/platform/audit/record.js';
import { unitOfWork, systemActor } from '../../src/platform/unit-of-work.js';
import { auditSealSweep, SEALED_WATERMARK } from '../../src/platform/audit/seal.js';
import { verifyAllAuditChains, verifyAuditChain } from '../../src/platform/audit/verify.js';
import { entryHash, GENESIS_HASH } from '../../src/platform/audit/seal-hash.js';
import { sweepBatch, sweepUntilDone } from '../../src/platform/sweeper/sweeper.js';
import { runCliCommand } from '../../src/cli/commands.js';

const clock = new ManualClock('2026-11-21T10:00:00Z');

/** Writes `count` audit rows for the tenant through the service's own write path, one transaction each. */
async function writeAudit(handle: DatabaseHandle, tenant: Tenant, count: number, action = 'thing.done') {
  for (let index = 0; index < count; index += 1) {
    await handle.db.transaction(async (tx) => {
      const uow = unitOfWork({ tx, tenant, clock, actor: systemActor('test') });
      await recordAudit(uow, { action, entityType: 'thing', entityId: `thing-${index}`, details: { index, amount: 1250, nested: { b: 1, a: [1, 2] } } });
    });
  }
}

/** Rows the sealer has yet to reach (an unsealed row below the watermark is a test's forgery, never sealed). */
async function pendingSeals(handle: DatabaseHandle): Promise<number> {
  const [row] = await handle.query<{ count: number }>(`SELECT count(*)::int AS count FROM audit_log WHERE seq IS NULL AND (tx_id, id) > ${SEALED_WATERMARK}`);
  return Number(row!.count);
}

/**
 * Seals until nothing is pending. On PostgreSQL the horizon is cluster-wide, so a transaction of another session on
 * the test server can hold sealing back for a moment: wait for it, boundedly.
 */
async function sealAll(handle: DatabaseHandle, batchSize = 500) {
  let processed = 0;
  for (const deadline = Date.now() + 30_000; ;) {
    processed += (await sweepUntilDone(handle.db, auditSealSweep(batchSize), clock)).processed;
    if ((await pendingSeals(handle)) === 0 || Date.now() > deadline) return { processed };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits (boundedly) until the tenant's rows are below the horizon, which other sessions on PostgreSQL can hold back. */
async function untilSealable(handle: DatabaseHandle, tenant: Tenant, count: number) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const [row] = await handle.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM audit_log WHERE tenant_id = $1 AND tx_id < pg_snapshot_xmin(pg_current_snapshot())::text::bigint', [tenant.id]);
    if (Number(row!.count) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function newTenant(handle: DatabaseHandle, name = 'Audited') {
  return (await createTenant(handle.db, { name, mode: 'live', now: clock.now() })).tenant;
}

async function auditIdAt(handle: DatabaseHandle, tenant: Tenant, seq: number): Promise<number> {
  const [row] = await handle.query<{ id: string }>('SELECT id::text AS id FROM audit_log WHERE tenant_id = $1 AND seq = $2', [tenant.id, seq]);
  return Number(row!.id);
}

async function openMigrated(url: string | undefined, engine: string) {
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', inMemory: engine === 'pglite', poolSize: 4 });
  await applyMigrations(handle);
  return handle;
}

describeEachEngine('tamper-evident audit log', (engine) => {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const scratch = engine === 'postgres' ? await createScratchDatabase() : undefined;
    drop = scratch?.drop;
    url = scratch?.url;
    handle = await openMigrated(url, engine);
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  it('seals each tenant\'s committed entries once, in a chain of its own, and verifies it intact through the last entry', async () => {
    const first = await newTenant(handle, 'First');
    const second = await newTenant(handle, 'Second');
    await writeAudit(handle, first, 3);
    await writeAudit(handle, second, 2);
    await writeAudit(handle, first, 2);
    const before = await verifyAuditChain(handle.db, first.id);
    expect(before).toMatchObject({ intact: true, verifiedEntries: 0, verifiedThrough: null, unsealedEntries: 5, break: null });

    expect((await sealAll(handle, 2)).processed).toBeGreaterThanOrEqual(7);
    expect((await sealAll(handle)).processed).toBe(0);

    const chain = await handle.query<{ id: string; seq: string; prev_hash: string; hash: string }>(
      'SELECT id::text AS id, seq::text AS seq, prev_hash, hash FROM audit_log WHERE tenant_id = $1 ORDER BY audit_log.seq', [first.id]);
    expect(chain.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5]);
    expect(chain[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let index = 1; index < chain.length; index += 1) expect(chain[index]!.prev_hash).toBe(chain[index - 1]!.hash);

    const report = await verifyAuditChain(handle.db, first.id);
    expect(report).toEqual({
      tenantId: first.id, intact: true, verifiedEntries: 5, unsealedEntries: 0, break: null,
      verifiedThrough: { seq: 5, auditId: Number(chain[4]!.id), hash: chain[4]!.hash },
    });
    expect((await verifyAuditChain(handle.db, second.id)).verifiedEntries).toBe(2);
  });

  it('seals in (transaction, id) order past digit boundaries, and verifies page by page', async () => {
    const tenant = await newTenant(handle);
    await handle.query(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, at)
      SELECT $1::uuid, 'system', 'load', 'load.' || g, 'thing', g::text, now() FROM generate_series(1, 230) g`, [tenant.id]);
    await writeAudit(handle, tenant, 3);
    await sealAll(handle, 7);
    const chain = await handle.query<{ id: string; seq: string }>('SELECT id::text AS id, seq::text AS seq FROM audit_log WHERE tenant_id = $1 ORDER BY audit_log.tx_id, audit_log.id', [tenant.id]);
    expect(chain.map((row) => Number(row.seq))).toEqual(Array.from({ length: 233 }, (_, index) => index + 1));
    expect(await verifyAuditChain(handle.db, tenant.id, { pageSize: 10 })).toMatchObject({ intact: true, verifiedEntries: 233 });
    await handle.query(`UPDATE audit_log SET action = 'load.x' WHERE tenant_id = $1 AND seq = 101`, [tenant.id]);
    expect((await verifyAuditChain(handle.db, tenant.id, { pageSize: 10 })).break).toMatchObject({ kind: 'edited', seq: 101 });
  });

  it('hashes a stable serialization: the stored hash is sha256 over the columns as the database renders them and the previous hash', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 1);
    await sealAll(handle);
    const [row] = await handle.query<Record<string, string | null>>(
      `SELECT id::text AS id, tenant_id::text AS tenant_id, tx_id::text AS tx_id, actor_type, actor_id, action, entity_type, entity_id, request_id,
        details::text AS details, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, seq::text AS seq, hash
       FROM audit_log WHERE tenant_id = $1`, [tenant.id]);
    // jsonb renders keys sorted and spaced its own way, whatever order the writer used.
    expect(row!.details).toBe('{"index": 0, "amount": 1250, "nested": {"a": [1, 2], "b": 1}}');
    expect(row!.at).toBe('2026-11-21T10:00:00.000000Z');
    expect(entryHash(row as never, '1', GENESIS_HASH)).toBe(row!.hash);
  });

  it('names an edited entry: its content changed behind the service\'s back', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 5);
    await sealAll(handle);
    const edited = await auditIdAt(handle, tenant, 3);
    await handle.query(`UPDATE audit_log SET details = '{"index": 2, "amount": 1}' WHERE id = $1`, [edited]);
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({
      intact: false, verifiedEntries: 2, verifiedThrough: { seq: 2 },
      break: { kind: 'edited', seq: 3, auditId: edited, message: expect.stringContaining(`audit entry ${edited} at position 3`) },
    });
  });

  it('names an entry whose time was moved by one microsecond', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 4);
    await sealAll(handle);
    const edited = await auditIdAt(handle, tenant, 2);
    await handle.query(`UPDATE audit_log SET at = at + interval '1 microsecond' WHERE id = $1`, [edited]);
    const report = await verifyAuditChain(handle.db, tenant.id);
    expect(report.break).toMatchObject({ kind: 'edited', seq: 2, auditId: edited });
  });

  it('names a deleted entry: the position it held is missing', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 5);
    await sealAll(handle);
    const deleted = await auditIdAt(handle, tenant, 2);
    const follower = await auditIdAt(handle, tenant, 3);
    await handle.query('DELETE FROM audit_log WHERE id = $1', [deleted]);
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({
      intact: false, verifiedEntries: 1, verifiedThrough: { seq: 1 },
      break: { kind: 'deleted', seq: 2, auditId: null, message: `position 2 is missing: audit entry ${follower} at position 3 follows position 1` },
    });
    // The sealer carries on after the gap; the break stays where it is.
    await writeAudit(handle, tenant, 1);
    await sealAll(handle);
    expect((await verifyAuditChain(handle.db, tenant.id)).break).toMatchObject({ kind: 'deleted', seq: 2 });
  });

  it('names an inserted entry written into the sealed history without a seal, and never seals it', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 4);
    await sealAll(handle);
    const [{ tx_id: oldTx }] = await handle.query<{ tx_id: string }>('SELECT tx_id::text AS tx_id FROM audit_log WHERE tenant_id = $1 AND seq = 2', [tenant.id]) as [{ tx_id: string }];
    const [inserted] = await handle.query<{ id: string }>(
      `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, details, at, tx_id)
       VALUES ($1, 'staff', 'mallory', 'claim.approved', 'claim', 'c-1', '{}', now(), $2) RETURNING id::text AS id`, [tenant.id, oldTx]);
    const expected = { kind: 'inserted', seq: 3, auditId: Number(inserted!.id) };
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({ intact: false, verifiedEntries: 2, unsealedEntries: 1, break: expected });
    await writeAudit(handle, tenant, 1);
    await sealAll(handle);
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({ unsealedEntries: 1, break: expected });
  });

  it('refuses a second entry at a taken position, and names one inserted there after the later positions were moved up', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 4);
    await sealAll(handle);
    // The forger copies the seal of the entry sealed at position 3 (its link to position 2 and its hash).
    const forge = `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, details, at, tx_id, seq, prev_hash, hash)
      SELECT tenant_id, 'staff', 'mallory', 'claim.approved', 'claim', 'c-2', details, at, tx_id, 3, prev_hash, hash
      FROM audit_log WHERE tenant_id = $1 AND seq = $2 RETURNING id::text AS id`;
    await expect(handle.query(forge, [tenant.id, 3])).rejects.toThrow(/audit_log_tenant_seq/);
    await handle.query('UPDATE audit_log SET seq = -seq - 1 WHERE tenant_id = $1 AND seq >= 3', [tenant.id]);
    await handle.query('UPDATE audit_log SET seq = -seq WHERE tenant_id = $1 AND seq < 0', [tenant.id]);
    const [forged] = await handle.query<{ id: string }>(forge, [tenant.id, 4]);
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({
      intact: false, verifiedEntries: 2, break: { kind: 'inserted', seq: 3, auditId: Number(forged!.id) },
    });
  });

  it('names a deletion whose later positions were moved down to close the gap', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 5);
    await sealAll(handle);
    const moved = await auditIdAt(handle, tenant, 4);
    await handle.query('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 3', [tenant.id]);
    await handle.query('UPDATE audit_log SET seq = seq - 1 WHERE tenant_id = $1 AND seq > 3', [tenant.id]);
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({
      intact: false, verifiedEntries: 2, break: { kind: 'deleted', seq: 3, auditId: null, message: expect.stringContaining(`before audit entry ${moved}`) },
    });
  });

  it('names an inserted entry put in place of a deleted one with a seal computed over its own content', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 4);
    await sealAll(handle);
    const genuine = await auditIdAt(handle, tenant, 2);
    await handle.query('DELETE FROM audit_log WHERE id = $1', [genuine]);
    const [row] = await handle.query<{ id: string }>(
      `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, details, at, seq, prev_hash, hash)
       VALUES ($1, 'staff', 'mallory', 'claim.approved', 'claim', 'c-3', NULL, now(), 2, $2, '') RETURNING id::text AS id`, [tenant.id, 'f'.repeat(64)]);
    const [content] = await handle.query<Record<string, string | null>>(
      `SELECT id::text AS id, tenant_id::text AS tenant_id, tx_id::text AS tx_id, actor_type, actor_id, action, entity_type, entity_id, request_id,
        details::text AS details, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM audit_log WHERE id = $1`, [row!.id]);
    await handle.query('UPDATE audit_log SET hash = $2 WHERE id = $1', [row!.id, entryHash(content as never, '2', 'f'.repeat(64))]);
    expect((await verifyAuditChain(handle.db, tenant.id)).break).toMatchObject({ kind: 'inserted', seq: 2, auditId: Number(row!.id) });
  });

  it('with an anchor kept from an earlier run, names a cut-back tail and a chain recomputed from scratch', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 4);
    await sealAll(handle);
    const kept = (await verifyAuditChain(handle.db, tenant.id)).verifiedThrough!;
    expect(await verifyAuditChain(handle.db, tenant.id, { anchor: kept })).toMatchObject({ intact: true, verifiedEntries: 4 });

    // The newest entry deleted: the chain alone still verifies; the anchor shows the cut.
    await handle.query('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 4', [tenant.id]);
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({ intact: true, verifiedEntries: 3 });
    expect(await verifyAuditChain(handle.db, tenant.id, { anchor: kept })).toMatchObject({
      intact: false, break: { kind: 'deleted', seq: 4, auditId: null, message: expect.stringContaining('anchored at position 4') },
    });

    // Every seal wiped and recomputed after an edit: again consistent on its own, but not with the anchor.
    await handle.query(`UPDATE audit_log SET entity_id = 'changed', seq = NULL, prev_hash = NULL, hash = NULL WHERE tenant_id = $1`, [tenant.id]);
    await writeAudit(handle, tenant, 1);
    await sealAll(handle);
    expect((await verifyAuditChain(handle.db, tenant.id)).intact).toBe(true);
    const shorter = { seq: 3, hash: (await handle.query<{ hash: string }>('SELECT hash FROM audit_log WHERE tenant_id = $1 AND seq = 3', [tenant.id]))[0]!.hash };
    expect(shorter.hash).not.toBe(kept.hash);
    expect(await verifyAuditChain(handle.db, tenant.id, { anchor: kept })).toMatchObject({
      intact: false, verifiedEntries: 0, verifiedThrough: null, break: { kind: 'edited', seq: 4 },
    });
  });

  it('a sealer that finds another one sealing ends its pass without sealing anything', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 3);
    await untilSealable(handle, tenant, 3);
    const sweep = auditSealSweep();
    if (engine === 'pglite') {
      // One connection: the second sealer can only run after the first committed, and then finds nothing left.
      const counts = await Promise.all([sweepBatch(handle.db, sweep, clock.now()), sweepBatch(handle.db, sweep, clock.now())]);
      expect(counts.sort()).toEqual([0, 3]);
      return;
    }
    const other = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
    try {
      await handle.db.transaction(async (tx) => {
        expect(await sweep.claimDue(tx, clock.now(), 10)).toHaveLength(3);
        expect(await sweepBatch(other.db, sweep, clock.now())).toBe(0);
      });
      expect(await sweepBatch(other.db, sweep, clock.now())).toBe(3);
    } finally {
      await other.close();
    }
  });

  it('audit verify through the CLI command reports every tenant and the first break of each', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 3);
    const context = { db: handle.db, clock, publicBaseUrl: 'http://localhost' };
    await untilSealable(handle, tenant, 3);
    expect(await runCliCommand(context, { command: 'audit.seal' })).toEqual({ sealed: expect.any(Number) });
    await sealAll(handle);
    await handle.query('DELETE FROM audit_log WHERE tenant_id = $1 AND seq = 1', [tenant.id]);
    const one = await runCliCommand(context, { command: 'audit.verify', tenant: tenant.clientId }) as { intact: boolean; tenants: unknown[] };
    expect(one).toMatchObject({ intact: false, tenants: [{ tenantId: tenant.id, break: { kind: 'deleted', seq: 1 } }] });
    const all = await runCliCommand(context, { command: 'audit.verify' }) as { intact: boolean; tenants: { tenantId: string }[] };
    expect(all.tenants.map((report) => report.tenantId)).toContain(tenant.id);
    expect(all.intact).toBe(false);
    await expect(runCliCommand(context, { command: 'audit.verify', tenant: 'no-such-tenant' })).rejects.toThrow('No tenant with id or clientId no-such-tenant');
    await expect(runCliCommand(context, { command: 'audit.verify', anchor: `1:${'a'.repeat(64)}` })).rejects.toThrow('give --tenant too');
    await expect(runCliCommand(context, { command: 'audit.verify', tenant: tenant.id, anchor: '1:xyz' })).rejects.toThrow('--anchor must be SEQ:HASH');
    const anchored = await runCliCommand(context, { command: 'audit.verify', tenant: tenant.id, anchor: `9:${'a'.repeat(64)}` }) as { tenants: unknown[] };
    expect(anchored.tenants).toMatchObject([{ break: { kind: 'deleted', seq: 1 } }]);
    expect((await verifyAllAuditChains(handle.db)).length).toBe(all.tenants.length);
  });
});

// A transaction that commits late must still be sealed in its place: sealing waits for it instead of running past.
if (ENGINES.includes('postgres')) describe('audit sealing horizon [postgres]', () => {
  let url: string;
  let drop: () => Promise<void>;
  let handle: DatabaseHandle;
  let late: DatabaseHandle;

  beforeAll(async () => {
    ({ url, drop } = await createScratchDatabase());
    handle = await openMigrated(url, 'postgres');
    late = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 });
  });
  afterAll(async () => {
    await late?.close();
    await handle?.close();
    await drop?.();
  });

  it('does not seal past a transaction still open, and seals its row in order once it commits', async () => {
    const tenant = await newTenant(handle);
    await writeAudit(handle, tenant, 1, 'before');
    let releaseLate!: () => void;
    const lateMayCommit = new Promise<void>((resolve) => (releaseLate = resolve));
    let lateStarted!: () => void;
    const lateHasWritten = new Promise<void>((resolve) => (lateStarted = resolve));
    const lateWrite = late.db.transaction(async (tx) => {
      await recordAudit(unitOfWork({ tx, tenant, clock, actor: systemActor('late') }), { action: 'late', entityType: 'thing', entityId: 'late' });
      lateStarted();
      await lateMayCommit;
    });
    await lateHasWritten;
    await writeAudit(handle, tenant, 1, 'after');
    // Seals what it may; 'late' and 'after' stay pending while the late transaction is open.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      await sweepUntilDone(handle.db, auditSealSweep(), clock);
      if ((await handle.query('SELECT 1 FROM audit_log WHERE tenant_id = $1 AND seq IS NOT NULL', [tenant.id])).length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const sealedWhileOpen = await handle.query<{ action: string }>('SELECT action FROM audit_log WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq', [tenant.id]);
    expect(sealedWhileOpen.map((row) => row.action)).toEqual(['before']);

    releaseLate();
    await lateWrite;
    await sealAll(handle);
    const chain = await handle.query<{ action: string; id: string }>('SELECT action, id::text AS id FROM audit_log WHERE tenant_id = $1 ORDER BY audit_log.seq', [tenant.id]);
    expect(chain.map((row) => row.action)).toEqual(['before', 'late', 'after']);
    expect(Number(chain[1]!.id)).toBeLessThan(Number(chain[2]!.id));
    expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({ intact: true, verifiedEntries: 3, unsealedEntries: 0 });
  });

  it('two processes sealing at the same moment seal every entry exactly once', async () => {
    const tenants = [await newTenant(handle, 'Race A'), await newTenant(handle, 'Race B')];
    await handle.query(`INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, entity_type, entity_id, at)
      SELECT t.id, 'system', 'load', 'load.' || g, 'thing', g::text, now() FROM unnest($1::uuid[]) AS t(id), generate_series(1, 1500) g`, [tenants.map((tenant) => tenant.id)]);
    const racers = await Promise.all([0, 1].map(() => openDatabase({ databaseUrl: url, dataDir: '', poolSize: 2 })));
    try {
      const reports = await Promise.all(racers.flatMap((racer) => [sealAll(racer, 100), sealAll(racer, 100)]));
      let total = reports.reduce((sum, report) => sum + report.processed, 0);
      // A racer that found the lock taken ends its pass; whatever is left is sealed by the next pass.
      while (total < 3000) {
        const more = await sealAll(racers[0]!, 100);
        total += more.processed;
        if (more.processed === 0) break;
      }
      expect(total).toBe(3000);
      for (const tenant of tenants) {
        const [stats] = await handle.query<{ sealed: number; distinct_seq: number; max_seq: string }>(
          'SELECT count(seq)::int AS sealed, count(DISTINCT seq)::int AS distinct_seq, max(seq)::text AS max_seq FROM audit_log WHERE tenant_id = $1', [tenant.id]);
        expect(stats).toEqual({ sealed: 1500, distinct_seq: 1500, max_seq: '1500' });
        expect(await verifyAuditChain(handle.db, tenant.id)).toMatchObject({ intact: true, verifiedEntries: 1500 });
      }
    } finally {
      for (const racer of racers) await racer.close();
    }
  });
});
