// servicing_claims has no index on the debtor (migration 0049): every claim insert paid an entry in it (about 15 % of
// the claims insert of a create_claims batch in isolation) for one read, get_debtor_accounts_and_claims, which now
// reads servicing_account_debtors alone. That is right only while every claim's (debtor, account) is in that table:
// a claim's debtor joins its account's debtors (A29), also when the account was created concurrently. A query of the
// claims by debtor must name the account too (served by servicing_claims_account); the guard below fails when one
// does not, so that such a query comes with its own index.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRaw } from '../../../src/platform/db/database.js';
import { describeEachEngine } from '../../support/engines.js';
import { ROOT } from '../../support/processes.js';
import { sourceFiles } from '../../support/source-files.js';
import { DEBTOR, startServicing, type ServicingClient } from '../support.js';

it('every lookup of servicing claims by debtor names the account', () => {
  const lookups: string[] = [];
  for (const file of sourceFiles()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/eq\(servicingClaims\.debtorReference\b/g)) {
      const statement = text.slice(Math.max(0, (match.index ?? 0) - 300), match.index);
      expect(statement, `${path.relative(ROOT, file)}: ${match[0]}`).toContain('eq(servicingClaims.accountReference');
      lookups.push(path.relative(ROOT, file));
    }
    // Raw SQL: the claims filtered by debtor (`debtor_reference =`, `IN`, `= ANY`).
    expect(text, file).not.toMatch(/FROM servicing_claims\b[^;`]*?\bWHERE\b[^;`]*?\bdebtor_reference\s*(?:=|IN\b)/);
  }
  expect(lookups).toEqual(['src/servicing/store/claims.ts']);
});

const claim = (account: string, debtorReference: string) => ({
  amount: 100, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: account,
  primaryDebtor: { ...DEBTOR, debtorReference },
});

/** On PostgreSQL the requests really run in parallel; on PGlite they serialise on its one connection. */
describeEachEngine('servicing claim indexes', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('are the key, the account\'s and the link group\'s, and a debtor\'s claims of an account are read through the account\'s', async () => {
    const db = client.service.platform.db;
    const rows = await executeRaw(db, `SELECT indexname FROM pg_indexes WHERE tablename = 'servicing_claims' ORDER BY indexname`) as { indexname: string }[];
    expect(rows.map((row) => row.indexname)).toEqual([
      'servicing_claims_account', 'servicing_claims_link_group', 'servicing_claims_tenant_id_claim_reference_pk',
    ]);
    await db.transaction(async (tx) => {
      await executeRaw(tx, 'SET LOCAL enable_seqscan = off');
      const plan = (await executeRaw(tx, `EXPLAIN SELECT * FROM servicing_claims WHERE tenant_id = '${client.tenant.tenant.id}'
        AND account_reference = 'A' AND debtor_reference = 'D' AND managed = false`) as Record<string, string>[])
        .map((line) => Object.values(line)[0]).join('\n');
      expect(plan).toContain('servicing_claims_account');
    });
  });

  it('parallel create_claims naming one new account with different debtors: every debtor joins it and finds it', async () => {
    const debtors = Array.from({ length: 12 }, (_, i) => `RACE_DEBTOR_${i}`);
    const responses = await Promise.all(debtors.map((debtor, i) => client.post('create_claims', { [`RACE_CLAIM_${i}`]: claim('RACE_ACC', debtor) })));
    expect(responses.map((response, i) => response.body[`RACE_CLAIM_${i}`].success)).toEqual(debtors.map(() => true));
    const account = await client.get('get_account', { accountReference: 'RACE_ACC' });
    expect(account.body.debtors.map((debtor: { debtorReference: string }) => debtor.debtorReference).sort()).toEqual([...debtors].sort());
    for (const debtor of debtors) {
      const found = await client.get('get_debtor_accounts_and_claims', { debtorReference: debtor });
      expect(found.body).toHaveLength(1);
      expect(found.body[0].map((entry: { accountReference: string }) => entry.accountReference)).toEqual(['RACE_ACC']);
      expect(found.body[0][0].claims).toHaveLength(debtors.length);
    }
  });

  it('create_claims answers a claim that exists as such, whether the rest of its batch is valid or not', async () => {
    expect((await client.post('create_claims', { KNOWN: claim('KNOWN_ACC', 'KNOWN_DEBTOR') })).body.KNOWN.success).toBe(true);
    const valid = await client.post('create_claims', { NEW_1: claim('KNOWN_ACC', 'KNOWN_DEBTOR'), KNOWN: claim('KNOWN_ACC', 'KNOWN_DEBTOR'), NEW_2: claim('KNOWN_ACC', 'OTHER_DEBTOR') });
    expect(Object.fromEntries(Object.entries(valid.body).map(([key, item]: [string, any]) => [key, item.messages]))).toEqual({
      NEW_1: ['Successfully processed action'], KNOWN: ['Claim KNOWN already exists'], NEW_2: ['Successfully processed action'],
    });
    const { currency: _currency, ...noCurrency } = claim('KNOWN_ACC', 'KNOWN_DEBTOR');
    const invalid = await client.post('create_claims', { KNOWN: noCurrency });
    expect(invalid.body.KNOWN.messages).toEqual(['Claim KNOWN already exists']);
    expect(Object.keys(await client.claimsOf('KNOWN_ACC')).sort()).toEqual(['KNOWN', 'NEW_1', 'NEW_2']);
    const created = await executeRaw(client.service.platform.db, `SELECT entity_id FROM events WHERE tenant_id = $1 AND type = 'event.claim.created.v1'
      AND entity_id IN ('KNOWN', 'NEW_1', 'NEW_2') ORDER BY entity_id`, [client.tenant.tenant.id]) as { entity_id: string }[];
    expect(created.map((row) => row.entity_id)).toEqual(['KNOWN', 'NEW_1', 'NEW_2']);
  });

  it('a claim moved to another account finds that account by its debtor, and keeps the first', async () => {
    expect((await client.post('create_claims', { MOVE_CLAIM: claim('MOVE_ACC_1', 'MOVE_DEBTOR') })).body.MOVE_CLAIM.success).toBe(true);
    expect((await client.post('update_claims', { MOVE_CLAIM: { accountReference: 'MOVE_ACC_2' } })).body.MOVE_CLAIM.success).toBe(true);
    const found = await client.get('get_debtor_accounts_and_claims', { debtorReference: 'MOVE_DEBTOR' });
    expect(found.body[0].map((entry: { accountReference: string }) => entry.accountReference)).toEqual(['MOVE_ACC_1', 'MOVE_ACC_2']);
  });
});
