import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../src/platform/db/database.js';

async function timed(step: string, work: () => Promise<unknown>): Promise<void> {
  const began = performance.now();
  await work();
  console.log(`  seeded ${step} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
}

/**
 * A servicing book in set-based SQL (generate_series) for tenant `t`: `claims` claims `C<n>`, the first `managed`
 * (even) of them ledger-managed as the ledger writes them (accounts `A<k>` of two invoices each: the Invoice entries,
 * principal items, debtor and claim documents), the rest unmanaged (set through the claim endpoints). Of the managed
 * claims, 60 % have a first Payment entry (a fifth of the claims paid in full, the rest 40 %) and 20 % a second one
 * (30 %), each with its settlement on the invoice principal, booked at 30 % and 70 % of the claim's age (placements
 * spread over a year). Claims paid in full are RESOLVED (CLAIM_PAID); a quarter of the unmanaged claims are RESOLVED.
 */
export async function seedServicingBook(db: Database, t: SQL, book: { claims: number; managed: number }): Promise<void> {
  const { claims, managed } = book;
  // One instant for the whole seed, so that what separate statements write of one claim (entry, settlement, claim) agrees.
  const now = `'${new Date().toISOString()}'::timestamptz`;
  const currencyOfClaim = "CASE WHEN ((i + 1) / 2) % 10 = 0 THEN 'SEK' ELSE 'EUR' END"; // its account's (k = (i + 1) / 2)
  // Per managed claim i: principal, when it was placed, what each payment paid, what stays open.
  const principal = '(1000 + i % 50000)';
  const placed = `${now} - make_interval(days => i % 365, secs => i % 86400)`;
  const placedAt = sql.raw(placed);
  const payments = [
    { n: 1, where: 'i % 10 < 6', amount: `CASE WHEN i % 10 < 2 THEN ${principal} ELSE floor(${principal} * 0.4)::bigint END`, ofAge: 0.3 },
    { n: 2, where: 'i % 10 IN (2, 3)', amount: `floor(${principal} * 0.3)::bigint`, ofAge: 0.7 },
  ];
  const open = sql.raw(`${principal} - ${payments.map((p) => `CASE WHEN ${p.where} THEN ${p.amount} ELSE 0 END`).join(' - ')}`);
  const dueDate = sql.raw("to_char(current_date - (i % 200) + 30, 'YYYY-MM-DD')");
  const bookedAt = (ofAge: number) => `${now} - make_interval(days => i % 365, secs => i % 86400) * ${(1 - ofAge).toFixed(1)}`; // ofAge of the way from placement to now
  // The claim's last write: its last payment, else its placement.
  const lastWrite = sql.raw(`CASE ${[...payments].reverse().map((p) => `WHEN ${p.where} THEN ${bookedAt(p.ofAge)}`).join(' ')} ELSE ${placed} END`);
  await timed(`${managed / 2} servicing accounts with ${managed} invoices`, async () => {
    await db.execute(sql`INSERT INTO servicing_accounts (tenant_id, account_reference, currency, payment_reference, meta, scores, debtors, products,
        ledger_count, ledger_state_built, created_at, updated_at)
      SELECT ${t}, 'A' || k, CASE WHEN k % 10 = 0 THEN 'SEK' ELSE 'EUR' END, 'PR' || k, '{"sourceSystem":"bench"}', '[]',
        jsonb_build_array(jsonb_build_object('debtorReference', 'D' || k, 'firstName', 'Debtor', 'lastName', 'No ' || k,
          'contactInformation', jsonb_build_object('country', 'DE', 'email', 'd' || k || '@bench.example'))),
        '[{"productReference":"P1"}]', 6, true, ${sql.raw(now)} - make_interval(days => (2 * k) % 365), ${sql.raw(now)}
      FROM generate_series(1, ${managed / 2}) k`);
    await db.execute(sql`INSERT INTO servicing_account_debtors (tenant_id, debtor_reference, account_reference)
      SELECT ${t}, 'D' || k, 'A' || k FROM generate_series(1, ${managed / 2}) k`);
    await db.execute(sql`INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
      SELECT ${t}, 'A' || (i + 1) / 2, (i + 1) % 2, 'C' || i,
        jsonb_build_object('context', '{}'::jsonb, 'ledgerEntryReference', 'C' || i,
          'invoiceDetails', jsonb_build_object('amount', ${sql.raw(principal)}, 'dueDate', ${dueDate})),
        (extract(epoch FROM ${placedAt}) * 1000)::bigint, ${placedAt}
      FROM generate_series(1, ${managed}) i`);
  });
  await timed('their payments and settlements', async () => {
    for (const payment of payments) {
      const reference = sql.raw(`'P${payment.n}-' || i`);
      const amount = sql.raw(payment.amount);
      const booked = sql.raw(bookedAt(payment.ofAge));
      await db.execute(sql`INSERT INTO servicing_ledger_entries (tenant_id, account_reference, seq, ledger_entry_reference, entry, created_at_ms, created_at)
        SELECT ${t}, 'A' || (i + 1) / 2, ${2 * payment.n} + (i + 1) % 2, ${reference},
          jsonb_build_object('context', jsonb_build_object('ledgerEntryReference', 'C' || i), 'ledgerEntryReference', ${reference},
            'paymentDetails', jsonb_build_object('amount', ${amount})),
          (extract(epoch FROM ${booked}) * 1000)::bigint, ${booked}
        FROM generate_series(1, ${managed}) i WHERE ${sql.raw(payment.where)}`);
      // Each part dated by its payment's entry and its invoice's placement, with the account's currency, as the ledger writes it.
      await db.execute(sql`INSERT INTO servicing_ledger_settlements (tenant_id, account_reference, payment_reference, position, item_reference, amount, paid_at,
          placed_at, currency)
        SELECT ${t}, 'A' || (i + 1) / 2, ${reference}, 0, 'C' || i, ${amount}, p.created_at, ${placedAt}, ${sql.raw(currencyOfClaim)}
        FROM generate_series(1, ${managed}) i
        JOIN servicing_ledger_entries p ON p.tenant_id = ${t} AND p.account_reference = 'A' || (i + 1) / 2 AND p.ledger_entry_reference = ${reference}
        WHERE ${sql.raw(payment.where)}`);
    }
  });
  await timed(`${managed} principal items, ${claims} servicing claims`, async () => {
    await db.execute(sql`INSERT INTO servicing_ledger_items (tenant_id, account_reference, ledger_entry_reference, kind, source_type, invoice_reference,
        created_at_ms, sequence, open_amount)
      SELECT ${t}, 'A' || (i + 1) / 2, 'C' || i, 'INVOICE_PRINCIPAL', 'INVOICE', 'C' || i,
        (extract(epoch FROM ${placedAt}) * 1000)::bigint, (i + 1) % 2, ${open}
      FROM generate_series(1, ${managed}) i`);
    await db.execute(sql`INSERT INTO servicing_claims (tenant_id, claim_reference, account_reference, managed, status, resolution_reason, debtor_reference,
        receeve_claim_ref, data, created_at, updated_at, resolved_at, placed_principal, placed_currency)
      SELECT ${t}, 'C' || i, 'A' || (i + 1) / 2, true, CASE WHEN ${open} = 0 THEN 'RESOLVED' ELSE 'ACTIVE' END,
        CASE WHEN ${open} = 0 THEN 'CLAIM_PAID' END, 'D' || (i + 1) / 2, 'C' || i || '-' || ${dueDate},
        jsonb_build_object('fees', '[]'::jsonb, 'meta', '{}'::jsonb, 'amount', ${open}, 'totalFees', 0, 'currentDueDate', ${dueDate}, 'originalDueDate', ${dueDate}),
        ${placedAt}, ${lastWrite}, CASE WHEN ${open} = 0 THEN ${lastWrite} END, ${sql.raw(principal)}, ${sql.raw(currencyOfClaim)}
      FROM generate_series(1, ${managed}) i`);
    await db.execute(sql`INSERT INTO servicing_claims (tenant_id, claim_reference, managed, status, receeve_claim_ref, data, created_at, updated_at, resolved_at)
      SELECT ${t}, 'C' || i, false, CASE WHEN i % 4 = 0 THEN 'RESOLVED' ELSE 'ACTIVE' END, 'C' || i,
        jsonb_build_object('amount', 1000 + i % 50000, 'currency', CASE WHEN i % 10 = 0 THEN 'SEK' ELSE 'EUR' END, 'totalFees', i % 500,
          'currentDueDate', to_char(current_date - (i % 200) + 30, 'YYYY-MM-DD'), 'originalDueDate', to_char(current_date - (i % 200) + 30, 'YYYY-MM-DD')),
        ${sql.raw(now)} - make_interval(days => i % 365), ${sql.raw(now)} - make_interval(days => i % 30),
        CASE WHEN i % 4 = 0 THEN ${sql.raw(now)} - make_interval(days => i % 30) END
      FROM generate_series(${managed + 1}::int, ${claims}::int) i`);
  });
}
