import type { FastifyInstance } from 'fastify';
import { withAtradiusErrors } from '../cover/api.js';
import { ApiError } from '../platform/http/api-error.js';
import { nonPaymentFace } from '../platform/http/faces/atradius.js';
import { registerFace } from '../platform/http/register-face.js';
import type { BusinessModule } from '../platform/module.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { casesContext } from './context.js';
import { nonPaymentRoutes } from './http/atradius-non-payments.js';
import { casesBackofficeRoutes } from './http/backoffice.js';
import { backofficeFace } from '../backoffice/api.js';
import { caseTimerSweeps, letterRenderSweep } from './sweeps.js';
import { collectionReactions } from './reactions/collections.js';
import { credableClaimReactions } from './reactions/credable-claims.js';
import { escalationReactions } from './reactions/collections-escalation.js';
import { insuranceContext } from '../insurance/api.js';

/** The Atradius gateway answers an unknown route with 403 (spec §4). */
const gatewayForbidden = new ApiError('forbidden', 'Forbidden');

export const casesModule: BusinessModule = {
  name: 'cases',
  async routes(app: FastifyInstance) {
    const ctx = casesContext(app.platform);
    await registerFace(app, nonPaymentFace, { prefix: '/credit-insurance/non-payment-management/v1', unknownRoute: gatewayForbidden }, withAtradiusErrors(nonPaymentFace, nonPaymentRoutes(ctx)));
    await registerFace(app, backofficeFace, { prefix: '/backoffice/v1' }, casesBackofficeRoutes(ctx));
  },
  sweeps: (platform) => [
    ...caseTimerSweeps(casesContext(platform)), letterRenderSweep(casesContext(platform), platform.logger),
  ] as Sweep<unknown>[],
  reactions: (platform) => [
    ...credableClaimReactions(platform, casesContext(platform), insuranceContext(platform)),
    ...collectionReactions(platform, casesContext(platform)),
    ...escalationReactions(platform, casesContext(platform)),
  ],
};
