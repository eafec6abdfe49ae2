// The credential sheet names the customerId and policyIds the Cover and Non-Payments clients send: in the demo
// banner of a first start, in `tenant create --json` (a sandbox tenant gets its demo customer and policy at once,
// a live one none), and the ids are the ones the Policy details API then answers with. Real processes, one
// embedded data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the demo banner names the demo customer and its live policy, the ones the Policy details API lists', async () => {
    server = await startServerProcess(env);
    const sheet = demoSheet(server.output());
    const [customer] = sheet.creditInsurance.customers;
    expect(sheet.creditInsurance.customers).toHaveLength(1);
    expect(customer).toEqual({ customerId: expect.any(Number), name: 'Demo Exporter AB', policyIds: [expect.stringMatching(/^\d+$/)] });
    expect(server.output()).toContain(`Cover + Non-Payments ids: customerId ${customer.customerId} (Demo Exporter AB), policyId ${customer.policyIds[0]}`);
    expect(await policiesSeenBy(server.url, sheet.credentials.cover)).toEqual([{ customerId: customer.customerId, policyIds: customer.policyIds, statuses: ['live'] }]);
  }, 180_000);

  it('tenant create --json: a sandbox tenant\'s sheet has its own demo ids, a live tenant\'s none and says how staff add them', async () => {
    const sandbox = await runCli(['tenant', 'create', '--name', 'Sandbox Co', '--sandbox', '--json'], env);
    expect(sandbox.code, sandbox.stderr).toBe(0);
    const sandboxSheet = JSON.parse(sandbox.stdout);
    const demo = demoSheet(server!.output()).creditInsurance.customers[0];
    const [own] = sandboxSheet.creditInsurance.customers;
    expect(own).toEqual({ customerId: expect.any(Number), name: 'Demo Exporter AB', policyIds: [expect.stringMatching(/^\d+$/)] });
    expect(own.customerId).not.toBe(demo.customerId);
    expect(own.policyIds).not.toEqual(demo.policyIds);
    expect(await policiesSeenBy(server!.url, sandboxSheet.credentials.cover)).toEqual([{ customerId: own.customerId, policyIds: own.policyIds, statuses: ['live'] }]);

    const live = await runCli(['tenant', 'create', '--name', 'Live Co', '--json'], env);
    expect(live.code, live.stderr).toBe(0);
    const liveSheet = JSON.parse(live.stdout);
    expect(liveSheet.creditInsurance).toEqual({ customers: [], setUp: expect.stringContaining('tradecredit policy create') });
    expect(await policiesSeenBy(server!.url, liveSheet.credentials.cover)).toEqual([]);
  }, 180_000);
});
