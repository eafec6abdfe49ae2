import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachEngine } from '../../support/engines.js';
import { accountBody, DEBTOR, fee, invoice, startServicing, type ServicingClient } from '../support.js';
import { OPERATIONS } from '../../../src/servicing/http/receeve-operations.js';

/** A valid example body per endpoint; the fuzzer mutates them so that requests reach past schema validation. */
const claim = { amount: 1000, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: 'FUZZ_ACC', primaryDebtor: DEBTOR, fees: [{ name: 'F', amount: 5 }] };
const EXAMPLES: Record<string, unknown> = {
  create_accounts: accountBody('FUZZ_NEW', [invoice('FUZZ_NEW_INV', 100), fee('FUZZ_NEW_FEE', 5, 'FUZZ_NEW_INV')]),
  update_account_meta: { FUZZ_ACC: { a: 1 } },
  add_account_ledger_entries: [{ accountReference: 'FUZZ_ACC', ledgerEntryReference: 'P1', paymentDetails: { amount: 10 }, context: { ledgerEntryReference: 'FUZZ_INV' } }],
  add_account_products: [{ accountReference: 'FUZZ_ACC', productReference: 'P9', name: 'x' }],
  update_account_products: [{ accountReference: 'FUZZ_ACC', productReference: 'PRODUCT_REFERENCE_1', name: 'y' }],
  add_account_debtors: [{ accountReference: 'FUZZ_ACC', ...DEBTOR, debtorReference: 'D9' }],
  update_account_debtors: [{ accountReference: 'FUZZ_ACC', debtorReference: DEBTOR.debtorReference, firstName: 'Z' }],
  set_account_scores: [{ accountReference: 'FUZZ_ACC', type: 'INTERNAL', value: 'v' }],
  match_account_payment: [{ accountReference: 'FUZZ_ACC', currency: 'EUR', totalAmount: 50, matchStrategy: 'CUSTOM_ORDERED_FEES', context: { feeLedgerEntriesOrder: ['FEE'] } }],
  update_account_ledger_entries_amounts: [{ accountReference: 'FUZZ_ACC', ledgerEntries: [{ ledgerEntryReference: 'FUZZ_INV', amount: 10, reason: 'WRITE_OFF', meta: {} }] }],
  create_claims: { FUZZ_C1: claim },
  recreate_claims: { FUZZ_C0: claim },
  update_claims: { FUZZ_C0: { amount: 0, reason: 'CLAIM_PAID', options: { forceAmountCheck: true } } },
  import_claims: { FUZZ_C2: claim },
  resolve_claims: [{ ref: 'FUZZ_C0', reason: 'CLAIM_SOLD' }],
  credit_claims: { FUZZ_C0: { amount: 10, currency: 'EUR', originator: 'DCA', fees: [{ name: 'F', amount: 1 }] } },
  debit_claims: { FUZZ_C0: { amount: 10, currency: 'EUR', originator: 'DCA', date: 1, fees: 3 } },
  set_link_claims: { FUZZ_C0: 'FUZZ_INV', FUZZ_C2: null },
};

type Json = unknown;

/** Replaces one random node of a JSON value with another value. */
function mutate(value: Json, path: number[], replacement: Json): Json {
  if (path.length === 0 || value === null || typeof value !== 'object') return replacement;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, Json>);
  if (entries.length === 0) return replacement;
  const [index, ...rest] = path;
  const [key, child] = entries[(index as number) % entries.length] as readonly [string, Json];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[Array.isArray(value) ? Number(key) : key] = mutate(child, rest, replacement);
  return copy;
}

const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, -1, 0, 1.5, 2 ** 60, '', '2024-02-30', 'EUR', 'eur', [], {}, '\u0000', 'x'.repeat(600)),
);

