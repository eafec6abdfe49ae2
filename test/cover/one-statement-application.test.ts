// POST /covers without a transaction (apply-for-cover-in-one-statement.ts) must store exactly what the transaction
// path stores, and its compare-and-set must write nothing once the buyer's exposure row moved since it was read.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { today } from '../insurance/support.js';
import { coverVersions } from '../../src/cover/schema.js';
import { auditLog, events } from '../../src/platform/db/schema.js';
import { fastRows, type FastWrite } from '../../src/platform/db/fast-query.js';
import { exposureUnchangedGuard } from '../../src/risk/api.js';
import { riskExposure } from '../../src/risk/schema.js';
import { BUYERS, COVER, coverClient, newPolicy } from './support.js';
import { readApplicationSnapshot, readApplicationSnapshots } from '../../src/cover/store.js';
import { bookFor } from '../../src/risk/api.js';

describeEachEngine('a first application in one statement', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  async function stored(tenantId: string, coverId: number) {
    const db = service.platform.db;
    const [row] = await db.select().from(coverVersions).where(eq(coverVersions.coverId, coverId));
    const written = await db.select({ type: events.type, data: events.data }).from(events)
      .where(and(eq(events.tenantId, tenantId), eq(events.entityType, 'cover'), eq(events.entityId, String(coverId))));
    const audited = await db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.entityType, 'cover'), eq(auditLog.entityId, String(coverId))));
    const { coverId: _id, policyId: _policy, applicationDate, decisionDate, updatedAt, listedAt, ...rest } = row!;
    expect(decisionDate?.getTime()).toBe(applicationDate.getTime());
    expect(updatedAt.getTime()).toBe(applicationDate.getTime());
    expect(listedAt?.getTime()).toBe(applicationDate.getTime());
    const strip = (data: unknown) => { const { coverId: _c, policyId: _p, ...others } = data as Record<string, unknown>; return others; };
    return { rest, events: written.map((event) => ({ type: event.type, data: strip(event.data) })), audit: audited };
  }

  it('stores the same version, event, audit row and exposure as the transaction path (taken with an Idempotency-Key)', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const [first, second] = [await newPolicy(client, today(service)), await newPolicy(client, today(service))];
    const buyerId = await client.buyerId(BUYERS.rating6);
    const body = (policyId: string) => ({
      customerId: client.customerId, policyId, buyerId, coverType: 'credit-limit', currencyCode: 'EUR', creditLimitAmount: '20000', customerRefNumber: 'REF-1',
    });
    const direct = await client.post(`${COVER}/covers`, body(first));
    const locked = await client.post(`${COVER}/covers`, body(second), { 'idempotency-key': `one-statement-${engine}` });
    expect([direct.status, locked.status]).toEqual([201, 201]);
    const [a, b] = [await stored(tenant.tenant.id, direct.body.data[0].coverId), await stored(tenant.tenant.id, locked.body.data[0].coverId)];
    expect(a).toEqual(b);
    expect(a.rest.exposureHeld).toBeGreaterThan(0);
    expect(a.events).toHaveLength(1);
    expect(a.audit).toHaveLength(1);
    const [book] = await service.platform.db.select().from(riskExposure)
      .where(and(eq(riskExposure.bookId, tenant.tenant.id), eq(riskExposure.registryId, a.rest.buyerRegistryId)));
    expect(book!.exposure).toBe(2 * a.rest.exposureHeld);
    const again = await client.post(`${COVER}/covers`, body(first));
    expect(again.status).toBe(409);
  });

  it('the exposure compare-and-set writes nothing when exposure, open claims or rating moved since they were read', async () => {
    const tenant = await service.createTenant();
    const db = service.platform.db;
    const key = { bookId: tenant.tenant.id, country: 'SE', registryId: '5567104046' };
    await db.insert(riskExposure).values({ ...key, exposure: 500, openClaims: 0 });
    const exposureOf = async () => (await db.select().from(riskExposure).where(and(eq(riskExposure.bookId, key.bookId), eq(riskExposure.registryId, key.registryId))))[0]!.exposure;
    const asRead = { ...key, exposure: 500, openClaims: 0, rating: 4 };
    const holds = async (guard: FastWrite) => (await fastRows(db, guard.statement, guard.values)).length === 1;
    expect(await holds(exposureUnchangedGuard({ ...asRead, exposure: 400 }, 100))).toBe(false);
    expect(await holds(exposureUnchangedGuard({ ...asRead, openClaims: 1 }, 100))).toBe(false);
    expect(await holds(exposureUnchangedGuard({ ...asRead, rating: 5 }, 100))).toBe(false);
    expect(await exposureOf()).toBe(500);
    expect(await holds(exposureUnchangedGuard(asRead, 100))).toBe(true);
    expect(await exposureOf()).toBe(600);
  });

  it('reads a batch of snapshots exactly as one at a time (known, unknown and live positions, another tenant\'s policy)', async () => {
    const tenant = await service.createTenant();
    const client = await coverClient(service, tenant);
    const known = await client.buyerId(BUYERS.rating4);
    const fresh = await client.buyerId(BUYERS.rating1);
    expect((await client.apply(known)).status).toBe(201);
    const other = await coverClient(service, await service.createTenant());
    const bookId = bookFor(tenant.tenant);
    const requests = [
      { tenantId: tenant.tenant.id, policyId: Number(client.policyId), buyerId: known, bookId },
      { tenantId: tenant.tenant.id, policyId: Number(client.policyId), buyerId: fresh, bookId },
      { tenantId: tenant.tenant.id, policyId: Number(client.policyId), buyerId: 99_999_999, bookId },
      { tenantId: tenant.tenant.id, policyId: Number(other.policyId), buyerId: known, bookId },
    ];
    const batch = await readApplicationSnapshots(service.platform.db, requests);
    const single = [];
    for (const request of requests) single.push(await readApplicationSnapshot(service.platform.db, request.tenantId, request.policyId, request.buyerId, request.bookId));
    const withoutIds = (snapshots: { coverId: number }[]) => snapshots.map(({ coverId: _coverId, ...rest }) => rest);
    expect(withoutIds(batch)).toEqual(withoutIds(single));
    expect(batch.map((snapshot) => [snapshot.livePosition, snapshot.policy !== null, snapshot.buyer !== null, snapshot.exposure !== null]))
      .toEqual([[true, true, true, true], [false, true, true, false], [false, true, false, false], [false, false, true, true]]);
    expect(new Set(batch.map((snapshot) => snapshot.coverId)).size).toBe(4);
  });
});
