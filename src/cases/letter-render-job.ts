import type PgBoss from 'pg-boss';
import { clockFor, type Platform } from '../platform/services.js';
import { findTenant } from '../platform/tenants/service.js';
import type { CasesContext, LetterRenderJob } from './context.js';
import { renderIssuedLetter } from './use-cases/render-letter.js';

/** The pg-boss handler of LETTER_RENDER_QUEUE: a failure is retried with backoff (the job is idempotent). */
export function letterRenderHandler(platform: Platform, ctx: CasesContext) {
  return async (job: PgBoss.JobWithMetadata<LetterRenderJob>): Promise<void> => {
    const tenant = await findTenant(platform.db, job.data.tenantId);
    if (!tenant) {
      platform.logger.error({ jobId: job.id }, 'letter render job for an unknown tenant');
      return;
    }
    const outcome = await renderIssuedLetter(platform.db, ctx, tenant, clockFor(platform, tenant).now(), job.data.letterNumber);
    if (outcome === 'no-such-letter') platform.logger.error({ jobId: job.id, letterNumber: job.data.letterNumber }, 'letter render job for an unknown letter');
  };
}