describeEachEngine('servicing bodies never cause a 5xx', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
    await client.post('create_accounts', accountBody('FUZZ_ACC', [invoice('FUZZ_INV', 5000), fee('FUZZ_FEE', 100, 'FUZZ_INV', 'FEE')]));
    await client.post('create_claims', { FUZZ_C0: claim });
  });
  afterAll(async () => client?.stop());

  it('has an example for every operation', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...OPERATIONS.keys()].sort());
  });

  for (const operation of Object.keys(EXAMPLES)) {
    it(`${operation}: random and mutated bodies answer 200 or a 4xx {error, message}`, async () => {
      await fc.assert(fc.asyncProperty(
        fc.oneof(anyJson, fc.tuple(fc.array(fc.nat(), { maxLength: 6 }), anyJson).map(([path, replacement]) => mutate(EXAMPLES[operation], path, replacement))),
        fc.constantFrom('', 'sequential=true', 'forceAmountCheck=true&triggerName=t', 'async=maybe'),
        async (body, query) => {
          const response = await client.post(operation, body, query);
          expect(response.status).toBeLessThan(500);
          if (response.status === 200) {
            for (const item of Object.values(response.body as Record<string, any>)) {
              expect(typeof item.success).toBe('boolean');
              expect(Array.isArray(item.messages)).toBe(true);
            }
          } else {
            expect(response.body).toEqual({ error: expect.any(String), message: expect.any(String) });
          }
        },
      ), { numRuns: 25 });
    });
  }

  it('malformed JSON, a wrong content type and non-object bodies are 4xx in the face shape', async () => {
    const url = `${client.service.url}/v1/${client.tenant.tenant.clientId}/create_claims`;
    for (const [body, type] of [['{', 'application/json'], ['null', 'application/json'], ['[1,2]', 'application/json'], ['x=1', 'text/plain']] as const) {
      const response = await fetch(url, { method: 'POST', headers: { ...client.headers, 'content-type': type }, body });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(await response.json()).toEqual({ error: expect.any(String), message: expect.any(String) });
    }
  });

  it('GET endpoints with odd query values answer 4xx or 200', async () => {
    await fc.assert(fc.asyncProperty(
      fc.constantFrom('get_account', 'get_account_claims', 'get_debtor_accounts_and_claims', 'get_events'),
      fc.dictionary(fc.constantFrom('accountReference', 'debtorReference', 'eventType', 'date', 'limit', 'page', 'status', 'paginationId'), fc.string({ maxLength: 20 })),
      async (operation, query) => {
        const response = await client.get(operation, query);
        expect(response.status).toBeLessThan(500);
      },
    ), { numRuns: 60 });
  });
});

describeEachEngine('servicing amount limits', (engine) => {
  let client: ServicingClient;
  beforeAll(async () => {
    client = await startServicing(engine);
  });
  afterAll(async () => client?.stop());

  it('refuses amounts above the limit and sums that overflow with a 4xx, never a 5xx', async () => {
    const big = { amount: 10 ** 13, currency: 'EUR', currentDueDate: '2024-01-01', originalDueDate: '2024-01-01', accountReference: 'BIG', primaryDebtor: DEBTOR };
    expect((await client.post('create_claims', { BIG_0: { ...big, amount: 10 ** 13 + 1 } })).status).toBe(400);
    expect((await client.post('create_claims', { BIG_1: big })).body.BIG_1.success).toBe(true);
    await client.post('create_accounts', accountBody('BIG_ACC', [invoice('BIG_INV', 10 ** 13)]));
    const fees = Array.from({ length: 1000 }, (_, i) => ({ accountReference: 'BIG_ACC', ...fee(`BIG_FEE_${i}`, 10 ** 13, 'BIG_INV') }));
    const overflow = await client.post('add_account_ledger_entries', fees);
    expect(overflow.status).toBe(400);
    expect(overflow.body.message).toMatch(/^Amounts out of range/);
    expect((await client.get('get_account', { accountReference: 'BIG_ACC' })).body.ledgerEntries).toHaveLength(1);
  });
});
