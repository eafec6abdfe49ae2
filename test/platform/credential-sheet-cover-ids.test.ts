// The credential sheet names the customerId and policyIds the Cover and Non-Payments clients send: in the demo
// banner of a first start, in `tenant create --json` (a sandbox tenant gets its demo customer and policy at once,
// a live one none), and the ids are the ones the Policy details API then answers with. Real processes, one
// embedded data directory. The operator's customer and policy commands run as processes too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDataDirectory } from '../support/database-templates.js';
import { call } from '../support/http.js';
import { demoSheet, runCli, startServerProcess, type ServerProcess } from '../support/processes.js';

const POLICIES = '/credit-insurance/policy-management/v1/policies';

async function policiesSeenBy(url: string, cover: { clientId: string; clientSecret: string; appKey: string }) {
  const basic = `Basic ${Buffer.from(`${cover.clientId}:${cover.clientSecret}`).toString('base64')}`;
  const token = await call(url, 'POST', '/authenticate/v2/tokens', { headers: { authorization: basic, 'atradius-app-key': cover.appKey }, json: {} });
  expect(token.status).toBe(200);
  const listed = await call(url, 'GET', POLICIES, { headers: { authorization: `Bearer ${token.body.data.access_token}`, 'atradius-app-key': cover.appKey } });
  expect(listed.status).toBe(200);
  return (listed.body.data as { customerId: number; policies: { policyId: string; policyStatus: string }[] }[])
    .map((customer) => ({ customerId: customer.customerId, policyIds: customer.policies.map((policy) => policy.policyId), statuses: customer.policies.map((policy) => policy.policyStatus) }));
}

describe('credential sheet: Cover and Non-Payments ids', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tradecredit-sheet-'));
  const env = { DATA_DIR: dataDir, DATABASE_URL: '' };
  let server: ServerProcess | undefined;

  // Migrated already (the run's template): the first start still finds no tenant and makes the demo one.
  beforeAll(() => seedDataDirectory(dataDir));
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo banner names the demo customer and its live policy, the ones the Policy details API lists', async () => {
    server = await startServerProcess(env);
    const sheet = demoSheet(server.output());
    const [customer] = sheet.creditInsurance.customers;
    expect(sheet.creditInsurance.customers).toHaveLength(1);
    expect(customer).toEqual({ customerId: expect.any(Number), name: 'Demo Exporter AB', policyIds: [expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)] });
    expect(server.output()).toContain(`Cover + Non-Payments ids: customerId ${customer.customerId} (Demo Exporter AB), policyId ${customer.policyIds.join(', ')}`);
    expect(await policiesSeenBy(server.url, sheet.credentials.cover)).toEqual([{ customerId: customer.customerId, policyIds: customer.policyIds, statuses: ['live', 'live'] }]);
  }, 180_000);

  it('tenant create --json: a sandbox tenant\'s sheet has its own demo ids, a live tenant\'s none and says how staff add them', async () => {
    const sandbox = await runCli(['tenant', 'create', '--name', 'Sandbox Co', '--sandbox', '--json'], env);
    expect(sandbox.code, sandbox.stderr).toBe(0);
    const sandboxSheet = JSON.parse(sandbox.stdout);
    const demo = demoSheet(server!.output()).creditInsurance.customers[0];
    const [own] = sandboxSheet.creditInsurance.customers;
    expect(own).toEqual({ customerId: expect.any(Number), name: 'Demo Exporter AB', policyIds: [expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)] });
    expect(own.customerId).not.toBe(demo.customerId);
    expect(own.policyIds).not.toEqual(demo.policyIds);
    expect(await policiesSeenBy(server!.url, sandboxSheet.credentials.cover)).toEqual([{ customerId: own.customerId, policyIds: own.policyIds, statuses: ['live', 'live'] }]);

    const live = await runCli(['tenant', 'create', '--name', 'Live Co', '--json'], env);
    expect(live.code, live.stderr).toBe(0);
    const liveSheet = JSON.parse(live.stdout);
    expect(liveSheet.creditInsurance).toEqual({ customers: [], setUp: expect.stringContaining('tradecredit policy create') });
    expect(await policiesSeenBy(server!.url, liveSheet.credentials.cover)).toEqual([]);
  }, 180_000);

  it('customer create and policy create|update|list|cancel as processes: options reach the policy, bad ones exit 2 naming the option', async () => {
    const tenant = JSON.parse((await runCli(['tenant', 'list', '--json'], env)).stdout).find((row: any) => row.name === 'Live Co');
    const other = demoSheet(server!.output()).creditInsurance.customers[0];
    const run = async (...args: string[]) => runCli([...args, '--json'], env);
    const customer = await run('customer', 'create', '--tenant', tenant.id, '--name', 'Nordic Export AB');
    expect(customer.code, customer.stderr).toBe(0);
    const { customerId } = JSON.parse(customer.stdout);
    const created = await run('policy', 'create', '--tenant', tenant.clientId, '--customer', String(customerId), '--currency', 'SEK',
      '--start-date', '2026-01-01', '--expiry-date', '2030-12-31', '--auto-decision-max', '250000', '--countries', 'SE, NO');
    expect(created.code, created.stderr).toBe(0);
    const policy = JSON.parse(created.stdout);
    expect(policy).toMatchObject({ customerId, policyCurrency: 'SEK', policyStartDate: '2026-01-01', policyExpiryDate: '2030-12-31', automaticDecisionMaximumAmount: '250000', insuredPercentage: 90 });
    const updated = await run('policy', 'update', '--tenant', tenant.id, '--policy', policy.policyId, '--insured-percentage', '80', '--expiry-date', '2029-06-30');
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ insuredPercentage: 80, policyExpiryDate: '2029-06-30' });
    const listed = await run('policy', 'list', '--tenant', tenant.id);
    expect(JSON.parse(listed.stdout)).toEqual([{ customerId, name: 'Nordic Export AB', policies: [expect.objectContaining({ policyId: policy.policyId, insuredPercentage: 80 })] }]);

    const badDate = await run('policy', 'update', '--tenant', tenant.id, '--policy', policy.policyId, '--expiry-date', '30/06/2029');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--expiry-date: must be a date YYYY-MM-DD');
    const foreign = await run('policy', 'cancel', '--tenant', tenant.id, '--policy', other.policyIds[0]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('The tenant has no such policy');
    const cancelled = await run('policy', 'cancel', '--tenant', tenant.id, '--policy', policy.policyId);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ policyStatus: 'cancelled', endedCovers: 0 });
  }, 180_000);
});
