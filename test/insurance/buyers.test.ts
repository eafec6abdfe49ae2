import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestService, type TestService } from '../support/service.js';
import { call } from '../support/http.js';
import { riskBuyers } from '../../src/risk/schema.js';
import { DEMO_BUYERS } from '../../src/risk/domain/demo-buyers.js';
import { CliError, runCliCommand } from '../../src/cli/commands.js';
import { api, quoteBody } from './support.js';

describeEachEngine('buyer registry', (engine) => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ engine });
  });
  afterAll(async () => service?.stop());
  const cli = () => ({ db: service.platform.db, clock: service.clock, publicBaseUrl: service.config.publicBaseUrl });

  it('is seeded with the bundled demo buyers by the migration', async () => {
    const rows = await service.platform.db.select().from(riskBuyers);
    const key = (b: { country: string; registryId: string }) => `${b.country}:${b.registryId}`;
    expect(rows.map((row) => ({ country: row.country, registryId: row.registryId, name: row.name, rating: row.rating })).sort((a, b) => key(a).localeCompare(key(b))))
      .toEqual([...DEMO_BUYERS].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('imports a CSV (all or nothing) and underwriting uses the new ratings at once', async () => {
    const tenant = await service.createTenant();
    const r = api(service, tenant, 'reinsure');
    const before = await r.create(quoteBody(service, { buyer_identifier: '5560000001' }));
    expect(before.status, before.text).toBe(201);
    expect((await r.get(before.body.id)).body.status.code).toBe('quote.offered');

    await expect(runCliCommand(cli(), { command: 'buyers.import', csv: 'country,registry_id,name,rating\nSE,5560000001,Failed AB,10\nSE,123,Bad AB,3\n' }))
      .rejects.toBeInstanceOf(CliError);
    expect(await runCliCommand(cli(), { command: 'buyers.import', csv: 'country,registry_id,name,rating\nSE,556000-0001,Failed AB,10\nNO,987654325,Fjordlaks Eksport AS,2\n' }))
      .toEqual({ imported: 2 });
    const after = await r.create(quoteBody(service, { buyer_identifier: '5560000001' }));
    expect((await r.get(after.body.id)).body.status).toEqual({ code: 'quote.rejected', reason: 'insurance_unavailable' });
    const exposure = await call(service.url, 'GET', '/backoffice/v1/buyers/SE/5560000001/exposure', { headers: { authorization: `Bearer ${tenant.sheet.credentials.staff.apiKey}` } });
    expect(exposure.body).toMatchObject({ name: 'Failed AB', rating: 10, registered: true, capacity: '0.00', exposure: '10010.00' });
  });

  it('creates staff credentials with roles from the CLI', async () => {
    const tenant = await service.createTenant();
    const created = await runCliCommand(cli(), { command: 'staff.create', tenant: tenant.tenant.id, roles: ['claims_handler'], label: 'Carla' }) as { authorization: string };
    expect((await call(service.url, 'GET', '/backoffice/v1/claims/pending', { headers: { authorization: created.authorization } })).status).toBe(200);
    expect((await call(service.url, 'GET', '/backoffice/v1/quotes/referred', { headers: { authorization: created.authorization } })).status).toBe(403);
  });
});
