import type { BusinessModule } from '../platform/module.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { orphanedAsyncRequestSweep } from './async-orphans.js';
import { receeveServicingRoutes } from './http/receeve.js';
import { asyncRequestHandler } from './http/receeve-async.js';
import { ASYNC_QUEUE } from './use-cases/queue-async-request.js';

/** Debt servicing (Receeve face): accounts, ledger, claims, payments, events. */
export const servicingModule: BusinessModule = {
  name: 'servicing',
  routes: receeveServicingRoutes,
  // A job whose worker died is retried once pg-boss expires it: 5 minutes is far above any 1,000-item batch.
  queues: [{ name: ASYNC_QUEUE, retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 5 * 60 }],
  jobHandlers: (platform) => ({ [ASYNC_QUEUE]: asyncRequestHandler(platform) }),
  sweeps: (platform) => [orphanedAsyncRequestSweep(platform) as Sweep<unknown>],
};
