import type { FastifyInstance } from 'fastify';
import { backofficeFace } from '../backoffice/api.js';
import { ApiError } from '../platform/http/api-error.js';
import { coverFace } from '../platform/http/faces/atradius.js';
import { registerFace } from '../platform/http/register-face.js';
import type { BusinessModule } from '../platform/module.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { unitOfWork, systemActor } from '../platform/unit-of-work.js';
import { creditInsuranceSheetSection } from './credential-sheet.js';
import { coverContext } from './context.js';
import { buyerRoutes } from './http/atradius-buyers.js';
import { coverRoutes } from './http/atradius-cover.js';
import { withCoverErrors } from './http/atradius-wire.js';
import { policyRoutes } from './http/atradius-policies.js';
import { coverBackofficeRoutes } from './http/backoffice.js';
import { coverDeadlineSweep } from './sweeps.js';
import { setUpNewTenant } from './use-cases/set-up-new-tenant.js';

/** The Atradius gateway answers an unknown route with 403 (spec §4). */
const gatewayForbidden = new ApiError('forbidden', 'Forbidden');

export const coverModule: BusinessModule = {
  name: 'cover',
  async routes(app: FastifyInstance) {
    const ctx = coverContext(app.platform.config);
    await registerFace(app, coverFace, { prefix: '/credit-insurance/cover-management/v1', unknownRoute: gatewayForbidden }, withCoverErrors(coverRoutes(ctx)));
    await registerFace(app, coverFace, { prefix: '/credit-insurance/organisation-management/v1', unknownRoute: gatewayForbidden }, withCoverErrors(buyerRoutes));
    await registerFace(app, coverFace, { prefix: '/credit-insurance/policy-management/v1', unknownRoute: gatewayForbidden }, withCoverErrors(policyRoutes(ctx)));
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, coverBackofficeRoutes(ctx));
  },
  async tenantCreated(setup, tenant) {
    const ctx = coverContext({ BUSINESS_TIME_ZONE: setup.businessTimeZone });
    const portfolio = await setup.db.transaction((tx) => setUpNewTenant(unitOfWork({ tx, tenant, clock: setup.clock, actor: systemActor('tenant-setup') }), ctx));
    return creditInsuranceSheetSection(portfolio);
  },
  sweeps: (platform) => [coverDeadlineSweep(coverContext(platform.config)) as Sweep<unknown>],
};
