// A new tenant is created together with what each module sets up for it (BusinessModule.tenantCreated), in one
// transaction: the demo tenant's sheet and banner name the Cover ids, and a module that fails leaves no tenant.
import { afterEach, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { demoBanner, ensureDemoTenant } from '../../src/platform/tenants/demo.js';
import { countTenants } from '../../src/platform/tenants/service.js';
import type { BusinessModule } from '../../src/platform/module.js';
import { MODULES } from '../../src/modules.js';

describeEachEngine('tenant set-up by the modules', (engine) => {
  let service: TestService | undefined;
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  it('the demo tenant is created once, with its demo customer and policy named on the sheet and in the banner', async () => {
    service = await startTestService({ engine });
    const demo = await ensureDemoTenant(service.platform, MODULES);
    expect(demo).toBeDefined();
    const [customer] = (demo!.sheet as any).creditInsurance.customers;
    expect(customer).toEqual({ customerId: expect.any(Number), name: 'Demo Exporter AB', policyIds: [expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)] });
    expect(demoBanner(demo!)).toContain(`Cover + Non-Payments ids: customerId ${customer.customerId} (Demo Exporter AB), policyId ${customer.policyIds.join(', ')}`);
    expect(await ensureDemoTenant(service.platform, MODULES)).toBeUndefined();
    expect(await countTenants(service.platform.db)).toBe(1);
  });

  it('a module whose set-up fails leaves no tenant behind (and nothing the modules before it wrote)', async () => {
    service = await startTestService({ engine });
    const failing: BusinessModule = { name: 'failing', tenantCreated: async () => { throw new Error('set-up failed'); } };
    await expect(ensureDemoTenant(service.platform, [...MODULES, failing])).rejects.toThrow('set-up failed');
    expect(await countTenants(service.platform.db)).toBe(0);
    const rows = await service.platform.handle.query<{ n: number }>('SELECT count(*)::int AS n FROM cover_customers');
    expect(rows[0]!.n).toBe(0);
  });
});
