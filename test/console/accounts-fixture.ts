// One sandbox tenant's servicing account for the account screen's tests: an invoice whose run under the shipped
// default strategy has sent its first e-mail, a visit to its landing page, a promise to pay and a payment on it; and
// another tenant's account.
import { expect } from 'vitest';
import { shippedDefaultStrategy } from '../../src/collections/use-cases/runs/strategy-source.js';
import { startRunsClient, type RunsClient } from '../collections/runs-engine-support.js';
import { startServicing } from '../servicing/support.js';
import type { Engine } from '../../src/platform/db/database.js';
import type { TestService } from '../support/service.js';
import { until } from '../support/wait.js';

export const ACCOUNT = 'ACC-CONSOLE-1';
export const CLAIM = 'INV-CONSOLE-1';
export const PAYMENT = 'PAY-CONSOLE-1';
export const OTHER_ACCOUNT = 'ACC-OTHER-TENANT';

export async function seedServicingAccount(service: TestService, engine: Engine): Promise<RunsClient> {
  const runs = await startRunsClient(engine, shippedDefaultStrategy(), await startServicing(engine, service));
  await runs.createAccount(ACCOUNT, [{ ref: CLAIM, amount: 150_000, dueDate: '2026-11-23' }]);
  await runs.runStarted(CLAIM);
  await runs.advanceTo('2026-11-26T10:00:00.000Z');
  await until(async () => {
    await runs.sweep();
    return (await runs.sends(CLAIM)).length > 0 ? true : undefined;
  });
  const link = await runs.get('get_landing_page_url', { claimReference: CLAIM });
  expect(link.status, link.text).toBe(200);
  const visit = await fetch(`${service.url}${new URL(link.body.URL as string).pathname}`);
  expect(visit.status).toBe(200);
  const promise = await runs.post('create_promises_to_pay', { [CLAIM]: { amount: 50_000, currency: 'EUR', dueDate: '2026-12-10' } });
  expect(promise.body[CLAIM]?.success, promise.text).toBe(true);
  const payment = await runs.post('add_account_ledger_entries', [
    { accountReference: ACCOUNT, ledgerEntryReference: PAYMENT, paymentDetails: { amount: 20_000 }, context: { ledgerEntryReference: CLAIM } },
  ]);
  expect(payment.status, payment.text).toBe(200);
  const other = await startServicing(engine, service);
  const created = await other.post('create_accounts', { [OTHER_ACCOUNT]: { currency: 'EUR', debtors: [], products: [], ledgerEntries: [] } });
  expect(created.body[OTHER_ACCOUNT]?.success, created.text).toBe(true);
  return runs;
}
