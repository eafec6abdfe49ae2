import { sql } from 'drizzle-orm';
import type { Database } from '../src/platform/db/database.js';
import type { benchHttpClient } from './_http-client.js';

type Client = ReturnType<typeof benchHttpClient>;

const DAY = 86_400_000;
const INVOICES = 4;

/**
 * Accounts the console's account screen opens, written through the Receeve API as a client writes them: `count`
 * accounts `CA-<n>` of four invoices (due 60, 45, 30 and 15 days ago, placed 30 days before that), a collection fee on
 * the first, a part payment on the first and a payment in full of the second. Their collections history is then added
 * in SQL (no worker runs in the bench service): per claim a run of the default strategy with 12 logged decisions,
 * 4 messages (e-mail and SMS), 2 landing-page visits and a promise to pay (the first claim's open, due in 10 days;
 * the others kept).
 * Answers the account references.
 */
export async function seedConsoleAccounts(db: Database, client: Client, servicing: { tenantId: string; baseUrl: string; clientId: string; clientSecret: string }, count: number): Promise<string[]> {
  const token = await client.request('POST', '/v1/oauth2/token', {
    authorization: `Basic ${Buffer.from(`${servicing.clientId}:${servicing.clientSecret}`).toString('base64')}`,
    'content-type': 'application/x-www-form-urlencoded',
  }, 'grant_type=client_credentials');
  const headers = { authorization: `Bearer ${(JSON.parse(token.text) as { access_token: string }).access_token}`, 'content-type': 'application/json' };
  const post = async (operation: string, body: unknown) => {
    const reply = await client.request('POST', `${new URL(servicing.baseUrl).pathname}/${operation}`, headers, JSON.stringify(body));
    const failed = reply.status === 200 ? Object.entries(JSON.parse(reply.text) as Record<string, { success: boolean; messages: string[] }>).find(([, item]) => !item.success) : undefined;
    if (reply.status !== 200 || failed) throw new Error(`${operation} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
  };
  const references = Array.from({ length: count }, (_, n) => `CA-${n}`);
  const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const now = Date.now();
  for (let from = 0; from < count; from += 50) {
    const batch = references.slice(from, from + 50);
    await post('create_accounts', Object.fromEntries(batch.map((reference, i) => [reference, {
      currency: 'EUR', paymentReference: `RF${from + i}`, meta: { sourceSystem: 'bench' },
      debtors: [{ debtorReference: `CD-${from + i}`, firstName: 'Erika', lastName: `Mustermann ${from + i}`, contactInformation: { country: 'DE', email: `erika${from + i}@bench.example`, mobileNumber: '+4915550123456' } }],
      products: [{ productReference: 'P1' }],
      ledgerEntries: Array.from({ length: INVOICES }, (_unused, k) => ({
        ledgerEntryReference: `${reference}-INV-${k}`, context: { productReference: 'P1' },
        invoiceDetails: { amount: 120_000 - k * 20_000, dueDate: isoDate(now - (60 - 15 * k) * DAY), createdAt: now - (90 - 15 * k) * DAY },
      })),
    }])));
    await post('add_account_ledger_entries', batch.flatMap((reference) => [
      { accountReference: reference, ledgerEntryReference: `${reference}-FEE-0`, feeDetails: { type: 'COLLECTION_FEE', amount: 4_000 }, context: { ledgerEntryReference: `${reference}-INV-0` } },
      { accountReference: reference, ledgerEntryReference: `${reference}-PAY-0`, paymentDetails: { amount: 50_000 }, context: { ledgerEntryReference: `${reference}-INV-0` } },
      { accountReference: reference, ledgerEntryReference: `${reference}-PAY-1`, paymentDetails: { amount: 100_000 }, context: { ledgerEntryReference: `${reference}-INV-1` } },
    ]));
  }
  await seedCollectionsHistory(db, servicing.tenantId);
  return references;
}

/** Runs, run log, messages, visits and promises on every claim of the `CA-` accounts. */
async function seedCollectionsHistory(db: Database, tenantId: string): Promise<void> {
  const claims = sql`SELECT claim_reference, account_reference, created_at, right(claim_reference, 1)::int AS k FROM servicing_claims
    WHERE tenant_id = ${tenantId} AND account_reference LIKE 'CA-%'`;
  await db.execute(sql`INSERT INTO collections_runs (tenant_id, claim_reference, run_no, debtor_key, strategy_key, strategy_version, position, state, due_at, created_at, updated_at)
    SELECT ${tenantId}, c.claim_reference, 1, c.account_reference || '/CD', 'default', 1, '{}'::jsonb, 'RUNNING', now() + interval '2 days', c.created_at, now()
    FROM (${claims}) c`);
  await db.execute(sql`INSERT INTO collections_run_events (tenant_id, claim_reference, run_no, at, kind, step_id, reason, action, debtor_key, recorded_at)
    SELECT ${tenantId}, c.claim_reference, 1, c.created_at + make_interval(days => 3 * s), (ARRAY['step', 'send', 'waiting'])[1 + s % 3], 'step-' || s,
      'bench decision ' || s, CASE WHEN s % 3 = 1 THEN jsonb_build_object('type', 'send', 'channel', 'email', 'template', 'reminder-friendly') END,
      CASE WHEN s % 3 = 1 THEN c.account_reference || '/CD' END, c.created_at + make_interval(days => 3 * s)
    FROM (${claims}) c, generate_series(0, 11) s`);
  await db.execute(sql`INSERT INTO collections_messages (tenant_id, id, claim_reference, account_reference, run_id, step_id, channel, template_id, template_version,
      language, status, recipient, fallbacks, skipped, data, created_at)
    SELECT ${tenantId}, gen_random_uuid(), c.claim_reference, c.account_reference, c.claim_reference || '#1', 'step-' || (3 * m + 1),
      (ARRAY['email', 'sms'])[1 + m % 2], 'reminder-friendly', 1, 'en', 'stored', CASE WHEN m % 2 = 0 THEN 'erika@bench.example' ELSE '+4915550123456' END,
      '[]'::jsonb, '[]'::jsonb, '{}'::jsonb, c.created_at + make_interval(days => 9 * m + 3)
    FROM (${claims}) c, generate_series(0, 3) m`);
  await db.execute(sql`INSERT INTO collections_landing_visits (tenant_id, id, link_id, claim_reference, visited_at, verified)
    SELECT ${tenantId}, gen_random_uuid(), gen_random_uuid(), c.claim_reference, c.created_at + make_interval(days => 10 + v), v = 1
    FROM (${claims}) c, generate_series(0, 1) v`);
  await db.execute(sql`INSERT INTO collections_promises (tenant_id, id, claim_reference, account_reference, amount, currency, due_date, status, baseline_outstanding,
      deadline_at, created_at, resolved_at)
    SELECT ${tenantId}, gen_random_uuid(), c.claim_reference, c.account_reference, 20000, 'EUR',
      to_char(CASE WHEN c.k = 0 THEN now() + interval '10 days' ELSE c.created_at + interval '40 days' END, 'YYYY-MM-DD'),
      CASE WHEN c.k = 0 THEN 'open' ELSE 'kept' END, 100000, CASE WHEN c.k = 0 THEN now() + interval '11 days' END,
      c.created_at + interval '11 days', CASE WHEN c.k <> 0 THEN c.created_at + interval '30 days' END
    FROM (${claims}) c`);
}
