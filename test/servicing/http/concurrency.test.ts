import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../../src/platform/db/database.js';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, DEBTOR, fee, invoice, startServicing, type ServicingClient } from '../support.js';
import { events } from '../../../src/platform/db/schema.js';
import { servicingClaims } from '../../../src/servicing/schema.js';

/** On PostgreSQL these requests really run in parallel (pool of 20); on PGlite they serialise on its one connection. */
describeEachEngine('servicing concurrency', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  // Claim references are unique per client, so each account prefixes its invoices.
  const ledger = (p: string) => [
    invoice(`${p}:INV_A`, 1500, { createdAt: 1 }), fee('FEE_A', 300, `${p}:INV_A`, 'LATE', 2), invoice(`${p}:INV_B`, 2500, { createdAt: 3 }),
    fee('ACC_FEE', 400, undefined, 'ADMIN', 4), invoice(`${p}:INV_C`, 900, { createdAt: 5 }),
  ];
  const balances = async (account: string) =>
    (await client.get('get_account_claims', { accountReference: account })).body
      .map((c: any) => ({ ref: c.claimReference.replace(/^.*?:/, ''), amount: c.amount, totalFees: c.totalFees, status: c.status }));

  it('100 parallel match_account_payment calls on one account equal their sequential execution', async () => {
    for (const account of ['PAR', 'SEQ']) {
      const created = await client.post('create_accounts', accountBody(account, ledger(account)));
      expect(created.body[account].success).toBe(true);
    }
    const payment = (account: string, i: number) => [{
      accountReference: account, currency: 'EUR', totalAmount: 37 + (i % 5), matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: `T${i}`,
    }];
    const parallel = await Promise.all(Array.from({ length: 100 }, (_, i) => client.post('match_account_payment', payment('PAR', i))));
    expect(parallel.every((response) => response.status === 200 && response.body.PAR.success)).toBe(true);
    for (let i = 0; i < 100; i += 1) expect((await client.post('match_account_payment', payment('SEQ', i))).body.SEQ.success).toBe(true);
    expect(await balances('PAR')).toEqual(await balances('SEQ'));
    const par = await client.get('get_account', { accountReference: 'PAR' });
    const paid = par.body.ledgerEntries.filter((e: any) => e.paymentDetails).reduce((sum: number, e: any) => sum + e.paymentDetails.amount, 0);
    expect(paid).toBe(Array.from({ length: 100 }, (_, i) => 37 + (i % 5)).reduce((a, b) => a + b, 0));
    const references = par.body.ledgerEntries.map((e: any) => e.ledgerEntryReference);
    expect(new Set(references).size).toBe(references.length);
  });

  it('parallel add_account_ledger_entries on several accounts (group commit on PostgreSQL) equal their sequential execution', async () => {
    const accounts = Array.from({ length: 6 }, (_, a) => a);
    for (const run of ['GPAR', 'GSEQ']) {
      for (const a of accounts) expect((await client.post('create_accounts', accountBody(`${run}${a}`))).body[`${run}${a}`].success).toBe(true);
    }
    // Per account: five invoices with a fee each, and one fee on an invoice the account does not have (refused).
    const requests = (run: string) => accounts.flatMap((a) => Array.from({ length: 6 }, (_, n) => {
      const account = `${run}${a}`;
      const entries = n === 5
        ? [fee(`${account}:FEE_X`, 50, `${account}:NO_INVOICE`, 'LATE', 100)]
        : [invoice(`${account}:INV_${n}`, 1000 + 100 * n, { createdAt: 10 * n }), fee(`${account}:FEE_${n}`, 10 * (n + 1), `${account}:INV_${n}`, 'LATE', 10 * n + 1)];
      return entries.map((entry) => ({ accountReference: account, ...entry }));
    }));
    const parallel = await Promise.all(requests('GPAR').map((body) => client.post('add_account_ledger_entries', body)));
    const sequential = [];
    for (const body of requests('GSEQ')) sequential.push(await client.post('add_account_ledger_entries', body));
    const outcome = (response: { status: number; body: Record<string, { success: boolean; messages: string[] }> }) =>
      ({ status: response.status, items: Object.values(response.body).map((item) => ({ success: item.success, messages: item.messages.map((m) => m.replace(/GSEQ|GPAR/g, 'X')) })) });
    expect(parallel.map(outcome)).toEqual(sequential.map(outcome));
    expect(parallel.filter((response) => (Object.values(response.body)[0] as { success: boolean }).success)).toHaveLength(30);
    for (const a of accounts) {
      // Claims are listed in creation order, which parallel requests do not keep.
      const strip = (claims: { ref: string }[]) => claims.map((claim) => ({ ...claim, ref: claim.ref.replace(/^.*_/, '') })).sort((x, y) => x.ref.localeCompare(y.ref));
      expect(strip(await balances(`GPAR${a}`))).toEqual(strip(await balances(`GSEQ${a}`)));
      const ledger = async (account: string) => (await client.get('get_account', { accountReference: account })).body.ledgerEntries
        .map((entry: { ledgerEntryReference: string }) => entry.ledgerEntryReference.replace(account, 'X')).sort();
      expect(await ledger(`GPAR${a}`)).toEqual(await ledger(`GSEQ${a}`));
    }
    if (engine === 'postgres') {
      // Entries written by one statement share its transaction: fewer transactions than requests means groups formed.
      const [row] = rowsOf<{ transactions: number }>(await client.service.platform.db.execute(sql`SELECT count(DISTINCT xmin::text)::int AS transactions
        FROM servicing_ledger_entries WHERE tenant_id = ${client.tenant.tenant.id}::uuid AND account_reference LIKE 'GPAR%'`));
      expect(row!.transactions).toBeLessThan(30);
    }
  });

  it('parallel create_claims with the same reference create exactly one claim and one event', async () => {
    const claim = (i: number) => ({ DUP_CLAIM: { amount: 100, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: `DUP_ACC_${i}`, primaryDebtor: DEBTOR } });
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => client.post('create_claims', claim(i))));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const successes = responses.filter((response) => response.body.DUP_CLAIM.success);
    expect(successes).toHaveLength(1);
    for (const response of responses.filter((r) => !r.body.DUP_CLAIM.success)) {
      expect(response.body.DUP_CLAIM.messages).toEqual(['Claim DUP_CLAIM already exists']);
    }
    const tenantId = client.tenant.tenant.id;
    const rows = await client.service.platform.db.select().from(servicingClaims).where(and(eq(servicingClaims.tenantId, tenantId), eq(servicingClaims.claimReference, 'DUP_CLAIM')));
    expect(rows).toHaveLength(1);
    const created = await client.service.platform.db.select().from(events).where(and(eq(events.tenantId, tenantId), eq(events.entityId, 'DUP_CLAIM')));
    expect(created).toHaveLength(1);
  });

  it('parallel create_claims with the same reference on one account also create exactly one', async () => {
    const claim = { SAME_ACC_DUP: { amount: 100, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: 'ONE_ACC', primaryDebtor: DEBTOR } };
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.post('create_claims', claim)));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(responses.filter((response) => response.body.SAME_ACC_DUP.success)).toHaveLength(1);
  });

  it('parallel 200-claim batches sharing references: each claim created once, and a losing item writes nothing', async () => {
    // Each request creates the same 200 claims on its own new account; its debtor is new everywhere.
    const batch = (i: number) => Object.fromEntries(Array.from({ length: 200 }, (_, n) => [`RACE_${n}`, {
      amount: 100 + n, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: `RACE_ACC_${i}`,
      primaryDebtor: { ...DEBTOR, debtorReference: `RACE_DEBTOR_${i}` },
    }]));
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => client.post('create_claims', batch(i))));
    expect(responses.every((response) => response.status === 200)).toBe(true);
    for (let n = 0; n < 200; n += 1) {
      const winners = responses.filter((response) => response.body[`RACE_${n}`].success);
      expect(winners).toHaveLength(1);
    }
    for (const [i, response] of responses.entries()) {
      const won = Object.values(response.body).some((item: any) => item.success);
      for (const item of Object.values(response.body) as any[]) if (!item.success) expect(item.messages).toEqual([expect.stringMatching(/^Claim RACE_\d+ already exists$/)]);
      // An account is created implicitly only by a claim that was created.
      const account = await client.get('get_account', { accountReference: `RACE_ACC_${i}` });
      expect(account.status).toBe(won ? 200 : 404);
      const debtors = await client.get('get_debtor_accounts_and_claims', { debtorReference: `RACE_DEBTOR_${i}` });
      expect(debtors.body.length > 0).toBe(won);
    }
    const tenantId = client.tenant.tenant.id;
    const created = await client.service.platform.db.select().from(events).where(and(eq(events.tenantId, tenantId), eq(events.entityId, 'RACE_7')));
    expect(created).toHaveLength(1);
  });
});
