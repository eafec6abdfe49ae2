import type { FastifyInstance } from 'fastify';
import { connectFace, insureFace, reinsureFace } from '../platform/http/faces/credable.js';
import { registerFace } from '../platform/http/register-face.js';
import type { JobHandler } from '../platform/jobs/queue.js';
import type { BusinessModule } from '../platform/module.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { QUOTE_MAIL_KIND } from './connect/mail.js';
import { sellerDashboardRoutes } from './dashboard/http/seller-pages.js';
import { connectPricingHandler } from './connect/pricing-job.js';
import { connectTimerSweep, unpricedRequestSweep } from './connect/sweeps.js';
import { CONNECT_PRICING_QUEUE, connectContext, insuranceContext } from './context.js';
import { connectRoutes } from './http/connect.js';
import { quoteRoutes } from './http/credable.js';
import { purchasePageRoutes } from './http/purchase-page.js';
import { signPageRoutes } from './http/sign-page.js';
import { quoteTimerSweep } from './sweeps.js';
import { sellerSignInCleanupSweeps } from './dashboard/cleanup-sweeps.js';
import { declineOnUndeliverableQuoteMail } from './use-cases/connect/decline-undeliverable-quote.js';

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
    await sellerDashboardRoutes(connect)(app);
  },
  // Pricing is quick; a job whose worker died is retried after pg-boss expires it.
  queues: [{ name: CONNECT_PRICING_QUEUE, retryLimit: 10, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 120 }],
  jobHandlers: (platform) => ({ [CONNECT_PRICING_QUEUE]: connectPricingHandler(platform, connectContext(platform)) as JobHandler<never> }),
  sweeps: (platform) => [
    quoteTimerSweep(insuranceContext(platform)) as Sweep<unknown>,
    connectTimerSweep(insuranceContext(platform)) as Sweep<unknown>,
    unpricedRequestSweep(connectContext(platform)) as Sweep<unknown>,
    ...sellerSignInCleanupSweeps() as Sweep<unknown>[],
  ],
  undeliverableMailHandlers: (platform) => ({ [QUOTE_MAIL_KIND]: declineOnUndeliverableQuoteMail(connectContext(platform)) }),
};
