import type { FastifyInstance } from 'fastify';
import type { QueueDefinition, JobHandler } from './jobs/queue.js';
import type { UndeliverableMailHandler } from './mail/send.js';
import type { Sweep } from './sweeper/sweeper.js';
import type { Platform } from './services.js';
import type { Clock } from './clock.js';
import type { Database } from './db/database.js';
import type { Tenant } from './tenants/tenant.js';
import type { EventReaction } from './events/reactions.js';

/** What a module needs to set up a tenant it has just been told of. */
export interface TenantSetup {
  /** The transaction that creates the tenant: what a module writes commits with it, or not at all. */
  db: Database;
  /** The system clock (a new tenant's test clock has no offset yet). */
  clock: Clock;
  businessTimeZone: string;
}

/** A module's part of a new tenant's credential sheet: a key of the sheet's JSON, and its lines in the demo banner. */
export interface CredentialSheetSection {
  key: string;
  facts: unknown;
  bannerLines: string[];
}

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
  /**
   * How this module reacts to events (its own or another module's): each reaction gets every committed event of
   * its types at least once, through a job, in processes with the worker role. Called in every process, since the
   * API writes events knowing which types reactions want; build handlers only, start nothing here.
   */
  reactions?(platform: Platform): EventReaction[];
  /** What to do, by message kind, when a message this module queued can never be delivered (see sendStoredMail). */
  undeliverableMailHandlers?(platform: Platform): Record<string, UndeliverableMailHandler>;
  /**
   * Called once a tenant and its credentials exist: sets up what a new tenant starts with (a sandbox's demo data)
   * and says what its credential sheet shows of this module (the ids its clients put in their requests).
   */
  tenantCreated?(setup: TenantSetup, tenant: Tenant): Promise<CredentialSheetSection | undefined>;
}
