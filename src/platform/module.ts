import type { FastifyInstance } from 'fastify';
import type { QueueDefinition, JobHandler } from './jobs/queue.js';
import type { UndeliverableMailHandler } from './mail/send.js';
import type { Sweep } from './sweeper/sweeper.js';
import type { Platform } from './services.js';

/**
 * A business module plugs into the service through this interface: its HTTP routes (mounted on a face with
 * `registerFace`), its job queues and their handlers, and its deadline sweeps. The app lists its modules in
 * `src/modules.ts`; platform never imports a module.
 */
export interface BusinessModule {
  name: string;
  routes?(app: FastifyInstance): Promise<void>;
  queues?: QueueDefinition[];
  /** Job handlers by queue name; run only in processes with the worker role. */
  jobHandlers?(platform: Platform): Record<string, JobHandler<never>>;
  /** Deadline sweeps; run only in processes with the worker role. */
  sweeps?(platform: Platform): Sweep<unknown>[];
  /** What to do, by message kind, when a message this module queued can never be delivered (see sendStoredMail). */
  undeliverableMailHandlers?(platform: Platform): Record<string, UndeliverableMailHandler>;
}
