import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { anonymousPlatformFace, managementFace } from '../platform/http/faces/platform-api.js';
import { registerFace } from '../platform/http/register-face.js';
import type { BusinessModule } from '../platform/module.js';
import { DiskFileStore } from '../platform/files/disk-file-store.js';
import type { Sweep } from '../platform/sweeper/sweeper.js';
import { FACE_BASE_PATHS } from '../platform/tenants/credential-sheet.js';
import { systemActor, unitOfWork } from '../platform/unit-of-work.js';
import type { Platform } from '../platform/services.js';
import { MESSAGE_MAIL_KIND, messagingContext } from './communications/context.js';
import { managementStrategyRoutes, strategySchemaRoutes } from './http/management-strategies.js';
import { templateManagementRoutes } from './http/management-templates.js';
import { debtorRecordSettingsRoutes } from './http/management-settings.js';
import { landingPageRoutes } from './http/landing-page.js';
import { receeveLandingRoutes } from './http/receeve-landing.js';
import { receeveDebtorRecordRoutes } from './http/receeve-debtor-records.js';
import { collectionsReactions, runReactions } from './reactions.js';
import { dueRunsSweep, instalmentPlanSweep, promiseDeadlineSweep } from './sweeps.js';
import { landingCleanupSweeps } from './landing/cleanup-sweeps.js';
import { JOURNEYS_ASYNC_QUEUE, journeysAsyncHandler, receeveJourneyRoutes } from './http/receeve-journeys.js';
import { receeveMessageRoutes } from './http/receeve-messages.js';
import { defaultStrategyText } from './strategies/default-strategy.js';
import { fallBackOnUndeliverableMessage } from './use-cases/messages/fall-back-on-undeliverable.js';
import { installDefaultStrategy } from './use-cases/strategies/install-default-strategy.js';
import { storedStrategies } from './use-cases/strategies/stored-strategies.js';
import { runMessageSender } from './use-cases/runs/run-messages.js';
import type { RunsContext } from './use-cases/runs/run-workspace.js';

/** Files a debtor or client may upload (#35): documents and images, never executables or archives. */
export const ALLOWED_UPLOAD_TYPES = [
  'application/pdf', 'image/png', 'image/jpeg', 'text/csv', 'text/plain', 'application/xml', 'text/xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

/** Spec #35's default upload limit. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** What the runs of this process share: the stored strategy versions (published through the management API), the business time zone, how messages go out. */
export function runsContext(platform: Pick<Platform, 'config' | 'jobs'>): RunsContext {
  return { strategies: storedStrategies, businessTimeZone: platform.config.BUSINESS_TIME_ZONE, sendMessage: runMessageSender(messagingContext(platform)) };
}

/**
 * Collections (collections.md): strategies as versioned data on the management face with their published schema,
 * the messages a claim's journey sends (templates, #28/#29), the runs of strategies on claims with the journey operations (#23–#25, #31), and the debtor records: promises to pay (#30), mandates
 * (#32–#34), files (#35) and instalment plans (#36–#40) with their deadline sweeps and their reaction to payments;
 * and the debtor's landing page (#26, /c/<token>).
 */
export const collectionsModule: BusinessModule = {
  name: 'collections',
  async routes(app: FastifyInstance) {
    await registerFace(app, anonymousPlatformFace, { prefix: '/schemas' }, strategySchemaRoutes(app.platform.config.publicBaseUrl));
    await registerFace(app, managementFace, { prefix: FACE_BASE_PATHS.management }, managementStrategyRoutes);
    await receeveMessageRoutes(app);
    await templateManagementRoutes(app);
    const files = new DiskFileStore(join(app.platform.config.DATA_DIR, 'files'));
    const uploads = { files, maxFileBytes: MAX_UPLOAD_BYTES, allowedContentTypes: ALLOWED_UPLOAD_TYPES };
    await receeveDebtorRecordRoutes(uploads)(app);
    await debtorRecordSettingsRoutes(app);
    await receeveJourneyRoutes(runsContext(app.platform))(app);
    await receeveLandingRoutes(app);
    await landingPageRoutes(app, uploads);
  },
  reactions: (platform: Platform) => [...collectionsReactions(platform), ...runReactions(platform, runsContext(platform))],
  sweeps: (platform: Platform) => [
    promiseDeadlineSweep() as Sweep<unknown>, instalmentPlanSweep(platform.config) as Sweep<unknown>, dueRunsSweep(runsContext(platform)) as Sweep<unknown>,
    ...landingCleanupSweeps() as Sweep<unknown>[],
  ],
  queues: [{ name: JOURNEYS_ASYNC_QUEUE, retryLimit: 5, retryDelaySeconds: 5, retryBackoff: true, expireInSeconds: 5 * 60 }],
  jobHandlers: (platform: Platform) => ({ [JOURNEYS_ASYNC_QUEUE]: journeysAsyncHandler(platform, runsContext(platform)) }),
  undeliverableMailHandlers: (platform) => ({ [MESSAGE_MAIL_KIND]: fallBackOnUndeliverableMessage(messagingContext(platform)) }),
  async tenantCreated(setup, tenant) {
    const strategy = await setup.db.transaction((tx) =>
      installDefaultStrategy(unitOfWork({ tx, tenant, clock: setup.clock, actor: systemActor('tenant-setup') }), defaultStrategyText()));
    return {
      key: 'collections',
      facts: { defaultStrategy: { key: strategy.key, version: strategy.version, contentHash: strategy.contentHash } },
      bannerLines: [`Collections: strategy "${strategy.key}" v${strategy.version} published and assigned to every claim`],
    };
  },
};
