// Policies created and changed by staff: the back office's PATCH /cover/policies/{id}, the operator's
// `customer create` / `policy create|list|update|cancel` (run in-process here; test/platform/credential-sheet-cover-ids
// runs the CLI as a process), bad input and another tenant's ids; and the paged listings' totalItems, taken from
// cover_live_counts, staying exact through applications, cancellations and folds.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { CliError, parseCliCommand, runCliCommand, type CliContext } from '../../src/cli/commands.js';
import { executeRaw } from '../../src/platform/db/database.js';
import { countLive } from '../../src/cover/store.js';
import { businessDateAt } from '../../src/platform/dates.js';
import { upsertBuyers, withLuhnCheckDigit } from '../../src/risk/api.js';
import { BUYERS, COVER, type CoverClient, coverClient, modifyBody, newPolicy, POLICY } from './support.js';

describeEachEngine('Cover: staff policies and listing totals', (engine) => {
  let service: TestService;
  let client: CoverClient;
  let other: CoverClient;
  let today: string;
  let cli: CliContext;

  beforeAll(async () => {
    service = await startTestService({ engine });
    client = await coverClient(service, await service.createTenant());
    other = await coverClient(service, await service.createTenant());
    today = businessDateAt(service.clock.now(), service.platform.config.BUSINESS_TIME_ZONE);
    cli = { db: service.platform.db, clock: service.clock, publicBaseUrl: 'http://localhost', businessTimeZone: service.platform.config.BUSINESS_TIME_ZONE };
  });
  afterAll(async () => service?.stop());

  const nextYear = () => `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const tenantIdOf = async (c: CoverClient) => {
    const [row] = await executeRaw(service.platform.db, 'SELECT tenant_id FROM cover_customers WHERE customer_id = $1', [c.customerId]) as { tenant_id: string }[];
    return row!.tenant_id;
  };

  it('PATCH changes a live policy\'s terms; the next application is underwritten on them, the change is audited', async () => {
    const policyId = await newPolicy(client, today);
    const changed = await client.staff('PATCH', `/cover/policies/${policyId}`, { expiryDate: nextYear().replace(/-\d\d$/, '-01'), discretionaryLimit: '8000', autoDecisionMax: '10000' });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ policyId, policyStatus: 'live', discretionaryLimitAmount: '8000', automaticDecisionMaximumAmount: '10000', policyExpiryDate: nextYear().replace(/-\d\d$/, '-01') });
    expect((await client.get(`${POLICY}/policies/details?policyId=${policyId}`)).body.data).toMatchObject({ discretionaryLimitAmount: '8000', automaticDecisionMaximumAmount: '10000' });
    // 20 000 is above the new automatic limit of 10 000: referred (202), not decided.
    const applied = await client.apply(await client.buyerId(BUYERS.rating1), { policyId, creditLimitAmount: '20000' });
    expect(applied.status).toBe(202);
    const [audit] = await executeRaw(service.platform.db, `SELECT details FROM audit_log WHERE action = 'cover.policy_changed' AND entity_id = $1`, [policyId]) as { details: any }[];
    expect(audit!.details).toMatchObject({ before: { discretionaryLimit: 500_000, autoDecisionMax: 5_000_000 }, after: { discretionaryLimit: 800_000, autoDecisionMax: 1_000_000 } });
  });

  it('PATCH refuses bad input in the back office\'s error shape, another tenant\'s policy as forbidden, a cancelled one as a state error', async () => {
    const policyId = await newPolicy(client, today);
    const refusals: [unknown, number, string | undefined][] = [
      [{}, 400, undefined],
      [{ colour: 'red' }, 400, undefined],
      [{ expiryDate: '2027-02-30' }, 400, undefined],
      [{ insuredPercentage: 0 }, 400, undefined],
      [{ discretionaryLimit: '12.345' }, 400, undefined],
      [{ discretionaryLimit: 'lots' }, 400, undefined],
      [{ expiryDate: '2000-01-01' }, 400, 'invalid_date'],
    ];
    for (const [body, status, code] of refusals) {
      const refused = await client.staff('PATCH', `/cover/policies/${policyId}`, body);
      expect(refused.status, JSON.stringify(body)).toBe(status);
      expect(refused.body.error).toBeDefined();
      if (code) expect(refused.body.error.code).toBe(code);
    }
    expect((await client.staff('PATCH', '/cover/policies/abc', { discretionaryLimit: '1000' })).status).toBe(400);
    const foreign = await client.staff('PATCH', `/cover/policies/${other.policyId}`, { discretionaryLimit: '1000' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('policy_forbidden');
    expect((await other.get(`${POLICY}/policies/details?policyId=${other.policyId}`)).body.data.discretionaryLimitAmount).toBe('5000');
    expect((await client.staff('POST', `/cover/policies/${policyId}/cancel`)).status).toBe(200);
    const cancelled = await client.staff('PATCH', `/cover/policies/${policyId}`, { discretionaryLimit: '1000' });
    expect(cancelled.status).toBe(409);
  });

  it('the operator creates a customer and a policy, lists, changes and cancels it; another tenant\'s ids are unknown', async () => {
    const tenant = await tenantIdOf(client);
    const customer = await runCliCommand(cli, parseCliCommand({ command: 'customer.create', tenant, name: 'Nordic Export AB' })) as { customerId: number };
    const created = await runCliCommand(cli, parseCliCommand({
      command: 'policy.create', tenant, customerId: String(customer.customerId), currency: 'SEK', expiryDate: nextYear(), creditCheckAmount: '70000', insuredPercentage: '85',
    })) as any;
    expect(created).toMatchObject({ customerId: customer.customerId, policyCurrency: 'SEK', policyStartDate: today, policyStatus: 'live', creditCheckAmount: '70000', insuredPercentage: 85, discretionaryLimitAmount: '5000' });
    const listed = await runCliCommand(cli, { command: 'policy.list', tenant }) as any[];
    expect(listed.find((row) => row.customerId === customer.customerId).policies.map((p: any) => p.policyId)).toEqual([created.policyId]);
    const updated = await runCliCommand(cli, parseCliCommand({ command: 'policy.update', tenant, policyId: created.policyId, maxExtensionDays: '90', allowedBuyerCountries: ['SE', 'NO'] })) as any;
    expect(updated).toMatchObject({ policyId: created.policyId, maximumExtensionPeriodDays: 90, creditCheckAmount: '70000' });

    // A cover on it, through the Cover API of the same tenant, ends with the policy.
    const buyerId = await client.buyerId(BUYERS.rating3);
    const applied = await client.apply(buyerId, { customerId: customer.customerId, policyId: created.policyId, currencyCode: 'SEK', creditLimitAmount: '50000' });
    expect(applied.status).toBe(201);
    const cancelled = await runCliCommand(cli, parseCliCommand({ command: 'policy.cancel', tenant, policyId: created.policyId })) as any;
    expect(cancelled).toMatchObject({ policyStatus: 'cancelled', endedCovers: 1 });
    expect((await client.get(`${COVER}/covers/${applied.body.data[0].coverId}`)).body.data.historicCode).toBe('PCLD');
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.cancel', tenant, policyId: created.policyId }))).rejects.toThrow('Action not allowed in status cancelled');

    const foreignPolicy = parseCliCommand({ command: 'policy.update', tenant, policyId: other.policyId, discretionaryLimit: '1' });
    await expect(runCliCommand(cli, foreignPolicy)).rejects.toThrow('The tenant has no such policy');
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.cancel', tenant, policyId: other.policyId }))).rejects.toThrow('The tenant has no such policy');
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.create', tenant, customerId: other.customerId, currency: 'EUR', expiryDate: nextYear() })))
      .rejects.toThrow('The tenant has no such customer');
    expect((await other.get(`${POLICY}/policies/details?policyId=${other.policyId}`)).body.data.policyStatus).toBe('live');
  });

  it('tenant create: the sheet names a sandbox tenant\'s demo customer and live policy (created with the tenant, once), a live tenant\'s none', async () => {
    const sheet = await runCliCommand(cli, parseCliCommand({ command: 'tenant.create', name: 'Sheet Sandbox', sandbox: true })) as any;
    const listed = await runCliCommand(cli, { command: 'policy.list', tenant: sheet.tenantId }) as any[];
    expect(sheet.creditInsurance).toEqual({ customers: [{ customerId: listed[0].customerId, name: 'Demo Exporter AB', policyIds: listed[0].policies.map((policy: any) => policy.policyId) }] });
    expect(listed).toHaveLength(1);
    expect(listed[0].policies).toEqual([
      expect.objectContaining({ policyStatus: 'live', policyCurrency: 'EUR', policyStartDate: today }),
      expect.objectContaining({ policyStatus: 'live', policyCurrency: 'SEK', policyStartDate: today, discretionaryLimitAmount: '50000', creditCheckAmount: '70000' }),
    ]);
    const live = await runCliCommand(cli, parseCliCommand({ command: 'tenant.create', name: 'Sheet Live' })) as any;
    expect(live.creditInsurance.customers).toEqual([]);
    expect(await runCliCommand(cli, { command: 'policy.list', tenant: live.tenantId })).toEqual([]);
  });

  it('the operator\'s bad input is refused naming the option, and nothing is written', async () => {
    const tenant = await tenantIdOf(client);
    const refusedParse: [Record<string, unknown>, string][] = [
      [{ command: 'policy.create', tenant, customerId: client.customerId, currency: 'EUR', expiryDate: '31/12/2027' }, '--expiry-date: must be a date YYYY-MM-DD'],
      [{ command: 'policy.create', tenant, customerId: client.customerId, currency: 'euro', expiryDate: nextYear() }, '--currency: must be a currency code'],
      [{ command: 'policy.create', tenant, customerId: 'x', currency: 'EUR', expiryDate: nextYear() }, '--customer-id'],
      [{ command: 'policy.update', tenant, policyId: client.policyId, insuredPercentage: '101' }, '--insured-percentage'],
      [{ command: 'policy.update', tenant, policyId: client.policyId, discretionaryLimit: '-5' }, '--discretionary-limit: must be an amount'],
      [{ command: 'policy.update', tenant, policyId: client.policyId, allowedBuyerCountries: ['Sweden'] }, '--allowed-buyer-countries'],
    ];
    for (const [input, message] of refusedParse) expect(() => parseCliCommand(input), message).toThrow(message);
    expect(() => parseCliCommand({ command: 'policy.update', tenant, policyId: '1' })).not.toThrow();
    const before = await runCliCommand(cli, { command: 'policy.list', tenant });
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.update', tenant, policyId: client.policyId }))).rejects.toThrow('a term to change is required');
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.update', tenant, policyId: client.policyId, expiryDate: '2001-01-01' }))).rejects.toThrow(CliError);
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.create', tenant, customerId: client.customerId, currency: 'XXX', expiryDate: nextYear() }))).rejects.toThrow('currency must be one of');
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.create', tenant, customerId: client.customerId, currency: 'EUR', startDate: nextYear(), expiryDate: today })))
      .rejects.toThrow('expiryDate must be a valid date');
    await expect(runCliCommand(cli, parseCliCommand({ command: 'policy.list', tenant: 'no-such-tenant' }))).rejects.toThrow('No tenant with id or clientId no-such-tenant');
    expect(await runCliCommand(cli, { command: 'policy.list', tenant })).toEqual(before);
  });

  it('paged listings\' totalItems follow applications, cancellations and a cancelled policy', async () => {
    const policyId = await newPolicy(client, today);
    const total = async (path: string) => {
      const page = await client.get(`${COVER}/covers${path}?policyId=${policyId}&page=1&pageSize=2`);
      expect(page.status).toBe(200);
      return page.body.meta;
    };
    expect(await total('')).toEqual({ page: 1, pageSize: 2, totalItems: 0, totalPages: 0 });
    const buyers = [BUYERS.rating1, BUYERS.rating3, BUYERS.rating4];
    const ids = await Promise.all(buyers.map((buyer) => client.buyerId(buyer)));
    for (const buyerId of ids) expect((await client.apply(buyerId, { policyId, creditLimitAmount: '5000' })).status).toBe(201);
    expect(await total('')).toMatchObject({ totalItems: 3, totalPages: 2 });
    expect(await total('/bulk')).toMatchObject({ totalItems: 3, totalPages: 2 });
    // Pages in the second half are read from the far end of the index: every page holds what the full list holds there.
    for (const path of ['', '/bulk']) {
      const full = (await client.get(`${COVER}/covers${path}?policyId=${policyId}&page=1&pageSize=1000`)).body.data.map((cover: any) => cover.coverId);
      expect(full).toHaveLength(3);
      for (const pageSize of [1, 2]) {
        const pages = [];
        for (let page = 1; page <= 4; page += 1) pages.push((await client.get(`${COVER}/covers${path}?policyId=${policyId}&page=${page}&pageSize=${pageSize}`)).body.data.map((cover: any) => cover.coverId));
        expect(pages, `${path} pageSize ${pageSize}`).toEqual(pageSize === 1 ? [[full[0]], [full[1]], [full[2]], []] : [[full[0], full[1]], [full[2]], [], []]);
      }
    }
    // A customer's portfolio counts every policy of it.
    const all = await client.get(`${COVER}/covers?customerId=${client.customerId}`);
    expect((await client.get(`${COVER}/covers?customerId=${client.customerId}&page=1&pageSize=1000`)).body.meta.totalItems).toBe(all.body.data.length);
    // A supersede ends one version and makes another: still 3.
    expect((await client.put(`${COVER}/covers`, { ...modifyBody(client, ids[0]!, 'supersede', { creditLimitAmount: '6000', currencyCode: 'EUR' }), policyId })).status).toBe(201);
    expect(await total('')).toMatchObject({ totalItems: 3 });
    expect((await client.staff('POST', `/cover/policies/${policyId}/cancel`)).status).toBe(200);
    expect(await total('')).toMatchObject({ totalItems: 0 });
    expect(await total('/bulk')).toMatchObject({ totalItems: 0 });
  });

  it('totalItems stays exact while applications and paged reads (which fold the counts) run at the same time', async () => {
    const policyId = await newPolicy(client, today);
    const numbers = Array.from({ length: 40 }, (_, i) => seOrgNumber(700 + i));
    await upsertBuyers(service.platform.db, numbers.map((registryId, i) => ({ country: 'SE', registryId, name: `Parallel buyer ${i}`, rating: 1 })), service.clock.now());
    const buyerIds = await Promise.all(numbers.map((uid) => client.buyerId({ country: 'SWE', uid })));
    const page = () => client.get(`${COVER}/covers?policyId=${policyId}&page=1&pageSize=5`);
    const [applied, read] = await Promise.all([
      Promise.all(buyerIds.map((buyerId) => client.apply(buyerId, { policyId, creditLimitAmount: '1000' }))),
      Promise.all(Array.from({ length: 40 }, page)),
    ]);
    expect(applied.map((reply) => reply.status)).toEqual(Array(40).fill(201));
    expect(read.every((reply) => reply.status === 200 && reply.body.meta.totalItems >= 0 && reply.body.meta.totalItems <= 40)).toBe(true);
    const after = await page();
    expect(after.body.meta.totalItems).toBe(40);
    // 40 +1 rows were appended; the reads folded them.
    const rows = await executeRaw(service.platform.db, 'SELECT count(*)::int AS n FROM cover_live_counts WHERE policy_id = $1', [Number(policyId)]) as { n: number }[];
    expect(rows[0]!.n).toBeLessThan(40);
    expect((await client.get(`${COVER}/covers?policyId=${policyId}`)).body.data).toHaveLength(40);
  });

  it('folds a key\'s +1/-1 rows into one, exactly, also when many counts fold at once', async () => {
    const tenant = await tenantIdOf(client);
    const key = { tenantId: tenant, policyId: 99_000_001, customerId: 99_000_002 };
    const values = Array.from({ length: 120 }, (_, i) => `('${tenant}', ${key.policyId}, ${key.customerId}, 7, ${i % 4 === 3 ? -1 : 1})`).join(',');
    await executeRaw(service.platform.db, `INSERT INTO cover_live_counts (tenant_id, policy_id, customer_id, bucket, live) VALUES ${values}`);
    const counted = await Promise.all(Array.from({ length: 6 }, () => countLive(service.platform.db, key)));
    expect(counted).toEqual(Array(6).fill(60));
    const rows = await executeRaw(service.platform.db, 'SELECT live FROM cover_live_counts WHERE tenant_id = $1 AND policy_id = $2', [tenant, key.policyId]) as { live: string | number }[];
    expect(rows.length).toBeLessThanOrEqual(6);
    expect(rows.reduce((sum, row) => sum + Number(row.live), 0)).toBe(60);
    expect(await countLive(service.platform.db, { tenantId: tenant, customerId: key.customerId })).toBe(60);
    await executeRaw(service.platform.db, 'DELETE FROM cover_live_counts WHERE policy_id = $1', [key.policyId]);
  });
});

/** A valid Swedish organisation number 559xxxxxxC for buyer number `n`. */
function seOrgNumber(n: number): string {
  return withLuhnCheckDigit(`559${String(n).padStart(6, '0')}`);
}
