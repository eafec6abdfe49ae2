// A new tenant (here the demo tenant, through every module's tenantCreated) starts with the shipped default strategy
// published and assigned, so claims are worked from the first day.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { demoBanner, ensureDemoTenant } from '../../src/platform/tenants/demo.js';
import { MODULES } from '../../src/modules.js';
import { defaultStrategyText, installDefaultStrategy, storedStrategies, strategyForClaim } from '../../src/collections/api.js';
import { systemActor, unitOfWork } from '../../src/platform/unit-of-work.js';
import type { ClaimFacts } from '../../src/collections/api.js';
import { call } from '../support/http.js';
import { managementHeaders } from '../support/faces.js';

const facts: ClaimFacts = {
  claimReference: 'C-1', accountReference: 'A-1', currency: 'EUR', amount: 1000, outstanding: 1000, dueDate: '2026-11-01', daysPastDue: 0,
  debtorCountry: 'SE', debtorLanguage: 'sv', debtorTimeZone: 'Europe/Stockholm', hasEmail: true, hasPhone: true, hasPostalAddress: true, scores: {},
  promise: 'none', instalmentPlan: 'none', disputeOpen: false, lastMessageOpened: false, insured: false,
};

describeEachEngine('the default strategy of a new tenant', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('is published as default@1, assigned to every claim, and named on the sheet and banner', async () => {
    const demo = await ensureDemoTenant(service.platform, MODULES);
    const sheet = demo!.sheet as any;
    expect(sheet.collections.defaultStrategy).toEqual({ key: 'default', version: 1, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(demoBanner(demo!)).toContain('Collections: strategy "default" v1 published and assigned to every claim');
    const chosen = await strategyForClaim(service.platform.db, sheet.tenantId, facts);
    expect(chosen.choice).toEqual({ strategyKey: 'default', version: 'latest-published', matched: 'default' });
    expect(chosen.strategy).toMatchObject({ key: 'default', version: 1, status: 'published' });
    const headers = { authorization: sheet.credentials.management.authorization };
    const rules = await call(service.url, 'GET', '/management/v1/strategy-assignment', { headers });
    expect(rules.body).toMatchObject({ rules: [], defaultStrategyKey: 'default', revision: 1 });
    const retire = await call(service.url, 'POST', '/management/v1/strategies/default/versions/1/retire', { headers });
    expect(retire.status).toBe(409);
    const published = await call(service.url, 'GET', '/management/v1/events?type=strategy.published', { headers });
    expect(published.body.data).toHaveLength(1);
  });

  it('can be installed again on a tenant created before collections: once, rules set once', async () => {
    const { tenant } = await service.createTenant();
    const install = () => service.platform.db.transaction((tx) =>
      installDefaultStrategy(unitOfWork({ tx, tenant, clock: service.clock, actor: systemActor('test') }), defaultStrategyText()));
    const first = await install();
    const second = await install();
    expect(second.id).toBe(first.id);
    expect(await strategyForClaim(service.platform.db, tenant.id, facts)).toMatchObject({ strategy: { id: first.id, status: 'published' } });
    const rules = await service.platform.handle.query<{ revision: number }>(`SELECT revision FROM collections_assignment_rules WHERE tenant_id = '${tenant.id}'`);
    expect(rules).toEqual([{ revision: 1 }]);
  });
});

describeEachEngine('stored strategies as runs read them', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());

  it('choose resolves the rules now, load keeps a retired version, drafts are never run, latest is the newest published', async () => {
    const tenant = await service.createTenant();
    const headers = managementHeaders(tenant);
    const doc = (days: number) => ({ key: 'k', name: 'K', steps: [{ id: 'w', type: 'wait', duration: `P${days}D`, next: 'e' }, { id: 'e', type: 'end' }] });
    const tenantId = tenant.tenant.id;
    expect(await storedStrategies.choose(service.platform.db, tenantId, facts)).toBeUndefined();
    for (const days of [1, 2, 3]) await call(service.url, 'POST', '/management/v1/strategies', { headers, json: doc(days) });
    await call(service.url, 'POST', '/management/v1/strategies/k/versions/1/publish', { headers });
    await call(service.url, 'POST', '/management/v1/strategies/k/versions/2/publish', { headers });
    await call(service.url, 'PUT', '/management/v1/strategy-assignment', { headers, json: { rules: [{ priority: 1, when: { '==': [{ var: 'facts.debtorCountry' }, 'SE'] }, strategyKey: 'k', version: 1 }], defaultStrategyKey: 'k' } });
    expect(await storedStrategies.choose(service.platform.db, tenantId, facts)).toMatchObject({ key: 'k', version: 1 });
    expect(await storedStrategies.choose(service.platform.db, tenantId, { ...facts, debtorCountry: 'DE' })).toMatchObject({ key: 'k', version: 2 });
    expect((await storedStrategies.latest(service.platform.db, tenantId, 'k'))?.version).toBe(2);
    await call(service.url, 'PUT', '/management/v1/strategy-assignment', { headers, json: { rules: [], defaultStrategyKey: 'k' } });
    expect((await call(service.url, 'POST', '/management/v1/strategies/k/versions/1/retire', { headers })).status).toBe(200);
    expect((await storedStrategies.load(service.platform.db, tenantId, 'k', 1))?.steps[0]).toMatchObject({ duration: 'P1D' });
    expect(await storedStrategies.load(service.platform.db, tenantId, 'k', 3)).toBeUndefined();
    expect(await storedStrategies.load(service.platform.db, (await service.createTenant()).tenant.id, 'k', 2)).toBeUndefined();
  });
});
