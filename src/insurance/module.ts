import type { FastifyInstance } from 'fastify';
import type { BusinessModule } from '../platform/module.js';
import { connectFace, insureFace, reinsureFace } from '../platform/http/faces/credable.js';
import { registerFace } from '../platform/http/register-face.js';
import type { Platform } from '../platform/services.js';
import type { JobHandler } from '../platform/jobs/queue.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { loadInsuranceConfig } from './config.js';
import { CONNECT_PRICING_QUEUE, type ConnectContext } from './connect/context.js';
import { unpricedRequestSweep } from './connect/orphans.js';
import { connectPricingHandler } from './connect/price.js';
import { connectTimerSweep } from './connect/sweep.js';
import { QUOTE_MAIL_KIND, declineOnUndeliverableQuoteMail } from './connect/undeliverable.js';
import { connectRoutes } from './http/connect.js';
import { quoteRoutes } from './http/credable.js';
import { purchasePageRoutes } from './http/purchase-page.js';
import { signPageRoutes } from './http/sign-page.js';
import { PAYMENT_PROVIDERS } from './payments/registry.js';
import type { InsuranceContext } from './service.js';
import { quoteTimerSweep } from './sweeps.js';
import { backofficeFace } from '../backoffice/face.js';
import { backofficeRoutes } from '../backoffice/routes.js';

export function insuranceContext(platform: Pick<Platform, 'config'>): InsuranceContext {
  return { config: loadInsuranceConfig(platform.config.BUSINESS_TIME_ZONE), publicBaseUrl: platform.config.publicBaseUrl };
}

export function connectContext(platform: Pick<Platform, 'config' | 'jobs'>): ConnectContext {
  return { ...insuranceContext(platform), jobs: platform.jobs, mailFrom: platform.config.MAIL_FROM, payments: PAYMENT_PROVIDERS };
}

export const insuranceModule: BusinessModule = {
  name: 'insurance',
  async routes(app: FastifyInstance) {
    const ctx = insuranceContext(app.platform);
    const connect = connectContext(app.platform);
    await registerFace(app, connectFace, { prefix: '/connect/v1' }, connectRoutes(connect));
    await registerFace(app, reinsureFace, { prefix: '/api/reinsure/v2' }, quoteRoutes('reinsure', ctx));
    await registerFace(app, insureFace, { prefix: '/api/insure/v2' }, quoteRoutes('insure', ctx));
    await signPageRoutes(ctx)(app);
    await purchasePageRoutes(connect)(app);
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, backofficeRoutes(ctx));
  },
  // Pricing is quick; a job whose worker died is retried after pg-boss expires it.
  queues: [{ name: CONNECT_PRICING_QUEUE, retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120 }],
  jobHandlers: (platform) => ({ [CONNECT_PRICING_QUEUE]: connectPricingHandler(platform, connectContext(platform)) as JobHandler<never> }),
  sweeps: (platform) => [
    quoteTimerSweep(insuranceContext(platform)) as Sweep<unknown>,
    connectTimerSweep(insuranceContext(platform)) as Sweep<unknown>,
    unpricedRequestSweep(connectContext(platform)) as Sweep<unknown>,
  ],
  undeliverableMailHandlers: (platform) => ({ [QUOTE_MAIL_KIND]: declineOnUndeliverableQuoteMail(connectContext(platform)) }),
};
