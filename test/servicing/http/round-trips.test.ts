import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import pg from 'pg';
import { executeRaw } from '../../../src/platform/db/database.js';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, DEBTOR, fee, invoice, startServicing, type ServicingClient } from '../support.js';

/**
 * The single-account writes on PostgreSQL run as one read and one compare-and-set write (issue 12): counted as the
 * statements on servicing tables the driver sends while the request runs. Their answers are checked on both engines.
 */
describeEachEngine('servicing round trips', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
    const created = await client.post('create_accounts', {
      ...accountBody('RT_A', [invoice('RT_INV', 2000, { createdAt: 1 }), fee('RT_FEE', 300, 'RT_INV', 'LATE', 2)]),
      ...accountBody('RT_B', [invoice('RT_INV', 1000, { createdAt: 1 })]),
    });
    expect(created.body.RT_A.success && created.body.RT_B.success).toBe(true);
  });
  afterAll(async () => client?.stop());

  /** Runs `request`, answering with the servicing statements it sent (none on the embedded engine). */
  async function servicingStatements<T>(request: () => Promise<T>): Promise<{ answer: T; statements: number }> {
    let statements = 0;
    const query = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : config?.text ?? '';
      if (text.includes('servicing_')) statements += 1;
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as never);
    try {
      return { answer: await request(), statements };
    } finally {
      spy.mockRestore();
    }
  }

  const expected = (n: number) => (engine === 'postgres' ? n : 0);

  it('a payment that moves an invoice\'s claim reads once and writes once', async () => {
    const { answer, statements } = await servicingStatements(() => client.post('match_account_payment', [{
      accountReference: 'RT_A', currency: 'EUR', totalAmount: 500, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: 'RT_T1',
    }]));
    expect(answer.body.RT_A).toMatchObject({ success: true, data: [expect.objectContaining({ ledgerEntryReference: 'RT_INV' })] });
    expect(statements).toBe(expected(2));
    expect((await client.claimsOf('RT_A')).RT_INV).toMatchObject({ amount: 1500, totalFees: 300 });
  });

  it('a payment to the claim with the account-qualified reference reads once and writes once', async () => {
    const { answer, statements } = await servicingStatements(() => client.post('match_account_payment', [{
      accountReference: 'RT_B', currency: 'EUR', totalAmount: 400, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: 'RT_T2',
    }]));
    expect(answer.body.RT_B.success).toBe(true);
    expect(statements).toBe(expected(2));
    expect((await client.claimsOf('RT_B'))['RT_B:RT_INV']).toMatchObject({ amount: 600 });
    expect((await client.claimsOf('RT_A')).RT_INV).toMatchObject({ amount: 1500 });
  });

  it('a payment that pays a fee and the invoice answers both entries from the same read', async () => {
    const { answer, statements } = await servicingStatements(() => client.post('match_account_payment', [{
      accountReference: 'RT_A', currency: 'EUR', totalAmount: 1800, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: 'RT_T3',
    }]));
    expect(answer.body.RT_A.success).toBe(true);
    expect(answer.body.RT_A.data.map((entry: { ledgerEntryReference: string }) => entry.ledgerEntryReference).sort()).toEqual(['RT_FEE', 'RT_INV']);
    expect(statements).toBe(expected(2));
    expect((await client.claimsOf('RT_A')).RT_INV).toMatchObject({ status: 'RESOLVED' });
  });

  it('a ledger write of an invoice and its fee reads once and writes once; a refused one only reads', async () => {
    const written = await servicingStatements(() => client.post('add_account_ledger_entries', [
      { accountReference: 'RT_A', ...invoice('RT_INV2', 700) }, { accountReference: 'RT_A', ...fee('RT_FEE2', 50, 'RT_INV2') },
    ]));
    expect(written.answer.body.RT_A.success).toBe(true);
    expect(written.statements).toBe(expected(2));
    const refused = await servicingStatements(() => client.post('add_account_ledger_entries', [{ accountReference: 'RT_A', ...invoice('RT_INV2', 700) }]));
    expect(refused.answer.body.RT_A.success).toBe(false);
    expect(refused.statements).toBe(expected(1));
  });

  /** The debtor reference stored on each managed claim of an account. */
  async function claimDebtors(accountReference: string): Promise<Record<string, string | null>> {
    const rows = await executeRaw(client.service.platform.db,
      'SELECT claim_reference, debtor_reference FROM servicing_claims WHERE account_reference = $1', [accountReference]) as
      { claim_reference: string; debtor_reference: string | null }[];
    return Object.fromEntries(rows.map((row) => [row.claim_reference, row.debtor_reference]));
  }

  it('a ledger write gives each new claim the debtor its invoice names, else the first debtor, also when a debtor has no reference', async () => {
    const secondDebtor = { ...DEBTOR, debtorReference: 'RT_DEBTOR_2' };
    const { debtorReference: _none, ...unreferenced } = DEBTOR;
    const created = await client.post('create_accounts', {
      ...accountBody('RT_REFS', [], { debtors: [DEBTOR, secondDebtor] }),
      ...accountBody('RT_UNREF', [], { debtors: [unreferenced, secondDebtor] }),
    });
    expect(created.body.RT_REFS.success && created.body.RT_UNREF.success).toBe(true);
    for (const account of ['RT_REFS', 'RT_UNREF']) {
      const written = await servicingStatements(() => client.post('add_account_ledger_entries', [
        { accountReference: account, ...invoice(`${account}_FIRST`, 100) },
        { accountReference: account, ...invoice(`${account}_NAMED`, 100), context: { externalDebtorReference: 'RT_DEBTOR_2' } },
      ]));
      expect(written.answer.body[account].success).toBe(true);
      expect(written.statements).toBe(expected(2));
    }
    expect(await claimDebtors('RT_REFS')).toEqual({ RT_REFS_FIRST: DEBTOR.debtorReference, RT_REFS_NAMED: 'RT_DEBTOR_2' });
    expect(await claimDebtors('RT_UNREF')).toEqual({ RT_UNREF_FIRST: null, RT_UNREF_NAMED: 'RT_DEBTOR_2' });
  });
});
