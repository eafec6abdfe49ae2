// The run log's and the landing links' primary keys are (tenant, claim, id) (migration 0048): the index every read
// of a claim's rows walks is also the rows' identity, so a collections step writes no entry into a (tenant, id) key
// that no query read. A query of either table by id must therefore name the claim too; the guard below fails when
// one does not, so that such a query comes with its own index (or names the claim).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRaw } from '../../src/platform/db/database.js';
import { RUN_LOG } from '../../src/collections/use-cases/runs/run-store.js';
import { describeEachEngine } from '../support/engines.js';
import { ROOT } from '../support/processes.js';
import { sourceFiles } from '../support/source-files.js';
import { startTestService, type TestService, type TestTenant } from '../support/service.js';

it('every lookup of a run log row or a landing link by id names its claim', () => {
  const lookups: string[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/eq\((collectionsRunEvents|collectionsLandingLinks)\.id\b/g)) {
      const statement = text.slice(Math.max(0, (match.index ?? 0) - 300), match.index);
      expect(statement, `${path.relative(ROOT, file)}: ${match[0]}`).toContain(`eq(${match[1]}.claimReference`);
      lookups.push(path.relative(ROOT, file));
    }
    // Raw SQL: the tables by id (`… id = $n`, `id IN`, `id = ANY`).
    expect(text, file).not.toMatch(/FROM collections_(?:run_events|landing_links)\b[^;`]*?\bWHERE\b[^;`]*?(?<![._])\bid\s*(?:=|IN\b)/);
  }
  expect(lookups).toEqual(['src/collections/landing/store.ts']);
});

describeEachEngine('the run log and landing link keys', (engine) => {
  let service: TestService;
  let tenant: TestTenant;
  beforeAll(async () => {
    service = await startTestService({ engine });
    tenant = await service.createTenant();
  });
  afterAll(async () => service?.stop());

  it('are (tenant, claim, id), with no other index on the claim', async () => {
    const rows = await executeRaw(service.platform.db, `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE tablename IN ('collections_run_events', 'collections_landing_links') ORDER BY tablename, indexname`) as { tablename: string; indexname: string; indexdef: string }[];
    expect(rows.map((row) => row.indexname)).toEqual([
      'collections_landing_links_tenant_id_claim_reference_id_pk', 'collections_landing_links_token',
      'collections_run_events_debtor_sends', 'collections_run_events_tenant_id_claim_reference_id_pk',
    ]);
    for (const row of rows.filter((one) => one.indexname.endsWith('_pk'))) {
      expect(row.indexdef).toMatch(/^CREATE UNIQUE INDEX \S+ ON (?:public\.)?\S+ USING btree \(tenant_id, claim_reference, id\)$/);
    }
  });

  it('keeps a row the identity of its key (a second row with the same tenant, claim and id is refused)', async () => {
    const row = `'${tenant.tenant.id}', 'KEY-1', 1, now(), 'firing', now()`;
    await executeRaw(service.platform.db, `INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, recorded_at, id) VALUES (${row}, 900000001)`);
    await expect(executeRaw(service.platform.db,
      `INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, recorded_at, id) VALUES (${row}, 900000001)`)).rejects.toThrow();
    await executeRaw(service.platform.db, `INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, recorded_at) VALUES (${row})`);
    const log = await executeRaw(service.platform.db, RUN_LOG.text, [tenant.tenant.id, 'KEY-1']) as { kind: string }[];
    expect(log).toHaveLength(2);
  });

  it('serve a claim\'s log in id order and its links through the key', async () => {
    await service.platform.db.transaction(async (tx) => {
      await executeRaw(tx, 'SET LOCAL enable_seqscan = off');
      const explain = async (text: string) => (await executeRaw(tx, `EXPLAIN ${text}`) as Record<string, string>[])
        .map((line) => Object.values(line)[0]).join('\n');
      const logPlan = await explain(RUN_LOG.text.replace('$1', `'${tenant.tenant.id}'`).replace('$2', `'KEY-1'`));
      expect(logPlan).toContain('collections_run_events_tenant_id_claim_reference_id_pk');
      expect(logPlan).not.toMatch(/\bSort\b/);
      const linksPlan = await explain(`SELECT message_token FROM collections_landing_links WHERE tenant_id = '${tenant.tenant.id}' AND claim_reference = ANY('{KEY-1,KEY-2}')`);
      expect(linksPlan).toContain('collections_landing_links_tenant_id_claim_reference_id_pk');
    });
  });
});
