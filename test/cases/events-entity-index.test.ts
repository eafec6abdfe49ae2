// The events' entity index covers only non-payment cases' events (migration 0047): every query that looks events up
// by entity is a case query naming that entity type, and still finds them through the index; other entities' events
// (three a collections step) are written without an entry in it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CASE_ENTITY } from '../../src/cases/domain/codes.js';
import { CASE_HISTORY } from '../../src/cases/store.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { appendEvents } from '../../src/platform/events/append.js';
import { systemActor, unitOfWork } from '../../src/platform/unit-of-work.js';
import { describeEachEngine } from '../support/engines.js';
import { ROOT } from '../support/processes.js';
import { sourceFiles } from '../support/source-files.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

it('every query of events by entity names the case entity type as a literal (the partial index predicate)', () => {
  const byEntity = sourceFiles().filter((file) => /FROM events e\b[\s\S]*?e\.entity_id\b/.test(readFileSync(file, 'utf8')));
  expect(byEntity.map((file) => path.relative(ROOT, file)).sort()).toEqual([
    'src/cases/report-queries.ts', 'src/cases/store.ts', 'src/cases/use-cases/staff/claims-queue.ts',
  ]);
  for (const file of byEntity) {
    const text = readFileSync(file, 'utf8');
    const lookups = text.match(/e\.entity_id\b/g) ?? [];
    const named = text.match(/e\.entity_type = (?:'\$\{CASE_ENTITY\}'|\$\{sql\.raw\(`'\$\{CASE_ENTITY\}'`\)\})/g) ?? [];
    expect(named.length, file).toBeGreaterThanOrEqual(lookups.length);
  }
  expect(CASE_ENTITY).toBe('nonpayment_case');
});

describeEachEngine('the events entity index', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  it('is partial on the case entity type', async () => {
    const [row] = await executeRaw(service.platform.db, `SELECT indexdef FROM pg_indexes WHERE indexname = 'events_tenant_entity'`) as { indexdef: string }[];
    expect(row?.indexdef).toMatch(/\(tenant_id, entity_type, entity_id\) WHERE \(entity_type = 'nonpayment_case'::text\)$/);
  });

  it('serves the case history and holds no other entity type', async () => {
    await service.platform.db.transaction(async (tx) => {
      const uow = unitOfWork({ tx, tenant: tenant.tenant, clock: service.clock, actor: systemActor('test') });
      await appendEvents(uow, [
        { type: 'case.status_changed', entityType: CASE_ENTITY, entityId: 'NP-000001', data: { from: 'SUBMITTED', to: 'OPEN' } },
        { type: 'collections.run.message', entityType: 'collections_run', entityId: 'NP-000001', data: { claimReference: 'NP-000001' } },
        { type: 'message.sent', entityType: 'message', entityId: 'NP-000001', data: {} },
      ]);
      await executeRaw(tx, 'SET LOCAL enable_seqscan = off');
      const plan = (await executeRaw(tx, `EXPLAIN ${CASE_HISTORY.text.replace('$1', `'${tenant.tenant.id}'`).replace('$2', `'NP-000001'`)}`) as Record<string, string>[])
        .map((line) => Object.values(line)[0]).join('\n');
      expect(plan).toContain('events_tenant_entity');
      const history = await executeRaw(tx, CASE_HISTORY.text, [tenant.tenant.id, 'NP-000001']) as { to_status: string }[];
      expect(history.map((row) => row.to_status)).toEqual(['OPEN']);
      // Index-only: what the index holds for this tenant and entity id, whatever the entity type asked for.
      await executeRaw(tx, 'SET LOCAL enable_bitmapscan = off');
      const otherPlan = (await executeRaw(tx, `EXPLAIN SELECT 1 FROM events e WHERE e.tenant_id = '${tenant.tenant.id}' AND e.entity_type = 'collections_run' AND e.entity_id = 'NP-000001'`) as Record<string, string>[])
        .map((line) => Object.values(line)[0]).join('\n');
      expect(otherPlan).not.toContain('events_tenant_entity');
    });
  });
});
