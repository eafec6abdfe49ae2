import type { FastifyInstance } from 'fastify';
import type { BusinessModule } from '../modules.js';
import { insureFace, reinsureFace } from '../platform/http/faces/credable.js';
import { registerFace } from '../platform/http/register-face.js';
import type { Platform } from '../platform/services.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { loadInsuranceConfig } from './config.js';
import { quoteRoutes } from './http/credable.js';
import { signPageRoutes } from './http/sign-page.js';
import type { InsuranceContext } from './service.js';
import { quoteTimerSweep } from './sweeps.js';
import { backofficeFace } from '../backoffice/face.js';
import { backofficeRoutes } from '../backoffice/routes.js';

export function insuranceContext(platform: Pick<Platform, 'config'>): InsuranceContext {
  return { config: loadInsuranceConfig(platform.config.BUSINESS_TIME_ZONE), publicBaseUrl: platform.config.publicBaseUrl };
}

export const insuranceModule: BusinessModule = {
  name: 'insurance',
  async routes(app: FastifyInstance) {
    const ctx = insuranceContext(app.platform);
    await registerFace(app, reinsureFace, { prefix: '/api/reinsure/v2' }, quoteRoutes('reinsure', ctx));
    await registerFace(app, insureFace, { prefix: '/api/insure/v2' }, quoteRoutes('insure', ctx));
    await signPageRoutes(ctx)(app);
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, backofficeRoutes(ctx));
  },
  sweeps: (platform) => [quoteTimerSweep(insuranceContext(platform)) as Sweep<unknown>],
};
