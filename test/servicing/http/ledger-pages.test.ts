import { afterAll, beforeAll, expect, it } from 'vitest';
import { executeRaw } from '../../../src/platform/db/database.js';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, fee, invoice, startServicing, type ServicingClient } from '../support.js';

/*
 * get_account reads an account's ledger from stored pages of rendered entries (servicing_ledger_pages) plus the
 * entries after the last page. The answer must be byte for byte what it was when every entry was rendered on each
 * read: `[` + the entries' `entry::text` joined by ", " in seq order + `]` (the reference below, read straight from
 * the entries), whatever batch sizes crossed the page boundaries and whether the pages are there at all.
 */

const ACCOUNT = 'ACC_PAGES';
const ODD_META = {
  note: 'naïve "quoted" \\ back\nslash\ttab ✓ 😀 \u2028 </script>',
  numbers: [1.5, 12345678901234567000, -0.0001, 1e21, 0],
  nested: { b: [1, null, true, false], a: 'x', '': 'empty key', 'ü': { deep: [[]] } },
};

/** The n-th entry of the test ledger: invoices (some with odd meta), fees on them and part payments. */
function entry(n: number) {
  const target = `INV_${n - (n % 3)}`;
  if (n % 3 === 0) {
    const base = invoice(`INV_${n}`, 1000 + n, { createdAt: 1_000 + n, productReference: n % 2 === 0 ? 'PRODUCT_REFERENCE_1' : undefined });
    return n % 7 === 0 ? { ...base, invoiceDetails: { ...base.invoiceDetails, meta: { ...ODD_META, n } } } : base;
  }
  if (n % 3 === 1) return fee(`FEE_${n}`, 10 + n, target, n % 2 === 0 ? 'LATE_FEE' : 'COLLECTION_FEE', 1_000 + n);
  return { ledgerEntryReference: `PAY_${n}`, paymentDetails: { amount: 7, paymentReference: `P ${n} "ü"` }, context: { ledgerEntryReference: target } };
}

describeEachEngine('get_account over stored ledger pages (Receeve)', (engine) => {
  let client: ServicingClient;
  let written = 0;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  const db = () => client.service.platform.db;
  const tenantId = () => client.tenant.tenant.id;

  /** The ledger as every entry rendered on read gave it (the answer before the pages). */
  async function renderedFromEntries(): Promise<string> {
    const [row] = await executeRaw(db(), `SELECT coalesce(string_agg(entry::text, ', ' ORDER BY seq), '') AS ledger
      FROM servicing_ledger_entries WHERE tenant_id = $1 AND account_reference = $2`, [tenantId(), ACCOUNT]) as { ledger: string }[];
    return `[${row!.ledger}]`;
  }

  async function pages(): Promise<number[]> {
    const rows = await executeRaw(db(), 'SELECT page FROM servicing_ledger_pages WHERE tenant_id = $1 AND account_reference = $2 ORDER BY page',
      [tenantId(), ACCOUNT]) as { page: number }[];
    return rows.map((row) => Number(row.page));
  }

  /** get_account's bytes: the ledger as rendered from the entries, spliced after the account's other fields. */
  async function expectSameAnswer(entries: number): Promise<void> {
    const answer = await client.get('get_account', { accountReference: ACCOUNT });
    expect(answer.status).toBe(200);
    const ledger = await renderedFromEntries();
    expect(answer.text.endsWith(`"ledgerEntries":${ledger}}`)).toBe(true);
    expect(answer.body.ledgerEntries).toHaveLength(entries);
    expect(answer.body.ledgerEntries).toEqual(JSON.parse(ledger));
  }

  async function add(count: number): Promise<void> {
    const body = Array.from({ length: count }, (_, i) => ({ accountReference: ACCOUNT, ...entry(written + i) }));
    const response = await client.post('add_account_ledger_entries', body);
    expect(response.body[ACCOUNT]?.messages).toBeDefined();
    expect(response.body[ACCOUNT].success).toBe(true);
    written += count;
  }

  const completePages = () => Array.from({ length: Math.floor(written / 100) }, (_, page) => page);

  it('answers the same bytes as rendering every entry, as batches of every size cross page boundaries', async () => {
    const created = await client.post('create_accounts', accountBody(ACCOUNT, Array.from({ length: 130 }, (_, n) => entry(n))));
    expect(created.body[ACCOUNT].success).toBe(true);
    written = 130;
    expect(await pages()).toEqual([0]);
    await expectSameAnswer(130);
    for (const size of [1, 69, 5, 1, 250, 44, 1000, 100]) {
      await add(size);
      expect(await pages()).toEqual(completePages());
      await expectSameAnswer(written);
    }
    expect(written).toBe(1600);
    // A payment appends its entry through the same ledger write.
    const paid = await client.post('match_account_payment', [{
      accountReference: ACCOUNT, currency: 'EUR', totalAmount: 123, matchStrategy: 'ORDERED_INVOICES_WITH_FEES_THEN_ACCOUNT_ENTRIES',
      providerName: 'trustly', trackingId: 'TRACK_PAGES', context: {}, meta: { note: ODD_META.note },
    }]);
    expect(paid.body[ACCOUNT].success).toBe(true);
    written += 1;
    await expectSameAnswer(written);
  });

  it('answers the same without its pages (a ledger seeded into the table) and stores them again on the next write that completes one', async () => {
    await executeRaw(db(), 'DELETE FROM servicing_ledger_pages WHERE tenant_id = $1 AND account_reference = $2', [tenantId(), ACCOUNT]);
    await expectSameAnswer(written);
    await add(100 - (written % 100) - 1); // completes no page
    expect(await pages()).toEqual([]);
    await expectSameAnswer(written);
    await add(2);
    expect(await pages()).toEqual(completePages());
    await expectSameAnswer(written);
  });

  it('answers the same when a page in the middle is missing (every entry is rendered then)', async () => {
    await executeRaw(db(), 'DELETE FROM servicing_ledger_pages WHERE tenant_id = $1 AND account_reference = $2 AND page = 3', [tenantId(), ACCOUNT]);
    await expectSameAnswer(written);
  });

  it('answers an account with no entries and one with fewer than a page', async () => {
    await client.post('create_accounts', accountBody('ACC_EMPTY'));
    const empty = await client.get('get_account', { accountReference: 'ACC_EMPTY' });
    expect(empty.text.endsWith('"ledgerEntries":[]}')).toBe(true);
    await client.post('create_accounts', accountBody('ACC_SHORT', [entry(0), entry(1)]));
    const short = await client.get('get_account', { accountReference: 'ACC_SHORT' });
    expect(short.body.ledgerEntries).toEqual([entry(0), entry(1)]);
  });
});
